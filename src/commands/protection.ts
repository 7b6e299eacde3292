// What commands and the action runner ask of tenant protection (src/model/protection/actionLock.ts):
// why actions are refused now, and the one way to allow them: a modal question naming the tenant.
import { UNLOCK_MINUTES, type ActionLock } from '../model/protection/actionLock';
import type { Shown } from '../model/format/shownText';
import { l10n } from '../ui/l10n';
import type { Ui } from '../ui/ui';

export interface ProtectionHooks {
  /** The tenant acted on (its host), when signed in to one. */
  tenant(): string | undefined;
  /** Whether the current tenant is protected at all (the sandbox never is). */
  isProtected(): boolean;
  /** Why actions are refused now, or undefined when they are allowed. */
  lockedReason(): Shown | undefined;
  allow(): number;
  lock(): boolean;
  remainingMs(): number;
}

/** The protection of one tenant (the one in use, or one whose row is acted on), held by the one lock. */
export function protectionOf(lock: ActionLock, of: { tenant(): string | undefined; isProtected(): boolean }): ProtectionHooks {
  return {
    tenant: of.tenant,
    isProtected: of.isProtected,
    lockedReason: () => {
      const tenant = of.tenant();
      return tenant !== undefined && lock.isLocked(tenant, of.isProtected()) ? lockedReasonOf(tenant) : undefined;
    },
    allow: () => lock.allow(of.tenant() ?? ''),
    lock: () => lock.lock(of.tenant() ?? ''),
    remainingMs: () => lock.remainingMs(of.tenant() ?? ''),
  };
}

export function lockedReasonOf(tenant: string): Shown {
  return l10n.t('{0} is protected: actions on it are off until you allow them for {1} minutes.', tenant, UNLOCK_MINUTES);
}

/** Asks, naming the tenant, whether to allow actions for a while; true when they are allowed now. */
export async function askToAllowActions(ui: Ui, protection: ProtectionHooks): Promise<boolean> {
  const tenant = protection.tenant();
  if (tenant === undefined || !protection.isProtected()) return true;
  const button = l10n.t('Allow Actions on {0}', tenant);
  const confirmed = await ui.confirm(
    l10n.t('Allow actions on {0} for {1} minutes?', tenant, UNLOCK_MINUTES),
    l10n.t('{0} is protected: it is a live tenant. Hold, hang up, transfer and every other action will reach its real calls and customers until the time runs out or you lock it again.', tenant),
    button,
  );
  if (!confirmed) return false;
  protection.allow();
  return true;
}

/**
 * An action refused by the tenant's protection: says why, offering to allow actions there and then
 * (the modal naming the tenant). True when actions are allowed now.
 */
export async function offerToAllowActions(ui: Ui, protection: ProtectionHooks, reason: Shown): Promise<boolean> {
  const allow = l10n.t('Allow Actions for {0} Minutes…', UNLOCK_MINUTES);
  return (await ui.warn(reason, allow)) === allow && (await askToAllowActions(ui, protection));
}

/** "Allow Actions on This Tenant for 15 Minutes…" */
export function allowActionsCommand(ctx: { ui: Ui; protection?: ProtectionHooks }): () => Promise<void> {
  return async () => {
    const protection = ctx.protection;
    const tenant = protection?.tenant();
    if (!protection || tenant === undefined || !protection.isProtected()) {
      void ctx.ui.info(l10n.t('This connection is not protected: actions are allowed.'));
      return;
    }
    if (await askToAllowActions(ctx.ui, protection)) {
      void ctx.ui.info(l10n.t('Actions on {0} are allowed for {1} minutes.', tenant, UNLOCK_MINUTES));
    }
  };
}

/** "Lock Actions Again" */
export function lockActionsCommand(ctx: { ui: Ui; protection?: ProtectionHooks }): () => Promise<void> {
  return async () => {
    const tenant = ctx.protection?.tenant();
    if (ctx.protection?.lock() && tenant !== undefined) {
      void ctx.ui.info(l10n.t('Actions on {0} are locked again.', tenant));
    } else {
      void ctx.ui.info(l10n.t('Actions are not allowed on a protected tenant now: nothing to lock.'));
    }
  };
}
