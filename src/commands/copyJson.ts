// "Copy as JSON": the workitem exactly as the server sent it (unknown fields included). A bare id
// is fetched first, so the copy is never older than the request.
import { boundedStringify } from '../api/boundedJson';
import type { Workitem } from '../api/schemas';
import { privacyMode } from '../model/privacy/privacyMode';
import { mayCopyUnmasked } from '../privacy/unmaskedCopy';
import { l10n } from '../ui/l10n';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import { resolveTargets } from './targets';

export function copyJsonCommand(ctx: CommandContext): CommandHandler {
  return async (...args) => {
    const targets = resolveTargets(args, () => ctx.tree.selectedWorkitems());
    if (targets.length === 0) {
      void ctx.ui.info(l10n.t('Select a workitem in the Workitems view first.'));
      return;
    }
    const workitems: Workitem[] = [];
    for (const target of targets) {
      workitems.push(typeof target === 'string' ? await (await ctx.connection.getApi()).fetchWorkitem(target) : target);
    }
    if (!(await mayCopyUnmasked(ctx.ui, privacyMode))) return;
    const [only] = workitems;
    await ctx.ui.copyToClipboard(boundedStringify(workitems.length === 1 ? only : workitems, { indent: 2 }).text);
  };
}
