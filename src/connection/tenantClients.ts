// Reading a tenant that is not the one in use: its own client, built from the session stored for it
// (the one the Connections view calls "signed in"), so the Workitems view can show several tenants
// at once without switching. The client reads the stored session, never the connection's: a request
// for globex-test cannot carry acme-prod's token. The background renewal of stored sessions
// (storedSessionKeeper.ts) writes a new token to the store; the change drops the held client, so the
// next request reads the renewed session. No `vscode` import.
import { NcxError } from '../api/errors';
import type { WorkitemsApi } from '../api/workitemsApi';
import { l10n } from '../ui/l10n';
import { deferredWorkitemsApi } from './deferredApi';
import type { Event } from './emitter';
import type { SessionStore } from './sessionStore';
import type { AuthScheme } from './connectionTypes';
import { checkServerUrl } from './urlPolicy';

export interface TenantClientsDeps {
  sessions: Pick<SessionStore, 'get'> & { readonly onDidChange: Event<string> };
  /** The same client the connection builds (timeouts, proxy, rate gate of the origin, request log). */
  buildClient(args: { location: string; token: () => string | undefined; authScheme: AuthScheme }): WorkitemsApi;
  authScheme(tenant: string): AuthScheme;
  allowInsecureHttp(): boolean;
  /** The user and permissions a token says it carries (never trusted for more than what to offer). */
  readClaims(token: string): { username?: string; authorities: readonly string[] };
}

/** Who a tenant's stored session signs in as, and what it may do: what its rows offer. */
export interface TenantIdentity {
  readonly username: string;
  readonly authorities: readonly string[];
}

export class TenantClients {
  /** Keyed by the tenant's name in lower case (names compare without case). */
  private readonly held = new Map<string, Promise<WorkitemsApi>>();
  /** Kept from the session each client was built from; a renewal keeps it until the next build. */
  private readonly identities = new Map<string, TenantIdentity>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: TenantClientsDeps) {
    this.subscription = deps.sessions.onDidChange((tenant) => this.held.delete(tenant.toLowerCase()));
  }

  /**
   * The tenant's API, usable at once: each call asks for the client of the session stored now, and
   * fails as that call's error when there is none (never signed in, signed out, location refused).
   */
  apiFor(tenant: string): WorkitemsApi {
    return deferredWorkitemsApi(() => this.clientOf(tenant));
  }

  /** The identity of the session the tenant's client was last built from (none before its first request). */
  identityOf(tenant: string): TenantIdentity | undefined {
    return this.identities.get(tenant.toLowerCase());
  }

  dispose(): void {
    this.subscription.dispose();
    this.held.clear();
  }

  private clientOf(tenant: string): Promise<WorkitemsApi> {
    const key = tenant.toLowerCase();
    const held = this.held.get(key);
    if (held !== undefined) return held;
    const building = this.build(tenant);
    this.held.set(key, building);
    // A failure is not kept: the next call reads the store again (a sign-in may have happened since).
    building.catch(() => {
      if (this.held.get(key) === building) this.held.delete(key);
    });
    return building;
  }

  private async build(tenant: string): Promise<WorkitemsApi> {
    const stored = await this.deps.sessions.get(tenant);
    if (stored === undefined) {
      this.identities.delete(tenant.toLowerCase());
      throw new NcxError('unauthorized', l10n.t('Not signed in to {0}: sign in to it from the Connections view.', tenant));
    }
    const location = checkServerUrl(stored.location, this.deps.allowInsecureHttp());
    if (!location.ok) {
      throw new NcxError('badRequest', location.reason);
    }
    const token = stored.token;
    const claims = this.deps.readClaims(token);
    this.identities.set(tenant.toLowerCase(), { username: claims.username ?? stored.username, authorities: claims.authorities });
    return this.deps.buildClient({ location: stored.location, token: () => token, authScheme: this.deps.authScheme(tenant) });
  }
}
