// A contact's journey as the panel draws it: each leg (workitem) of the conversation on one time
// axis, oldest first, with where it went and who had it, by name. The page only places this text
// and these percentages; it formats and parses nothing.
import type { Workitem } from '../../api/schemas';
import { formatTimestamp, type TimeFormat } from '../../model/format/time';
import type { NameLookup } from '../../model/names/nameDirectory';
import type { JourneyLegView } from '../messages';

export interface JourneyInput {
  legs: readonly Workitem[];
  currentId: string;
  names: NameLookup;
  time: TimeFormat;
  now: number;
}

/** When a leg ended on the axis: its termination, else its last change, else now (still going). */
function endOf(workitem: Workitem, now: number): number {
  if (workitem.terminatedAt !== undefined) return workitem.terminatedAt;
  const last = workitem.timeEvents?.at(-1)?.timestamp;
  return workitem.state === 'dispositioned' && last !== undefined ? last : now;
}

export function journeyView(input: JourneyInput): JourneyLegView[] {
  const legs = [...input.legs].sort((a, b) => a.createdAt - b.createdAt);
  if (legs.length === 0) return [];
  const start = legs[0]!.createdAt;
  const end = Math.max(...legs.map((leg) => endOf(leg, input.now)), start + 1);
  const span = end - start;
  return legs.map((leg) => {
    const from = leg.createdAt;
    const to = Math.max(from, endOf(leg, input.now));
    return {
      workitemId: leg.workitemId,
      current: leg.workitemId === input.currentId,
      state: leg.state,
      channel: leg.channelType,
      type: leg.type,
      queue: leg.selectedQueue ? input.names.labelOf('queue', leg.selectedQueue) : '',
      agent: leg.agentUsername ? input.names.labelOf('agent', leg.agentUsername) : '',
      when: formatTimestamp(from, input.time),
      leftPct: Math.round(((from - start) / span) * 1000) / 10,
      // A leg of a few seconds on an axis of hours still shows as a mark.
      widthPct: Math.max(0.5, Math.round(((to - from) / span) * 1000) / 10),
    };
  });
}
