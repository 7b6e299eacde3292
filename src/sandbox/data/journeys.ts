// The sandbox's journeys (see src/api/journeyContract.ts for the fields, an assumption): a contact
// who comes back within a few hours is the same conversation, so each later workitem of theirs
// names the one before in `parentWorkitemId`, and all of them share a `conversationId`.
import { JOURNEY_FIELDS } from '../../api/journeyContract';
import type { Workitem } from '../../api/schemas';

export const JOURNEY_WINDOW_MS = 4 * 60 * 60_000;

/** Links the workitems (in createdAt order) of one contact that follow each other closely. */
export function linkJourneys(workitems: readonly Workitem[]): void {
  const lastOfContact = new Map<string, Workitem>();
  for (const workitem of workitems) {
    const contactId = workitem.contactId;
    if (contactId === undefined) continue;
    const previous = lastOfContact.get(contactId);
    if (previous !== undefined && workitem.createdAt - previous.createdAt <= JOURNEY_WINDOW_MS) {
      const conversation = previous.conversationId ?? `conv_${previous.workitemId}`;
      previous[JOURNEY_FIELDS.conversation] = conversation;
      workitem[JOURNEY_FIELDS.conversation] = conversation;
      workitem[JOURNEY_FIELDS.parent] = previous.workitemId;
    }
    lastOfContact.set(contactId, workitem);
  }
}
