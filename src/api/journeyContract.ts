// A contact's journey: the workitems of one interaction (a callback, a follow-up, a call that came
// back). NCX documents `parentWorkitemId` on its Conversation object and a conversation id on
// dialing, but not how workitems carry them. We assume two workitem fields: `conversationId`,
// shared by every leg of one conversation, and `parentWorkitemId`, naming the leg before. The
// journey of a workitem is then one search. Change it here, and only here, when NCX documents it.
// Listed in the README's assumptions.
import { anyOf, or, term } from './queryBuilder';
import type { Workitem } from './schemas';

export const JOURNEY_FIELDS = { conversation: 'conversationId', parent: 'parentWorkitemId' } as const;

/** Legs shown at most: a journey is a handful of workitems; more is a data problem worth seeing. */
export const JOURNEY_MAX_LEGS = 50;

/** The search that finds a workitem's journey, oldest first; undefined when it is linked to nothing. */
export function journeyQuery(workitem: Workitem): string | undefined {
  const conversation = workitem.conversationId;
  if (conversation !== undefined && conversation !== '') {
    return term(JOURNEY_FIELDS.conversation, conversation).toString();
  }
  const parent = workitem.parentWorkitemId;
  if (parent !== undefined && parent !== '') {
    // Without a conversation id: the leg before it, itself, and the legs that name it.
    return or(anyOf('workitemId', [parent, workitem.workitemId]), term(JOURNEY_FIELDS.parent, workitem.workitemId)).toString();
  }
  return undefined;
}

export const JOURNEY_SORT = 'createdAt asc';
