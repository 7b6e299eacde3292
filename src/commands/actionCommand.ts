// The palette / tree side of the four workitem actions: finds the target workitems (asking with a
// search-as-you-type pick when there are none), asks once for a multi-selection, then hands each
// workitem to the ActionRunner.
import type { WorkitemAction } from '../api/domain';
import { l10n } from '../ui/l10n';
import type { ActionOptions, ActionOutcome, ActionRunner } from './actionRunner';
import { actionTitle } from './actionText';
import type { CommandContext } from './context';
import { pickQueue } from './pickQueue';
import { pickWorkitem } from './pickWorkitem';
import { resolveTargets, targetId } from './targets';

export async function runActionCommand(
  ctx: CommandContext,
  runner: ActionRunner,
  action: WorkitemAction,
  args: readonly unknown[],
): Promise<ActionOutcome[]> {
  let targets = resolveTargets(args, () => ctx.tree.selectedWorkitems());
  if (targets.length === 0) {
    const picked = await pickWorkitem(ctx.ui, ctx.connection, action);
    if (!picked) {
      return [];
    }
    targets = [picked];
  }
  const options: ActionOptions = {};
  if (targets.length > 1 && action === 'hangup') {
    const ids = targets.map(targetId);
    const confirmed = await ctx.ui.confirm(
      l10n.t('Hang up {0} workitems?', ids.length),
      l10n.t('{0}. The interactions end for the customers and agents. This cannot be undone.', ids.join(', ')),
      actionTitle('hangup'),
    );
    if (!confirmed) {
      return targets.map(() => 'cancelled');
    }
    options.confirmed = true;
  }
  if (targets.length > 1 && action === 'transfer') {
    options.queueId = await pickQueue(ctx.ui, await ctx.connection.getApi());
    if (options.queueId === undefined) {
      return targets.map(() => 'cancelled');
    }
  }
  return Promise.all(targets.map((target) => runner.run(action, target, options)));
}
