// "Which workitem?" for an action run from the palette with nothing selected. The pick searches
// the server as the user types (debounced in the Ui), offering only workitems the action can
// run on: a state that allows it (coarse, in the query) and the workitem's own `actions` list
// and the token's permissions (exact, on the answer).
import { NO_NAMES, type NameLookup } from '../model/names/nameDirectory';
import { ACTION_CATALOG } from '../api/actions/catalog';
import type { WorkitemAction } from '../api/domain';
import { and, anyOf, matchAll, or, raw, validateQuery, wildcard, type Query } from '../api/queryBuilder';
import type { Workitem } from '../api/schemas';
import { availableActions } from '../model/workitemActions';
import { privacyMode } from '../model/privacy/privacyMode';
import { l10n } from '../ui/l10n';
import type { PickItem, Ui } from '../ui/ui';
import { actionTitle } from './actionText';
import type { ConnectionHooks } from './context';
import { shown, type Shown } from '../model/format/shownText';

export const PICK_PAGE_SIZE = 50;

const SEARCHABLE_WORD = /^[\w.@#$-]+$/;
/** Fields a bare word is looked for in (as a substring). */
const WORD_FIELDS = ['workitemId', 'agentUsername', 'selectedQueue', 'contactId'] as const;

/** What the typed text asks for: a query when it is one, a substring of the usual ids otherwise. */
export function typedTextQuery(text: string): Query | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return matchAll();
  }
  if (SEARCHABLE_WORD.test(trimmed) && !trimmed.includes(':')) {
    const pattern = `*${trimmed}*`;
    const [first, ...rest] = WORD_FIELDS.map((field) => wildcard(field, pattern));
    return first ? or(first, ...rest) : undefined;
  }
  return validateQuery(trimmed).ok ? raw(trimmed) : undefined;
}

/** The `q` for the pick: the action's states ANDed with what was typed; undefined when unreadable. */
export function pickerQuery(action: WorkitemAction | undefined, text: string): string | undefined {
  const typed = typedTextQuery(text);
  if (!typed) {
    return undefined;
  }
  const states = action ? anyOf('state', [...ACTION_CATALOG[action].offeredIn]) : matchAll();
  return and(states, typed).toString();
}

export function workitemPickItem(workitem: Workitem, names: NameLookup = NO_NAMES): PickItem<Workitem> {
  const shownContact = privacyMode.view(workitem).contact;
  const contact = shownContact
    ? [shownContact.firstName, shownContact.lastName].filter(Boolean).join(' ')
    : undefined;
  const queue = workitem.selectedQueue ? names.labelOf('queue', workitem.selectedQueue) : undefined;
  const agent = workitem.agentUsername ? names.labelOf('agent', workitem.agentUsername) : undefined;
  const where = [queue, agent].filter(Boolean).join(' · ');
  return {
    label: shown(workitem.workitemId),
    description: shown([workitem.state, workitem.type, contact].filter(Boolean).join(' · ')),
    detail: where ? shown(where) : undefined,
    value: workitem,
  };
}

/** Lets the user search and pick a workitem the action can run on; undefined when dismissed. */
export function pickWorkitem(
  ui: Ui,
  connection: Pick<ConnectionHooks, 'getApi' | 'permissions'>,
  action: WorkitemAction | undefined,
  names: NameLookup = NO_NAMES,
  title?: Shown,
): Promise<Workitem | undefined> {
  return ui.searchPick<Workitem>({
    title: title ?? (action ? l10n.t('{0}: which workitem?', actionTitle(action)) : l10n.t('Open Workitem')),
    placeholder: l10n.t('Type part of a workitem id, agent or queue, or a query such as priority:>=4'),
    emptyLabel: action
      ? l10n.t('No matching workitem allows {0} now', actionTitle(action))
      : l10n.t('No matching workitems'),
    search: async (text, signal) => {
      const q = pickerQuery(action, text);
      if (q === undefined) {
        return [];
      }
      const api = await connection.getApi();
      const page = await api.search({ q: q || undefined, rows: PICK_PAGE_SIZE, sort: 'createdAt desc' }, { signal });
      const offered = action
        ? page.items.filter((item) => availableActions(item, connection.permissions).allowed.includes(action))
        : page.items;
      return offered.map((item) => workitemPickItem(item, names));
    },
  });
}

/** The same pick for an action, where several workitems can be ticked (a bulk run); undefined when dismissed. */
export function pickWorkitems(
  ui: Ui,
  connection: Pick<ConnectionHooks, 'getApi' | 'permissions'>,
  action: WorkitemAction,
  names: NameLookup = NO_NAMES,
): Promise<Workitem[] | undefined> {
  return ui.searchPickMany<Workitem>({
    title: l10n.t('{0}: which workitems?', actionTitle(action)),
    placeholder: l10n.t('Type part of a workitem id, agent or queue, or a query; tick one or several'),
    emptyLabel: l10n.t('No matching workitem allows {0} now', actionTitle(action)),
    search: async (text, signal) => {
      const q = pickerQuery(action, text);
      if (q === undefined) {
        return [];
      }
      const api = await connection.getApi();
      const page = await api.search({ q: q || undefined, rows: PICK_PAGE_SIZE, sort: 'createdAt desc' }, { signal });
      return page.items
        .filter((item) => availableActions(item, connection.permissions).allowed.includes(action))
        .map((item) => workitemPickItem(item, names));
    },
  });
}
