// Where the inspector's requests go, and as whom. Two modes: the local sandbox (the default: the
// extension starts it as a child process the first time something needs data, and signs in as its
// admin) or an NCX tenant, one of the named connections, each with its session under its own key.
// Everything else asks `getApi()` and listens to `onDidChangeConnection`; nobody else sees the token.
import { NcxError, isNcxError } from '../api/errors';
import { withoutTrailingSlashes } from '../api/paths';
import type { WorkitemsApi } from '../api/workitemsApi';
import type { Settings } from '../config/settings';
import { l10n } from '../ui/l10n';
import { realTimers } from '../model/timers';
import { Emitter, type Event } from './emitter';
import type { StoredSession } from './sessionStore';
import { RETRY_AFTER_FAILURE_MS, RefreshTimer } from './tokenSchedule';
import { guardUnauthorized } from './unauthorizedGuard';
import { checkServerUrl } from './urlPolicy';
import {
  SANDBOX_ADMIN,
  type AuthScheme,
  type ConnectionDeps,
  type ConnectionMode,
  type ConnectionState,
  type SignInRequest,
  type TokenGrant,
} from './connectionTypes';
import { describeSession, hostOf, messageOf, type ActiveSession } from './activeSession';
import { SandboxSupervisor } from './sandboxSupervisor';
import { findProfile, type ConnectionProfile } from './profiles/connectionProfile';
import { sameTenant } from './tenantName';

export * from './connectionTypes';

/** A sandbox that rejects its own fresh admin token twice within this window is broken, not expired. */
const SANDBOX_RESIGN_MIN_INTERVAL_MS = 30_000;

export class Connection {
  private mode: ConnectionMode;
  /** The NCX tenant (named connection) used in NCX mode; kept while on the sandbox, for going back. */
  private tenant: string | undefined;
  /**
   * The mode and tenant this connection last wrote, until the settings show them. In a remote
   * window a write resolves before its value (and its change event) reaches this process, so until
   * then what the settings say is an earlier value on its way out, not somebody's choice.
   */
  private expected: { mode: ConnectionMode; tenant: string | undefined } | undefined;
  /** Settles once `deps.prepare` ran: nothing is read before (a session may be moving keys). */
  private readonly prepared: Promise<void>;
  private session: ActiveSession | undefined;
  private connecting: Promise<ActiveSession> | undefined;
  /** Bumped whenever the connection is reset, so a slow connect from before cannot win. */
  private generation = 0;
  private readonly sandbox: SandboxSupervisor;
  private forgetToken: (() => void) | undefined;
  private lastSandboxResign = Number.NEGATIVE_INFINITY;
  private current: ConnectionState;
  private disposed = false;
  private readonly now: () => number;
  private readonly refreshTimer: RefreshTimer;
  private readonly stateChanged = new Emitter<ConnectionState>();
  private readonly connectionChanged = new Emitter<void>();
  private readonly tokenRejected = new Emitter<ConnectionState>();

  /** Every change of what the status bar shows. */
  readonly onDidChangeState: Event<ConnectionState> = this.stateChanged.event;
  /** The API handed out before is stale (other location, other user, signed out): reload. */
  readonly onDidChangeConnection: Event<void> = this.connectionChanged.event;
  /** NCX refused the session's token (401): the user has to sign in again. */
  readonly onDidRejectToken: Event<ConnectionState> = this.tokenRejected.event;

  constructor(private readonly deps: ConnectionDeps) {
    this.now = deps.now ?? Date.now;
    this.refreshTimer = new RefreshTimer(this.now, deps.timers ?? realTimers);
    this.sandbox = new SandboxSupervisor(deps.startSandbox, deps.log, () => this.sandboxExited());
    this.mode = deps.settings()['connection.mode'];
    this.tenant = deps.settings()['connection.tenant'] || undefined;
    this.current = this.withTenant({ mode: this.mode, status: 'idle', authorities: [] });
    // Not a real secret (the sandbox is local), but a password is a password in a pasted log.
    deps.log.addSecret(SANDBOX_ADMIN.password);
    this.prepared = (deps.prepare?.() ?? Promise.resolve()).then(
      () => {
        if (this.followSettings()) {
          this.reset();
          this.connectionChanged.fire();
        }
      },
      (error: unknown) => deps.log.error(`Preparing the stored connections failed: ${messageOf(error)}`),
    );
    if (this.mode === 'ncx') {
      void this.describeStoredSession(this.generation);
    }
  }

