// "Copy Workitem ID": the ids of the clicked / selected workitems, one per line.
import { l10n } from '../ui/l10n';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import { resolveTargets, targetId } from './targets';

export function copyIdCommand(ctx: CommandContext): CommandHandler {
  return async (...args) => {
    const ids = resolveTargets(args, () => ctx.tree.selectedWorkitems()).map(targetId);
    if (ids.length === 0) {
      void ctx.ui.info(l10n.t('Select a workitem in the Workitems view first.'));
      return;
    }
    await ctx.ui.copyToClipboard(ids.join('\n'));
  };
}
