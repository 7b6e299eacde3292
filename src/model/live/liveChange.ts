// One change of one workitem as the extension's live surfaces (tree nudges, event tail, watches,
// open panels) see it, whether the events socket announced it or a change-feed page revealed it.
import { changeKey, type WorkitemStateChange } from '../../api/live/eventsContract';
import type { Workitem } from '../../api/schemas';
import { stateEnteredByEventType } from '../timelineStates';

export interface LiveChange {
  /** Same for the same change from either source (see changeKey). */
  readonly key: string;
  /** Unix ms of the change. */
  readonly at: number;
  readonly workitemId: string;
  /** Absent for an arrival. */
  readonly oldState: string | undefined;
  readonly newState: string;
  /** The action, when the source said (the socket does; a feed page only shows time events). */
  readonly action: string | undefined;
  /** The workitem right after the change (socket) or as it is now (feed). */
  readonly workitem: Workitem;
  readonly via: 'socket' | 'feed';
}

export function fromNotification(message: WorkitemStateChange): LiveChange {
  return {
    key: changeKey(message),
    at: message.createdAt,
    workitemId: message.workitemId,
    oldState: message.oldState,
    newState: message.newState,
    action: message.action,
    workitem: message.workitem,
    via: 'socket',
  };
}

/**
 * The changes a workitem read from the feed went through at or after `since`, oldest first: one per
 * time event that enters a state. `created` is skipped: a workitem arrives when it is queued, which
 * is when the socket announces it (and `created` lies before `queued`).
 */
export function changesOf(workitem: Workitem, since: number): LiveChange[] {
  const changes: LiveChange[] = [];
  let previous: string | undefined;
  for (const event of workitem.timeEvents ?? []) {
    const entered = event.state ?? stateEnteredByEventType(event.type);
    if (event.type !== 'created' && entered !== undefined && event.timestamp >= since) {
      const key = changeKey({ workitemId: workitem.workitemId, createdAt: event.timestamp, newState: entered });
      changes.push({
        key,
        at: event.timestamp,
        workitemId: workitem.workitemId,
        oldState: event.type === 'queued' && previous === 'inqueue' ? undefined : previous,
        newState: entered,
        action: undefined,
        workitem,
        via: 'feed',
      });
    }
    if (entered !== undefined) {
      previous = entered;
    }
  }
  return changes;
}
