// Where a changed workitem was listed at the watermark W, read from its own timeline: the state
// entered by its last event before W (an event exactly at W counts only when the counts held that
// version). The channel never changes (it follows the type), so the state is all that can move.
import type { Workitem } from '../../api/schemas';
import { sawAt, type Watermark } from './changeFeed';
import { stateEnteredByEventType } from '../timelineStates';

export type StateAtWatermark =
  | { readonly listed: false }
  | { readonly listed: true; readonly state: string }
  /** The timeline does not say: the caller re-counts instead of guessing. */
  | { readonly listed: 'unknown' };

/**
 * A `created` event does not make a workitem listed: the record is stored when it is queued (the
 * sandbox dates `created` a routing delay earlier), and timelineStates.ts reads it the same way.
 * So a workitem created before W but queued after it was not yet counted at W.
 */
const UNLISTED_EVENT_TYPES: ReadonlySet<string> = new Set(['created']);

export function stateAtWatermark(workitem: Workitem, watermark: Watermark): StateAtWatermark {
  if (workitem.createdAt > watermark.at) {
    return { listed: false };
  }
  const events = workitem.timeEvents;
  if (events === undefined || events.length === 0) {
    return { listed: 'unknown' };
  }
  const includesEventsAtW = sawAt(watermark, workitem.workitemId);
  let listed = false;
  let state: string | undefined;
  // Created by W, yet no event dated by W: the timeline begins later (trimmed, or a change it did
  // not record), so it cannot tell whether the workitem was listed at W, let alone where.
  let eventByW = false;
  for (const event of events) {
    eventByW ||= event.timestamp <= watermark.at;
    if (event.timestamp > watermark.at || (event.timestamp === watermark.at && !includesEventsAtW)) {
      continue;
    }
    if (UNLISTED_EVENT_TYPES.has(event.type)) {
      continue;
    }
    listed = true;
    state = event.state ?? stateEnteredByEventType(event.type) ?? state;
  }
  if (!listed) {
    return eventByW ? { listed: false } : { listed: 'unknown' };
  }
  return state === undefined ? { listed: 'unknown' } : { listed: true, state };
}

/**
 * When a changed workitem's `modifiedAt` first went past W: its first listing event stamped after
 * W (a `created` event is not, see above). Infinity when it has not; undefined when its timeline
 * does not explain its `modifiedAt` (a change it does not record, at a time it does not say).
 */
export function leftWatermarkAt(workitem: Workitem, watermark: Watermark): number | undefined {
  const modifiedAt = workitem.modifiedAt;
  if (modifiedAt === undefined) {
    return undefined;
  }
  if (modifiedAt <= watermark.at) {
    return Infinity;
  }
  const listing = (workitem.timeEvents ?? []).filter((event) => !UNLISTED_EVENT_TYPES.has(event.type));
  if (!listing.some((event) => event.timestamp === modifiedAt)) {
    return undefined;
  }
  return Math.min(...listing.map((event) => event.timestamp).filter((timestamp) => timestamp > watermark.at));
}
