// SessionStore in memory, standing in for SecretStorage; `changeFromAnotherWindow` writes the way a
// second VS Code window would (the store changes and onDidChange fires).
import { Emitter } from '../../../../src/connection/emitter';
import type { SessionStore, StoredSession } from '../../../../src/connection/sessionStore';

export class MemorySessionStore implements SessionStore {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  session: StoredSession | undefined;
  writes = 0;

  async get(): Promise<StoredSession | undefined> {
    return this.session;
  }

  async set(session: StoredSession): Promise<void> {
    this.session = session;
    this.writes++;
    this.changed.fire();
  }

  async delete(): Promise<void> {
    this.session = undefined;
    this.changed.fire();
  }

  changeFromAnotherWindow(session: StoredSession | undefined): void {
    this.session = session;
    this.changed.fire();
  }
}