  /** The NCX tenant chosen (named connection), whether or not it is the one in use now. */
  get tenantName(): string | undefined {
    return this.tenant;
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** The permissions of the signed-in user (token authorities). */
  get permissions(): readonly string[] {
    return this.current.authorities;
  }

  /** The API of the current connection; connects first (starting the sandbox) when needed. */
  getApi(): Promise<WorkitemsApi> {
    if (this.disposed) {
      return Promise.reject(new NcxError('cancelled', l10n.t('The extension is shutting down.')));
    }
    if (this.session) {
      return Promise.resolve(this.session.api);
    }
    if (!this.connecting) {
      const attempt = this.connect(this.generation);
      this.connecting = attempt;
      const clear = (): void => {
        if (this.connecting === attempt) {
          this.connecting = undefined;
        }
      };
      attempt.then(clear, clear);
    }
    return this.connecting.then((session) => session.api);
  }

  /**
   * Where the events socket of the current connection lives and how to authenticate to it: the
   * token is handed out as a reader, read at each (re)connect, like the API client reads it.
   */
  async liveEndpoint(): Promise<{ location: string; token: () => string | undefined; authScheme: Settings['ncx.authScheme'] }> {
    await this.getApi();
    const session = this.session;
    if (!session) {
      throw new NcxError('cancelled', l10n.t('The connection changed.'));
    }
    return { location: session.location, token: () => (this.session === session ? session.token : undefined), authScheme: session.authScheme };
  }

  /** Signs in to NCX with the user's credentials and makes that the connection. */
  async signIn(request: SignInRequest): Promise<ConnectionState> {
    const settings = this.deps.settings();
    const login = checkServerUrl(request.loginUrl, settings['ncx.allowInsecureHttp']);
    if (!login.ok) {
      throw new NcxError('badRequest', login.reason);
    }
    const loginUrl = withoutTrailingSlashes(login.url.toString());
    this.deps.log.info(`Signing in to ${login.url.host} as ${request.username}`);
    const grant = await this.deps.signIn({ loginUrl, username: request.username, password: request.password });
    const location = checkServerUrl(grant.location, settings['ncx.allowInsecureHttp']);
    if (!location.ok) {
      throw new NcxError('badRequest', l10n.t('The server sent a location that is not safe to use: {0}', location.reason));
    }
    const tenant = request.tenant ?? hostOf(grant.location)?.toLowerCase() ?? login.url.host.toLowerCase();
    this.mode = 'ncx';
    this.tenant = tenant;
    // Signing in to the embedded sandbox itself (e.g. as a read-only user) must not stop it.
    this.reset({ keepSandbox: isSameOrigin(grant.location, this.sandbox.url) });
    const session = this.buildSession('ncx', grant, loginUrl, request.username, settings);
    await this.deps.sessions.set(tenant, this.toStored(session));
    this.adopt(session);
    if (request.tenant === undefined) await this.rememberTenant({ name: tenant, loginUrl });
    await this.writeMode('ncx');
    this.deps.log.info(`Signed in to ${login.url.host} as ${session.username} (connection ${tenant})`);
    this.connectionChanged.fire();
    return this.current;
  }

  /** Forgets a tenant's session (its stored token too); by default the tenant chosen now. No other tenant's. */
  async signOut(tenant: string | undefined = this.tenant): Promise<void> {
    if (tenant === undefined) return;
    await this.deps.sessions.delete(tenant);
    if (this.mode === 'ncx' && this.isCurrentTenant(tenant)) {
      this.reset();
      this.setState({ mode: 'ncx', status: 'signedOut', authorities: [] });
      this.connectionChanged.fire();
    }
    this.deps.log.info(`Signed out of ${tenant}`);
  }

  /**
   * Switches to a named connection, with the session stored for it (nothing is fetched yet; without
   * a stored session the state says signed out). The sandbox stops, as when signing in.
   */
  async useTenant(tenant: string): Promise<void> {
    if (this.mode === 'ncx' && this.isCurrentTenant(tenant)) return;
    this.mode = 'ncx';
    this.tenant = tenant;
    this.reset();
    this.connectionChanged.fire();
    await this.writeMode('ncx');
  }

  /** Switches back to the local sandbox (the stored NCX session stays for a later sign-in). */
  async useSandbox(): Promise<void> {
    if (this.mode === 'sandbox') {
      return;
    }
    this.mode = 'sandbox';
    this.reset();
    this.connectionChanged.fire();
    await this.writeMode('sandbox');
  }

  private async writeMode(mode: ConnectionMode): Promise<void> {
    this.expected = { mode, tenant: this.tenant };
    try {
      await this.deps.setMode(mode, this.tenant);
      // Where the write is seen at once (no change event may follow an unchanged value), it has landed.
      // A change event may have seen it land already (and cleared it), or a newer write may be expected.
      const expected = this.expected;
      if (expected !== undefined && this.settingsShow(expected)) this.expected = undefined;
    } catch (error) {
      this.expected = undefined;
      // The connection already switched; only the choice will not survive a restart.
      this.deps.log.warn(`Saving the connection mode failed: ${messageOf(error)}`);
    }
  }

  /**
   * The settings changed (`affects` tells which keys). Reconnects when a setting the connection
   * depends on changed; a sandbox with other size / traffic settings is restarted lazily.
   */
  async settingsChanged(affects: (key: keyof Settings) => boolean): Promise<void> {
    let stale = false;
    if (affects('sandbox.size') || affects('sandbox.traffic')) {
      if (this.sandbox.running) {
        await this.sandbox.stop();
        stale = stale || this.mode === 'sandbox';
      }
    }
    if (affects('connection.mode') || affects('connection.tenant')) {
      stale = this.followSettings(affects) || stale;
    }
    if (affects('ncx.allowInsecureHttp') || affects('requestTimeoutSeconds')) {
      stale = stale || this.session !== undefined || this.connecting !== undefined;
    }
    if ((affects('ncx.authScheme') || affects('connections')) && this.session && this.session.authScheme !== this.authScheme()) {
      stale = true;
    }
    if (stale) {
      this.reset();
      this.connectionChanged.fire();
    }
  }

  /** Another window changed a tenant's stored session (by default the current one's): follow it. */
  async storedSessionChanged(tenant: string | undefined = this.tenant): Promise<void> {
    if (this.mode !== 'ncx' || this.tenant === undefined || tenant === undefined || !this.isCurrentTenant(tenant)) {
      return;
    }
    const generation = this.generation;
    const stored = await this.deps.sessions.get(this.tenant);
    // Switched meanwhile (the sandbox, another tenant): what was read is no longer this connection's.
    if (generation !== this.generation || this.mode !== 'ncx' || !this.isCurrentTenant(tenant)) {
      return;
    }
    const session = this.session;
    if (!stored) {
      if (session || this.current.status !== 'signedOut') {
        this.reset();
        this.setState({ mode: 'ncx', status: 'signedOut', authorities: [] });
        this.connectionChanged.fire();
      }
      return;
    }
    if (session && stored.token === session.token) {
      return;
    }
    if (session && stored.location === session.location && stored.username === session.username) {
      this.replaceToken(session, stored.token);
      return;
    }
    this.reset();
    this.connectionChanged.fire();
  }

  /** Stops the sandbox child and every timer. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.generation++;
    this.refreshTimer.cancel();
    this.forgetToken?.();
    this.session = undefined;
    this.connecting = undefined;
    await this.sandbox.stop();
    this.stateChanged.dispose();
    this.connectionChanged.dispose();
    this.tokenRejected.dispose();
  }

  private async connect(generation: number): Promise<ActiveSession> {
    await this.prepared;
    if (generation !== this.generation) {
      throw new NcxError('cancelled', l10n.t('The connection changed while connecting.'));
    }
    const settings = this.deps.settings();
    const mode = this.mode;
    this.setState({ ...this.current, mode, status: 'connecting', error: undefined });
    try {
      const session = mode === 'sandbox' ? await this.connectSandbox(settings) : await this.connectNcx(settings);
      if (generation !== this.generation) {
        throw new NcxError('cancelled', l10n.t('The connection changed while connecting.'));
      }
      this.adopt(session);
      return session;
    } catch (error) {
      if (generation === this.generation && !(isNcxError(error) && error.kind === 'cancelled')) {
        if (this.current.status !== 'signedOut') {
          this.setState({ mode, status: 'failed', authorities: [], error: messageOf(error) });
        }
        this.deps.log.error(`Connecting to ${mode === 'sandbox' ? 'the sandbox' : 'NCX'} failed: ${messageOf(error)}`);
      }
      throw error;
    }
  }

  private async connectSandbox(settings: Settings): Promise<ActiveSession> {
    const sandbox = await this.sandbox.ensure(settings);
    const grant = await this.deps.signIn({ loginUrl: sandbox.url, ...SANDBOX_ADMIN });
    return this.buildSession('sandbox', grant, sandbox.url, SANDBOX_ADMIN.username, settings);
  }

  private async connectNcx(settings: Settings): Promise<ActiveSession> {
    const stored = this.tenant === undefined ? undefined : await this.deps.sessions.get(this.tenant);
    if (!stored) {
      this.setState({ mode: 'ncx', status: 'signedOut', authorities: [] });
      throw new NcxError('unauthorized', l10n.t('Not signed in to NCX. Run "Sign In to NCX…" or "Use Local Sandbox".'));
    }
    const location = checkServerUrl(stored.location, settings['ncx.allowInsecureHttp']);
    if (!location.ok) {
      throw new NcxError('badRequest', location.reason);
    }
    const session = this.buildSession('ncx', stored, stored.loginUrl, stored.username, settings);
    if (session.expiresAt !== undefined && session.expiresAt <= this.now()) {
      // An expired token cannot be renewed; say so now instead of with the first failed request.
      this.setState({
        mode: 'ncx',
        status: 'rejected',
        host: hostOf(stored.location),
        username: stored.username,
        authorities: [],
        error: l10n.t('The NCX session has expired.'),
      });
      this.tokenRejected.fire(this.current);
      throw new NcxError('unauthorized', l10n.t('The NCX session of {0} has expired: sign in again.', stored.username));
    }
    return session;
  }

  /** The child ended without being asked to: the session it served is gone. */
  private sandboxExited(): void {
    if (this.session?.mode === 'sandbox') {
      const error = l10n.t('The local sandbox stopped unexpectedly; refresh to start it again.');
      this.generation++;
      this.session = undefined;
      this.connecting = undefined;
      this.refreshTimer.cancel();
      this.setState({ mode: 'sandbox', status: 'failed', authorities: [], error });
    }
  }

  private buildSession(
    mode: ConnectionMode,
    grant: TokenGrant,
    loginUrl: string,
    typedUsername: string,
    settings: Settings,
  ): ActiveSession {
    const claims = this.deps.readClaims(grant.token);
    // The client reads the token on every request, so a renewed token needs no new client.
    const authScheme = this.authScheme();
    const api = this.deps.createApi({ location: grant.location, token: () => session.token, settings, authScheme });
    const session: ActiveSession = {
      mode,
      location: grant.location,
      loginUrl,
      authScheme,
      username: claims.username ?? typedUsername,
      token: grant.token,
      authorities: claims.authorities,
      expiresAt: claims.expiresAt,
      rejected: false,
      api: guardUnauthorized(api, () => this.unauthorized(session)),
    };
    return session;
  }

  private adopt(session: ActiveSession): void {
    this.session = session;
    this.forgetToken?.();
    this.forgetToken = this.deps.log.addSecret(session.token);
    this.scheduleRenewal(session);
    this.setState(describeSession(session, 'connected'));
  }



  private reset(options: { keepSandbox?: boolean } = {}): void {
    this.generation++;
    this.session = undefined;
    this.connecting = undefined;
    this.refreshTimer.cancel();
    this.forgetToken?.();
    this.forgetToken = undefined;
    this.setState({ mode: this.mode, status: 'idle', authorities: [] });
    if (this.mode === 'ncx') {
      // A sandbox nobody asks anything any more only costs memory and CPU (its traffic runs on).
      if (!options.keepSandbox) {
        void this.sandbox.stop();
      }
      void this.describeStoredSession(this.generation);
    }
  }

  /** Shows host and user of the stored NCX session without connecting (nothing is fetched). */
  private async describeStoredSession(generation: number): Promise<void> {
    try {
      await this.prepared;
      const stored = this.tenant === undefined ? undefined : await this.deps.sessions.get(this.tenant);
      if (generation !== this.generation || this.current.status !== 'idle') {
        return;
      }
      this.setState(
        stored
          ? { mode: 'ncx', status: 'idle', host: hostOf(stored.location), username: stored.username, authorities: [] }
          : { mode: 'ncx', status: 'signedOut', authorities: [] },
      );
    } catch (error) {
      this.deps.log.warn(`Reading the stored NCX session: ${messageOf(error)}`);
    }
  }

  private scheduleRenewal(session: ActiveSession): void {
    if (session.expiresAt === undefined) {
      this.refreshTimer.cancel();
      return;
    }
    this.refreshTimer.schedule(session.expiresAt, () => void this.renew(session));
  }

  private async renew(session: ActiveSession): Promise<void> {
    if (session !== this.session) {
      return;
    }
    try {
      const grant = await this.deps.refreshToken({ location: session.location, token: session.token }, session.authScheme);
      if (session !== this.session) {
        return;
      }
      if (grant.location !== session.location) {
        // Another cluster: a client bound to the old location would keep sending there.
        const allowed = checkServerUrl(grant.location, this.deps.settings()['ncx.allowInsecureHttp']);
        if (!allowed.ok) {
          throw new NcxError('badRequest', allowed.reason);
        }
        const moved = this.buildSession(session.mode, grant, session.loginUrl, session.username, this.deps.settings());
        this.adopt(moved);
        await this.persist(moved);
        this.connectionChanged.fire();
        return;
      }
      this.replaceToken(session, grant.token);
      await this.persist(session);
      this.deps.log.info(`Session token renewed for ${session.username}`);
    } catch (error) {
      if (session !== this.session) {
        return;
      }
      if (isNcxError(error) && error.kind === 'unauthorized') {
        this.unauthorized(session);
        return;
      }
      this.deps.log.warn(`Renewing the session token failed (${messageOf(error)}); trying again shortly`);
      this.refreshTimer.retryIn(RETRY_AFTER_FAILURE_MS, () => void this.renew(session));
    }
  }

  private replaceToken(session: ActiveSession, token: string): void {
    const claims = this.deps.readClaims(token);
    session.token = token;
    session.authorities = claims.authorities;
    session.expiresAt = claims.expiresAt;
    session.rejected = false;
    this.forgetToken?.();
    this.forgetToken = this.deps.log.addSecret(token);
    this.scheduleRenewal(session);
    this.setState(describeSession(session, 'connected'));
  }

  private async persist(session: ActiveSession): Promise<void> {
    if (session.mode === 'ncx' && this.tenant !== undefined) {
      await this.deps.sessions.set(this.tenant, this.toStored(session));
    }
  }

  private toStored(session: ActiveSession): StoredSession {
    return { loginUrl: session.loginUrl, location: session.location, token: session.token, username: session.username };
  }

  /** A request (or a renewal) was answered 401 with this session's token. */
  private unauthorized(session: ActiveSession): void {
    if (session !== this.session || session.rejected) {
      return;
    }
    session.rejected = true;
    if (session.mode === 'sandbox' && this.now() - this.lastSandboxResign >= SANDBOX_RESIGN_MIN_INTERVAL_MS) {
      // The sandbox's admin token ran out (or the sandbox restarted): sign in again, silently.
      this.lastSandboxResign = this.now();
      this.deps.log.info('The sandbox rejected the session token; signing in again');
      this.reset();
      this.connectionChanged.fire();
      return;
    }
    this.refreshTimer.cancel();
    const error = l10n.t('{0} rejected the session of {1}.', hostOf(session.location) ?? session.location, session.username);
    this.deps.log.warn(`The server rejected the session token of ${session.username} (401)`);
    this.setState(describeSession(session, 'rejected', error));
    this.tokenRejected.fire(this.current);
  }

  private setState(next: ConnectionState): void {
    this.current = this.withTenant(next);
    this.stateChanged.fire(this.current);
  }

  /** In NCX mode the state names the tenant chosen; on the sandbox it names none. */
  private withTenant(state: ConnectionState): ConnectionState {
    const named = state.mode === 'ncx' ? this.tenant : undefined;
    const next = { ...state };
    delete next.tenant;
    return named === undefined ? next : { ...next, tenant: named };
  }

  private isCurrentTenant(tenant: string): boolean {
    return sameTenant(tenant, this.tenant);
  }

  /** The current tenant's auth scheme: its named connection's, or the setting's. */
  private authScheme(): AuthScheme {
    return findProfile(this.deps.profiles?.() ?? [], this.tenant)?.authScheme ?? this.deps.settings()['ncx.authScheme'];
  }

  /**
   * Reads from the settings the keys a change touched (`affects`; by default both); true when they
   * changed what is in use. Only those keys: while this connection writes the tenant and then the
   * mode, the tenant's change event may be handled before the mode's new value has reached this
   * process, and reading the mode then would see the old one and switch back.
   */
  private followSettings(affects: (key: keyof Settings) => boolean = () => true): boolean {
    if (this.expected) {
      // This connection's own write on its way: nothing to follow until it has landed.
      if (this.settingsShow(this.expected)) this.expected = undefined;
      return false;
    }
    const settings = this.deps.settings();
    const mode = affects('connection.mode') ? settings['connection.mode'] : this.mode;
    const tenant = affects('connection.tenant') ? settings['connection.tenant'] || undefined : this.tenant;
    const sameTenantNow = tenant === undefined ? this.tenant === undefined : this.isCurrentTenant(tenant);
    if (mode === this.mode && (mode === 'sandbox' || sameTenantNow)) {
      // The tenant chosen for later still follows, without a reconnect while on the sandbox.
      if (mode === 'sandbox' && tenant !== undefined) this.tenant = tenant;
      return false;
    }
    const place = (m: ConnectionMode, t: string | undefined): string => (m === 'sandbox' ? 'the local sandbox' : `tenant ${t ?? '(none)'}`);
    const was = place(this.mode, this.tenant);
    this.mode = mode;
    this.tenant = tenant ?? this.tenant;
    this.deps.log.info(`Following the settings: ${place(this.mode, this.tenant)} (was ${was})`);
    return true;
  }

  /** Whether the settings show this mode and tenant. */
  private settingsShow(target: { mode: ConnectionMode; tenant: string | undefined }): boolean {
    const settings = this.deps.settings();
    const tenant = settings['connection.tenant'] || undefined;
    return settings['connection.mode'] === target.mode && (target.tenant === undefined ? tenant === undefined : sameTenant(target.tenant, tenant));
  }

  private async rememberTenant(profile: ConnectionProfile): Promise<void> {
    if (findProfile(this.deps.profiles?.() ?? [], profile.name)) return;
    try {
      await this.deps.remember?.(profile);
    } catch (error) {
      // Signed in all the same; only the connection list will not show it after a restart.
      this.deps.log.warn(`Saving the connection ${profile.name} failed: ${messageOf(error)}`);
    }
  }
}

function isSameOrigin(a: string, b: string | undefined): boolean {
  if (b === undefined) {
    return false;
  }
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
