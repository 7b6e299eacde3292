// The fields a workitem query may name, as the query editor presents them: what each one is,
// whether NCX documents it (docs list: _id, workitemId, channelType, type, state, priority,
// contactId, agentUsername, createdAt, modifiedAt) or we assumed it from live data and the
// sandbox, and which closed set its values come from. The sandbox's field list
// (src/sandbox/query/fields.ts) is the search side of the same names.
import { CHANNEL_TYPES, PRIORITY_MAX, PRIORITY_MIN, WORKITEM_ACTIONS, WORKITEM_STATES, WORKITEM_TYPES } from '../api/domain';

export type QueryFieldKind = 'keyword' | 'id' | 'text' | 'number' | 'time' | 'keywordList';

/** Where the values of a field can be looked up in the connected tenant. */
export type TenantValueSource = 'queues' | 'agents' | 'campaigns';

export interface QueryField {
  readonly name: string;
  readonly kind: QueryFieldKind;
  /** True when NCX's published workitem schema names it; false when it is our assumption. */
  readonly documented: boolean;
  readonly description: string;
  readonly values?: readonly string[];
  readonly tenantValues?: TenantValueSource;
}

const PRIORITIES = Array.from({ length: PRIORITY_MAX - PRIORITY_MIN + 1 }, (_, index) => String(PRIORITY_MIN + index));

export const QUERY_FIELD_LIST: readonly QueryField[] = [
  { name: '_id', kind: 'id', documented: true, description: 'Internal id of the workitem (a MongoDB ObjectId).' },
  { name: 'workitemId', kind: 'id', documented: true, description: 'Public id of the workitem, e.g. wi_123.' },
  { name: 'tenantId', kind: 'keyword', documented: false, description: 'The tenant the workitem belongs to.' },
  { name: 'channelType', kind: 'keyword', documented: true, description: 'The channel: voice, email, sms, chat…', values: CHANNEL_TYPES },
  { name: 'type', kind: 'keyword', documented: true, description: 'The specific type, e.g. InboundCall, OutboundSMS.', values: WORKITEM_TYPES },
  { name: 'state', kind: 'keyword', documented: true, description: 'The current state in the workitem lifecycle.', values: WORKITEM_STATES },
  { name: 'currentStateName', kind: 'keyword', documented: false, description: 'Display name of the current state.' },
  { name: 'priority', kind: 'number', documented: true, description: 'Priority from 1 (lowest) to 5 (highest).', values: PRIORITIES },
  { name: 'contactId', kind: 'id', documented: true, description: 'The primary contact linked to the workitem.' },
  { name: 'agentUsername', kind: 'keyword', documented: true, description: 'User name of the assigned agent.', tenantValues: 'agents' },
  { name: 'selectedQueue', kind: 'keyword', documented: false, description: 'Id of the queue the workitem is in or came through.', tenantValues: 'queues' },
  { name: 'createdAt', kind: 'time', documented: true, description: 'When the workitem was created (Unix ms, or a quoted date).' },
  { name: 'modifiedAt', kind: 'time', documented: true, description: 'When the workitem last changed (Unix ms, or a quoted date).' },
  { name: 'assignedAt', kind: 'time', documented: false, description: 'When an agent accepted it (Unix ms).' },
  { name: 'terminatedAt', kind: 'time', documented: false, description: 'When it ended (Unix ms).' },
  { name: 'from', kind: 'text', documented: false, description: 'Origin address: phone number, e-mail address or handle (matches a part).' },
  { name: 'to', kind: 'text', documented: false, description: 'Destination address (matches a part).' },
  { name: 'campaignId', kind: 'keyword', documented: false, description: 'The campaign the workitem belongs to.', tenantValues: 'campaigns' },
  { name: 'dispositionId', kind: 'keyword', documented: false, description: 'The disposition applied after it ended.' },
  { name: 'summary', kind: 'text', documented: false, description: 'Summary text (matches a part).' },
  { name: 'actions', kind: 'keywordList', documented: false, description: 'Actions the workitem allows now; true when any matches.', values: WORKITEM_ACTIONS },
  { name: 'contact._id', kind: 'id', documented: false, description: "The contact's id." },
  { name: 'contact.firstName', kind: 'text', documented: false, description: "The contact's first name (matches a part)." },
  { name: 'contact.lastName', kind: 'text', documented: false, description: "The contact's last name (matches a part)." },
  { name: 'contact.company', kind: 'text', documented: false, description: "The contact's company (matches a part)." },
  { name: 'contact.phone', kind: 'text', documented: false, description: "The contact's phone number (matches a part)." },
  { name: 'contact.email', kind: 'text', documented: false, description: "The contact's e-mail address (matches a part)." },
];

export const QUERY_FIELDS: ReadonlyMap<string, QueryField> = new Map(QUERY_FIELD_LIST.map((field) => [field.name, field]));

/** Fields a query may sort by (every field with one comparable value). */
export const SORTABLE_FIELDS: readonly string[] = QUERY_FIELD_LIST.filter((field) => field.kind !== 'keywordList').map((f) => f.name);

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/** The known name closest to `name` (case ignored), when it is close enough to be a typo. */
export function nearestName(name: string, names: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of names) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}
