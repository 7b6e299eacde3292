// "Disposition…": which outcome. Dispositions come from `GET /data/api/types/disposition`; the pick
// shows their names (the id beside).
import type { Workitem } from '../api/schemas';
import type { WorkitemsApi } from '../api/workitemsApi';
import { l10n } from '../ui/l10n';
import type { Ui } from '../ui/ui';

export function pickDisposition(ui: Ui, api: WorkitemsApi, workitem?: Workitem): Promise<string | undefined> {
  const items = api.listDispositions().then((dispositions) =>
    dispositions.map((disposition) => {
      const id = disposition.dispositionId ?? disposition._id;
      return { label: l10n.t('{0}', disposition.name), description: l10n.t('{0}', id), value: id };
    }),
  );
  return ui.pick(items, {
    title: workitem ? l10n.t('Disposition {0}', workitem.workitemId) : l10n.t('Disposition'),
    placeholder: l10n.t('Type to search the dispositions by name'),
    matchOnDetails: true,
  });
}
