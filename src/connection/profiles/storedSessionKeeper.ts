// Each named connection's session is renewed on its own schedule, in use or not: a support engineer
// switches between tenants many times an hour, and a session that ran out while another tenant was
// in use would ask for a password again. The tenant in use is renewed by its Connection (which holds
// its token in memory); every other one here, from the keychain and back to it. No `vscode` import.
import { isNcxError } from '../../api/errors';
import type { SecretAwareLog } from '../../log/redactingLog';
import { realTimers, type Timers } from '../../model/timers';
import { messageOf } from '../activeSession';
import type { AuthScheme, TokenClaims, TokenGrant } from '../connectionTypes';
import type { SessionStore } from '../sessionStore';
import { RefreshTimer, RETRY_AFTER_FAILURE_MS } from '../tokenSchedule';
import { checkServerUrl } from '../urlPolicy';
import { sameTenant } from '../tenantName';

export interface StoredSessionKeeperDeps {
  /** The named connections' names. */
  tenants(): readonly string[];
  /** The tenant whose session the connection holds now (its Connection renews it). */
  inUse(): string | undefined;
  sessions: SessionStore;
  refreshToken(grant: TokenGrant, authScheme: AuthScheme): Promise<TokenGrant>;
  authScheme(tenant: string): AuthScheme;
  readClaims(token: string): TokenClaims;
  allowInsecureHttp(): boolean;
  log: Pick<SecretAwareLog, 'info' | 'warn' | 'addSecret'>;
  now?: () => number;
  timers?: Timers;
}

export class StoredSessionKeeper {
  /** One pending renewal per tenant (lower-cased name). */
  private readonly pending = new Map<string, RefreshTimer>();
  private readonly now: () => number;
  private disposed = false;

  constructor(private readonly deps: StoredSessionKeeperDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Schedules each stored session not in use (call on start, and when the connections, the sessions or the tenant in use change). */
  async rescan(): Promise<void> {
    const names = new Map(this.deps.tenants().map((name) => [name.toLowerCase(), name]));
    for (const key of [...this.pending.keys()]) {
      if (!names.has(key)) this.cancel(key);
    }
    await Promise.all([...names].map(([key, name]) => this.scheduleOne(key, name)));
  }

  /** Whether a renewal is scheduled for the tenant (for tests and the log). */
  isScheduled(tenant: string): boolean {
    return this.pending.get(tenant.toLowerCase())?.pending ?? false;
  }

  dispose(): void {
    this.disposed = true;
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }

  private async scheduleOne(key: string, name: string): Promise<void> {
    if (this.isInUse(key)) {
      this.cancel(key);
      return;
    }
    const stored = await this.deps.sessions.get(name);
    if (this.disposed || this.isInUse(key)) return;
    const expiresAt = stored === undefined ? undefined : this.deps.readClaims(stored.token).expiresAt;
    if (expiresAt === undefined || expiresAt <= this.now()) {
      // Nothing to renew: no session, one that never expires, or one that already has (asks for a sign-in when used).
      this.cancel(key);
      return;
    }
    this.timerOf(key).schedule(expiresAt, () => void this.renew(key, name));
  }

  private async renew(key: string, name: string): Promise<void> {
    if (this.disposed || this.isInUse(key)) return;
    const stored = await this.deps.sessions.get(name);
    if (stored === undefined) return;
    try {
      const grant = await this.deps.refreshToken({ location: stored.location, token: stored.token }, this.deps.authScheme(name));
      const location = checkServerUrl(grant.location, this.deps.allowInsecureHttp());
      if (!location.ok) throw new Error(location.reason);
      this.deps.log.addSecret(grant.token);
      // Another window may have renewed it or signed out meanwhile, or it may be in use now: theirs stands.
      const current = await this.deps.sessions.get(name);
      if (this.disposed || this.isInUse(key) || current?.token !== stored.token) return;
      await this.deps.sessions.set(name, { ...stored, location: grant.location, token: grant.token });
      this.deps.log.info(`Session token of ${name} renewed while another connection is in use`);
      // The store's change event schedules the next renewal; without one (a store that stays silent) do it here.
      await this.scheduleOne(key, name);
    } catch (error) {
      if (isNcxError(error) && error.kind === 'unauthorized') {
        // Revoked or expired on the server: switching to it will ask for a sign-in. No retry loop.
        this.deps.log.warn(`${name} no longer accepts its stored session (401); it will ask for a sign-in when used`);
        this.cancel(key);
        return;
      }
      this.deps.log.warn(`Renewing the stored session of ${name} failed (${messageOf(error)}); trying again shortly`);
      this.timerOf(key).retryIn(RETRY_AFTER_FAILURE_MS, () => void this.renew(key, name));
    }
  }

  private isInUse(key: string): boolean {
    return sameTenant(key, this.deps.inUse());
  }

  private timerOf(key: string): RefreshTimer {
    let timer = this.pending.get(key);
    if (!timer) {
      timer = new RefreshTimer(this.now, this.deps.timers ?? realTimers);
      this.pending.set(key, timer);
    }
    return timer;
  }

  private cancel(key: string): void {
    this.pending.get(key)?.cancel();
    this.pending.delete(key);
  }
}
