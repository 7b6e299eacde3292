// "Open Details": the detail panel of the clicked workitem, an id, or one picked from the palette.
// A row listed under a tenant not in use opens in that tenant: the command connects to it first
// (its stored session; a sign-in when it has none) and opens nothing when that did not happen.
import { sameTenant, tenantName } from '../connection/tenantName';
import { l10n } from '../ui/l10n';
import type { SignInTo } from './connections';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import { pickWorkitem } from './pickWorkitem';
import { otherTenantOf, otherTenantTargets, resolveTargets, targetId } from './targets';

export function openDetailsCommand(ctx: CommandContext, reach: SignInTo): CommandHandler {
  return async (...args) => {
    const [first] = args;
    const tenant = otherTenantOf(first);
    if (tenant !== undefined) {
      const [row] = otherTenantTargets([first], tenant);
      if (row !== undefined) await openInItsTenant(ctx, reach, tenant, row.workitemId);
      return;
    }
    const [target] = resolveTargets(args, () => ctx.tree.selectedWorkitems());
    const id = target !== undefined ? targetId(target) : (await pickWorkitem(ctx.ui, ctx.connection, undefined, ctx.names))?.workitemId;
    if (id !== undefined) {
      await ctx.panels.open(id);
    }
  };
}

/** Opens the panel of a workitem of `tenant`, connecting to that tenant first; nothing opens elsewhere. */
export async function openInItsTenant(ctx: CommandContext, reach: SignInTo, tenant: string, id: string): Promise<void> {
  if (!sameTenant(tenant, tenantName(ctx.connection.state))) {
    ctx.log.info(`Opening ${id} of ${tenant}: connecting to ${tenant} first`);
    await reach(tenant);
  }
  if (!sameTenant(tenant, tenantName(ctx.connection.state))) {
    void ctx.ui.warn(l10n.t('{0} is in {1}, and the inspector is not connected to {1}: nothing was opened.', id, tenant));
    return;
  }
  await ctx.panels.open(id);
}
