// "Copy Link": a link that opens this workitem's panel in this tenant, for a ticket or a colleague.
import { tenantName } from '../connection/tenantName';
import { buildWorkitemLink, WorkitemLinkSchema } from '../links/workitemLink';
import { l10n } from '../ui/l10n';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import { resolveTargets, targetId } from './targets';

export function copyLinkCommand(ctx: CommandContext): CommandHandler {
  return async (...args) => {
    const ids = resolveTargets(args, () => ctx.tree.selectedWorkitems()).map(targetId);
    if (ids.length === 0) {
      void ctx.ui.info(l10n.t('Select a workitem in the Workitems view first.'));
      return;
    }
    const tenant = tenantName(ctx.connection.state);
    if (tenant === undefined || !ctx.tenants) {
      void ctx.ui.info(l10n.t('Sign in first: a link names the tenant it belongs to.'));
      return;
    }
    const links: string[] = [];
    for (const id of ids) {
      const checked = WorkitemLinkSchema.safeParse({ tenant, id });
      if (!checked.success) {
        void ctx.ui.warn(l10n.t('{0} cannot be put in a link (its id or tenant has characters a link does not allow).', id));
        return;
      }
      links.push(buildWorkitemLink(ctx.tenants.linkTarget, checked.data));
    }
    await ctx.ui.copyToClipboard(links.join('\n'));
    void ctx.ui.info(ids.length === 1 ? l10n.t('Link to {0} copied.', ids[0] ?? '') : l10n.t('{0} links copied.', ids.length));
  };
}
