// "Group By…": writes the `tree.groupBy` setting; the tree follows the setting.
import { GROUP_BY_MODES, type GroupByMode } from '../config/settings';
import { l10n } from '../ui/l10n';
import type { PickItem } from '../ui/ui';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import type { Shown } from '../model/format/shownText';

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
  return async () => {
    const current = ctx.settings.get()['tree.groupBy'];
    const items: Array<PickItem<GroupByMode>> = GROUP_BY_MODES.map((mode) => ({
      label: groupByLabel(mode),
      description: mode === current ? l10n.t('current') : undefined,
      value: mode,
    }));
    const mode = await ctx.ui.pick(items, { title: l10n.t('Group Workitems By'), placeholder: groupByLabel(current) });
    if (mode !== undefined && mode !== current) {
      await ctx.settings.setGroupBy(mode);
    }
  };
}
