// "Sign Out": forgets the current tenant's NCX session, its stored token included; no other tenant's.
import { l10n } from '../ui/l10n';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import { connectionTargetOf } from './connections';

export function signOutCommand(ctx: CommandContext): CommandHandler {
  return async (arg?: unknown) => {
    // A row of the Connections view names its tenant; from the palette, the tenant in use.
    const target = connectionTargetOf(arg);
    if (target?.kind === 'sandbox') return;
    const tenant = target?.kind === 'tenant' ? target.name : ctx.connection.state.mode === 'ncx' ? ctx.connection.state.tenant : undefined;
    await ctx.connection.signOut(tenant);
    void ctx.ui.info(tenant === undefined ? l10n.t('Signed out of NCX.') : l10n.t('Signed out of {0}.', tenant));
  };
}
