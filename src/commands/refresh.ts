// "Refresh": the tree and every open detail panel; run on the row of a connection not in use (the
// Workitems view lists them once named connections exist), that tenant's tree alone.
import { sameTenant, tenantName } from '../connection/tenantName';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import { rowConnectionOf } from './connections';

export function refreshCommand(ctx: CommandContext): CommandHandler {
  return async (arg?: unknown) => {
    const tenant = rowConnectionOf(arg);
    ctx.tree.refresh(tenant);
    if (tenant === undefined || sameTenant(tenant, tenantName(ctx.connection.state))) ctx.panels.refresh();
  };
}
