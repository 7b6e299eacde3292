// SessionStore in memory, standing in for SecretStorage; `changeFromAnotherWindow` writes the way a
// second VS Code window would (the store changes and onDidChange fires). `session` is the session
// of the tenant last touched (what a test with one tenant asks about).
import { Emitter } from '../../../../src/connection/emitter';
import type { SessionStore, StoredSession } from '../../../../src/connection/sessionStore';

export class MemorySessionStore implements SessionStore {
  private readonly changed = new Emitter<string>();
  readonly onDidChange = this.changed.event;
  readonly byTenant = new Map<string, StoredSession>();
  /** The tenant `session` reads and writes: the one last touched. */
  tenant = '';
  writes = 0;

  get session(): StoredSession | undefined {
    return this.byTenant.get(this.tenant);
  }

  set session(session: StoredSession | undefined) {
    if (session === undefined) this.byTenant.delete(this.tenant);
    else this.byTenant.set(this.tenant, session);
  }

  async get(tenant: string): Promise<StoredSession | undefined> {
    this.tenant = tenant.toLowerCase();
    return this.session;
  }

  async set(tenant: string, session: StoredSession): Promise<void> {
    this.tenant = tenant.toLowerCase();
    this.session = session;
    this.writes++;
    this.changed.fire(this.tenant);
  }

  async delete(tenant: string): Promise<void> {
    this.tenant = tenant.toLowerCase();
    this.session = undefined;
    this.changed.fire(this.tenant);
  }

  changeFromAnotherWindow(session: StoredSession | undefined, tenant = this.tenant): void {
    this.tenant = tenant.toLowerCase();
    this.session = session;
    this.changed.fire(this.tenant);
  }
}
