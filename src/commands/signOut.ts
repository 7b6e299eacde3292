// "Sign Out": forgets the current tenant's NCX session, its stored token included; no other tenant's.
import { l10n } from '../ui/l10n';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';

export function signOutCommand(ctx: CommandContext): CommandHandler {
  return async () => {
    const tenant = ctx.connection.state.mode === 'ncx' ? ctx.connection.state.tenant : undefined;
    await ctx.connection.signOut();
    void ctx.ui.info(tenant === undefined ? l10n.t('Signed out of NCX.') : l10n.t('Signed out of {0}.', tenant));
  };
}
