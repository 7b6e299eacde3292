// Opens a workitem link (`…/open?tenant=…&id=…`): the URI handler's command, also callable with the
// link's text. A malformed link is refused with the reason and opens nothing.
import { openWorkitemLink } from '../links/openLink';
import { parseWorkitemLink } from '../links/workitemLink';
import { l10n } from '../ui/l10n';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import type { SignInTo } from './connections';

export function openLinkCommand(ctx: CommandContext, signIn: SignInTo, useSandbox: CommandHandler): CommandHandler {
  return async (...args) => {
    const [text] = args;
    if (!ctx.tenants) return;
    const parsed =
      typeof text === 'string'
        ? parseWorkitemLink(text, ctx.tenants.linkTarget.authority)
        : { ok: false as const, problem: l10n.t('no link was given') };
    if (!parsed.ok) {
      ctx.log.warn(`Workitem link refused: ${parsed.problem}`);
      void ctx.ui.error(l10n.t('This workitem link cannot be opened: {0}. Nothing was opened.', parsed.problem));
      return;
    }
    ctx.log.info(`Opening the link to ${parsed.link.id} in ${parsed.link.tenant}`);
    await openWorkitemLink(
      { ui: ctx.ui, connection: ctx.connection, panels: ctx.panels, signIn: async () => { await signIn(parsed.link.tenant); }, useSandbox: async () => { await useSandbox(); } },
      parsed.link,
    );
  };
}
