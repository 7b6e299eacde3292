// "Change Priority…": 1 (highest) to 5, with the workitem's current priority marked.
import { PRIORITY_MAX, PRIORITY_MIN } from '../api/domain';
import type { Workitem } from '../api/schemas';
import { l10n } from '../ui/l10n';
import type { PickItem, Ui } from '../ui/ui';

export function priorityPickItems(current: number | undefined): Array<PickItem<number>> {
  const items: Array<PickItem<number>> = [];
  for (let priority = PRIORITY_MIN; priority <= PRIORITY_MAX; priority++) {
    items.push({
      label: l10n.t('Priority {0}', priority),
      description: priority === current ? l10n.t('current') : undefined,
      value: priority,
    });
  }
  return items;
}

export function pickPriority(ui: Ui, workitem?: Workitem): Promise<number | undefined> {
  const current = typeof workitem?.priority === 'number' ? workitem.priority : undefined;
  return ui.pick(priorityPickItems(current), {
    title: workitem
      ? current === undefined
        ? l10n.t('Priority of {0}', workitem.workitemId)
        : l10n.t('Priority of {0} (now {1})', workitem.workitemId, current)
      : l10n.t('Change Priority'),
    placeholder: l10n.t('1 is the most urgent'),
  });
}
