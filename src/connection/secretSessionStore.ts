// SessionStore over VS Code's SecretStorage (the OS keychain in desktop VS Code).
import type * as vscode from 'vscode';
import { Emitter } from './emitter';
import { parseStoredSession, type SessionStore, type StoredSession } from './sessionStore';

export const SESSION_SECRET_KEY = 'workitemInspector.ncxSession';

export class SecretSessionStore implements SessionStore, vscode.Disposable {
  private readonly changed = new Emitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key === SESSION_SECRET_KEY) {
        this.changed.fire();
      }
    });
  }

  async get(): Promise<StoredSession | undefined> {
    return parseStoredSession(await this.secrets.get(SESSION_SECRET_KEY));
  }

  async set(session: StoredSession): Promise<void> {
    await this.secrets.store(SESSION_SECRET_KEY, JSON.stringify(session));
  }

  async delete(): Promise<void> {
    await this.secrets.delete(SESSION_SECRET_KEY);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
