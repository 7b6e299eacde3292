// "Group By…": the grouping of one connection, kept for it: the one in use from the palette and the
// view's title, a connection's own when run on its row in the Workitems view. The `tree.groupBy`
// setting stays the grouping of every connection that has not chosen one.
import { GROUP_BY_MODES, type GroupByMode } from '../config/settings';
import { l10n } from '../ui/l10n';
import type { PickItem } from '../ui/ui';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import type { Shown } from '../model/format/shownText';
import { rowConnectionOf } from './connections';

export function groupByLabel(mode: GroupByMode): Shown {
  switch (mode) {
    case 'stateChannel':
      return l10n.t('State, then channel');
    case 'channelState':
      return l10n.t('Channel, then state');
    case 'state':
      return l10n.t('State');
    case 'channel':
      return l10n.t('Channel');
    case 'none':
      return l10n.t('No grouping');
  }
}

export function groupByCommand(ctx: CommandContext): CommandHandler {
  return async (arg?: unknown) => {
    const tenant = rowConnectionOf(arg);
    const current = ctx.tree.groupBy(tenant);
    const items: Array<PickItem<GroupByMode>> = GROUP_BY_MODES.map((mode) => ({
      label: groupByLabel(mode),
      description: mode === current ? l10n.t('current') : undefined,
      value: mode,
    }));
    const title = tenant === undefined ? l10n.t('Group Workitems By') : l10n.t('Group Workitems of {0} By', tenant);
    const mode = await ctx.ui.pick(items, { title, placeholder: groupByLabel(current) });
    if (mode !== undefined && mode !== current) {
      ctx.tree.setGroupBy(mode, tenant);
    }
  };
}
