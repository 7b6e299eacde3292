// SessionStore over VS Code's SecretStorage (the OS keychain in desktop VS Code): one key per tenant.
import type * as vscode from 'vscode';
import { Emitter } from './emitter';
import { parseStoredSession, type SessionStore, type StoredSession } from './sessionStore';

/** Where the one session of the single-connection versions lived (moved to a tenant's key on start). */
export const LEGACY_SESSION_SECRET_KEY = 'workitemInspector.ncxSession';
const TENANT_KEY_PREFIX = `${LEGACY_SESSION_SECRET_KEY}.`;

/** The secret's key of a tenant's session; names compare without regard to case, so keys do too. */
export function sessionSecretKey(tenant: string): string {
  return `${TENANT_KEY_PREFIX}${tenant.toLowerCase()}`;
}

export class SecretSessionStore implements SessionStore, vscode.Disposable {
  private readonly changed = new Emitter<string>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key.startsWith(TENANT_KEY_PREFIX)) {
        this.changed.fire(event.key.slice(TENANT_KEY_PREFIX.length));
      }
    });
  }

  async get(tenant: string): Promise<StoredSession | undefined> {
    return parseStoredSession(await this.secrets.get(sessionSecretKey(tenant)));
  }

  async set(tenant: string, session: StoredSession): Promise<void> {
    await this.secrets.store(sessionSecretKey(tenant), JSON.stringify(session));
  }

  async delete(tenant: string): Promise<void> {
    await this.secrets.delete(sessionSecretKey(tenant));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
