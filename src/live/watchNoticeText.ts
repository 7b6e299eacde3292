// What a watch notification says: which workitem, on which tenant, and what changed (state, agent,
// queue, priority), agents and queues by name. No `vscode` import, so it is tested in Node.
import type { WatchNotice, WatchedChange } from '../model/live/watchList';
import type { NameLookup, NamedKind } from '../model/names/nameDirectory';
import type { Shown } from '../model/format/shownText';
import { l10n } from '../ui/l10n';

const KIND_OF_FIELD: Partial<Record<WatchedChange['field'], NamedKind>> = { agent: 'agent', queue: 'queue' };

function fieldWord(field: WatchedChange['field']): Shown {
  switch (field) {
    case 'state':
      return l10n.t('state');
    case 'agent':
      return l10n.t('agent');
    case 'queue':
      return l10n.t('queue');
    case 'priority':
      return l10n.t('priority');
  }
}

/** `state active → hold, agent Jason Fontenot (jason.fontenot) → none` */
export function watchNoticeText(notice: WatchNotice, tenant: string, names: NameLookup): Shown {
  const value = (field: WatchedChange['field'], raw: string | undefined): string => {
    if (raw === undefined || raw === '') return l10n.t('none');
    const kind = KIND_OF_FIELD[field];
    return kind === undefined ? raw : names.labelOf(kind, raw);
  };
  const changes = notice.changes
    .map((change) =>
      change.from === undefined && change.field === 'state'
        ? l10n.t('now {0}', value(change.field, change.to))
        : l10n.t('{0} {1} → {2}', fieldWord(change.field), value(change.field, change.from), value(change.field, change.to)),
    )
    .join(', ');
  return notice.ended
    ? l10n.t('{0} on {1}: {2}. Dispositioned: the watch has ended.', notice.workitem.workitemId, tenant, changes || l10n.t('dispositioned'))
    : l10n.t('{0} on {1}: {2}.', notice.workitem.workitemId, tenant, changes);
}

