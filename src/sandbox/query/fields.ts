// The workitem fields a query may name, and how each one matches:
// - keyword: the whole value; unquoted values ignore case (`state:ACTIVE` finds `active`);
// - id: the whole value, always case-sensitive (ids are identifiers, not words);
// - text: a part of the value (`contact.lastName:bri` finds O'Brien); unquoted values ignore case;
// - number / time: equality, comparisons (`priority:>=4`) and ranges (`createdAt:[a TO b]`);
//   time fields also take a quoted date (`createdAt:>="2025-06-01"`);
// - keywordList: like keyword, true when any element matches (`actions:hold`).
// Wildcards (`*`, `?`) in an unquoted value match the whole value (`agentUsername:jason*`).
import type { Workitem } from '../../api/schemas';

export type FieldKind = 'keyword' | 'id' | 'text' | 'number' | 'time' | 'keywordList';

export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  /** Static property reads: a scan calls this a million times, and keyed reads are slower. */
  readonly read: (workitem: Workitem) => unknown;
  /** When present, replaces `matcher.test(read(workitem))` (fields made of several values). */
  readonly matches?: (workitem: Workitem, test: (value: unknown) => boolean) => boolean;
}

const FIELD_LIST: readonly FieldSpec[] = [
  { name: '_id', kind: 'id', read: (w) => w._id },
  { name: 'workitemId', kind: 'id', read: (w) => w.workitemId },
  { name: 'tenantId', kind: 'keyword', read: (w) => w.tenantId },
  { name: 'channelType', kind: 'keyword', read: (w) => w.channelType },
  { name: 'type', kind: 'keyword', read: (w) => w.type },
  { name: 'state', kind: 'keyword', read: (w) => w.state },
  { name: 'currentStateName', kind: 'keyword', read: (w) => w.currentStateName },
  { name: 'priority', kind: 'number', read: (w) => w.priority },
  { name: 'contactId', kind: 'id', read: (w) => w.contactId },
  { name: 'conversationId', kind: 'id', read: (w) => w.conversationId },
  { name: 'parentWorkitemId', kind: 'id', read: (w) => w.parentWorkitemId },
  { name: 'agentUsername', kind: 'keyword', read: (w) => w.agentUsername },
  { name: 'selectedQueue', kind: 'keyword', read: (w) => w.selectedQueue },
  { name: 'createdAt', kind: 'time', read: (w) => w.createdAt },
  { name: 'modifiedAt', kind: 'time', read: (w) => w.modifiedAt },
  { name: 'assignedAt', kind: 'time', read: (w) => w.assignedAt },
  { name: 'terminatedAt', kind: 'time', read: (w) => w.terminatedAt },
  { name: 'from', kind: 'text', read: (w) => w.from },
  { name: 'to', kind: 'text', read: (w) => w.to },
  { name: 'campaignId', kind: 'keyword', read: (w) => w.campaignId },
  { name: 'dispositionId', kind: 'keyword', read: (w) => w.dispositionId },
  { name: 'summary', kind: 'text', read: (w) => w.summary },
  { name: 'actions', kind: 'keywordList', read: (w) => w.actions },
  { name: 'contact._id', kind: 'id', read: (w) => w.contact?._id },
  { name: 'contact.firstName', kind: 'text', read: (w) => w.contact?.firstName },
  { name: 'contact.lastName', kind: 'text', read: (w) => w.contact?.lastName },
  { name: 'contact.company', kind: 'text', read: (w) => w.contact?.company },
  { name: 'contact.phone', kind: 'text', read: (w) => w.contact?.phone },
  { name: 'contact.email', kind: 'text', read: (w) => w.contact?.email },
];

export const QUERY_FIELDS: ReadonlyMap<string, FieldSpec> = new Map(FIELD_LIST.map((field) => [field.name, field]));

/**
 * What a bare term (no field) searches, in one pass: workitemId, from, to, agentUsername and the
 * contact's first name, last name or "First Last" (so that a bare `"Jane Doe"` finds Jane Doe).
 * The joined name costs a string per workitem, so it is only built for terms that could need it.
 */
export function freeTextField(termMaySpanNames: boolean): FieldSpec {
  return {
    name: 'free text',
    kind: 'text',
    read: (w) => w.workitemId,
    matches: (w, test) => {
      if (test(w.workitemId) || test(w.from) || test(w.to) || test(w.agentUsername)) {
        return true;
      }
      const first = w.contact?.firstName;
      const last = w.contact?.lastName;
      if (test(first) || test(last)) {
        return true;
      }
      return termMaySpanNames && first !== undefined && last !== undefined && test(`${first} ${last}`);
    },
  };
}
