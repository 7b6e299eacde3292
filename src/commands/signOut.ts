// "Sign Out": forgets the NCX session, the stored token included.
import { l10n } from '../ui/l10n';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';

export function signOutCommand(ctx: CommandContext): CommandHandler {
  return async () => {
    await ctx.connection.signOut();
    void ctx.ui.info(l10n.t('Signed out of NCX.'));
  };
}
