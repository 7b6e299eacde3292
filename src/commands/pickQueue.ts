// "Transfer to Queue…": which queue. The list comes from the server; typing filters it by name,
// id and description.
import type { Workitem } from '../api/schemas';
import type { WorkitemsApi } from '../api/workitemsApi';
import { l10n } from '../ui/l10n';
import type { PickItem, Ui } from '../ui/ui';
import { shown } from '../model/format/shownText';

export async function pickQueue(ui: Ui, api: WorkitemsApi, workitem?: Workitem): Promise<string | undefined> {
  const items = api.listQueues().then((queues) => {
    const current = workitem?.selectedQueue;
    const rows: Array<PickItem<string>> = queues.map((queue) => ({
      label: shown(queue.name),
      description: queue._id === current ? l10n.t('{0} (current queue)', queue._id) : shown(queue._id),
      detail: queue.description === undefined ? undefined : shown(queue.description),
      value: queue._id,
    }));
    // The queue it is already in is the least likely target: last.
    return [...rows.filter((row) => row.value !== current), ...rows.filter((row) => row.value === current)];
  });
  return ui.pick(items, {
    title: workitem
      ? l10n.t('Transfer {0} to Queue', workitem.workitemId)
      : l10n.t('Transfer to Queue'),
    placeholder: l10n.t('Type to search the queues by name or id'),
    matchOnDetails: true,
  });
}
