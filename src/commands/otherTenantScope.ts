// Acting on a row of a tenant that is not in use (the Workitems view lists several tenants): the
// commands' context and action runner of that tenant alone. Its requests go through its own client,
// what is offered follows its own session's permissions, its own protection refuses until allowed,
// its confirmations and history entries name it, its spinners and answers land in its own tree. The
// tenant in use, its panels and its tree are not touched; a workitem opened from a summary connects
// to its tenant first.
import type { Workitem } from '../api/schemas';
import type { WorkitemsApi } from '../api/workitemsApi';
import type { ActionAuditHook } from '../audit/actionAudit';
import type { ConnectionState } from '../connection/connectionTypes';
import type { TenantIdentity } from '../connection/tenantClients';
import { ActionRunner } from './actionRunner';
import type { SignInTo } from './connections';
import type { CommandContext, ConnectionHooks } from './context';
import { openInItsTenant } from './openDetails';
import type { ProtectionHooks } from './protection';

export interface OtherTenantHooks {
  apiFor(tenant: string): WorkitemsApi;
  /** Who the tenant's stored session signs in as; undefined before its client was first used. */
  identityOf(tenant: string): TenantIdentity | undefined;
  setBusy(tenant: string, workitemId: string, text: string | undefined): void;
  showAnswer(tenant: string, workitem: Workitem | undefined): void;
  protectionOf(tenant: string): ProtectionHooks;
  auditOf(tenant: string, user: () => string | undefined): ActionAuditHook;
}

export interface TenantScope {
  readonly tenant: string;
  readonly ctx: CommandContext;
  readonly runner: ActionRunner;
}

/** One scope per tenant, kept, so that a second click on a row joins the action already running. */
export function otherTenantScopes(ctx: CommandContext, hooks: OtherTenantHooks, reach: SignInTo): (tenant: string) => TenantScope {
  const scopes = new Map<string, TenantScope>();
  return (tenant) => {
    const key = tenant.toLowerCase();
    const held = scopes.get(key);
    if (held !== undefined) return held;
    const scope = scopeOf(ctx, hooks, reach, tenant);
    scopes.set(key, scope);
    return scope;
  };
}

function scopeOf(ctx: CommandContext, hooks: OtherTenantHooks, reach: SignInTo, tenant: string): TenantScope {
  const identity = (): TenantIdentity | undefined => hooks.identityOf(tenant);
  const connection: ConnectionHooks = {
    get state(): ConnectionState {
      const who = identity();
      return { mode: 'ncx', status: who ? 'connected' : 'idle', tenant, authorities: who?.authorities ?? [], ...(who ? { username: who.username } : {}) };
    },
    get permissions(): readonly string[] {
      return identity()?.authorities ?? [];
    },
    getApi: async () => hooks.apiFor(tenant),
    // Signing in, out or switching is the connection's own business, whatever row it starts from.
    signIn: (request) => ctx.connection.signIn(request),
    signOut: (name) => ctx.connection.signOut(name ?? tenant),
    useSandbox: () => ctx.connection.useSandbox(),
    useTenant: (name) => ctx.connection.useTenant(name),
  };
  // The names and watches held are the tenant in use's: none of them is this tenant's.
  const shared: CommandContext = { ...ctx };
  delete shared.names;
  delete shared.watches;
  const scoped: CommandContext = {
    ...shared,
    connection,
    tree: {
      ...ctx.tree,
      setBusy: (workitemId, text) => hooks.setBusy(tenant, workitemId, text),
      showAnswer: (workitem) => hooks.showAnswer(tenant, workitem),
      // The palette's selection is the tenant in use's: never this tenant's targets.
      selectedWorkitems: () => [],
    },
    panels: {
      // Panels show the tenant in use: one of this tenant's opens only after connecting to it.
      open: (workitemId) => openInItsTenant(ctx, reach, tenant, workitemId),
      refresh: () => undefined,
      show: () => undefined,
    },
    protection: hooks.protectionOf(tenant),
  };
  const runner = new ActionRunner({ ...scoped, audit: hooks.auditOf(tenant, () => identity()?.username) });
  return { tenant, ctx: scoped, runner };
}
