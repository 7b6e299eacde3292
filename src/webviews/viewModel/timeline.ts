// The history of one workitem, derived from its `timeEvents`: who did what when, the gaps between
// events, and how long the workitem spent in each state. Pure and linear after one sort, so a
// workitem with 10,000 events costs a few milliseconds.
import { isKnownState, TIME_EVENT_TYPES, WORKITEM_STATES } from '../../api/domain';
import type { TimeEvent } from '../../api/schemas';
import { phaseOfState, stateEnteredByEventType, STATE_PHASES, type StatePhase } from '../../model/timelineStates';

export interface TimelineEntry {
  /** Position of the event in the workitem's `timeEvents`: a stable key even after sorting. */
  sourceIndex: number;
  timestamp: number;
  type: string;
  typeKnown: boolean;
  userId?: string;
  queueId?: string;
  note?: string;
  /** The state this event entered: its own `state`, else the one its type implies. */
  state?: string;
  stateSource: 'event' | 'inferred' | 'none';
  /** Milliseconds since the previous entry; absent on the first. */
  gapMs?: number;
}

export interface StateTotal {
  state: string;
  known: boolean;
  phase?: StatePhase;
  ms: number;
  /** How many times the workitem entered the state. */
  visits: number;
}

export interface Timeline {
  /** Chronological (oldest first); events with equal timestamps keep their original order. */
  entries: TimelineEntry[];
  /** Lifecycle order first, then unknown states in order of first appearance. */
  stateTotals: StateTotal[];
  /** Sum of `stateTotals` per phase. */
  phaseTotals: Record<StatePhase, number>;
  /** The state the timeline ends in; it is counted up to `now`. */
  currentState?: string;
  /** When the workitem entered `currentState`. */
  currentSince?: number;
  /** Time between `createdAt` and the first event, when the events start later. */
  beforeFirstEventMs: number;
  /** Exact repeats (same timestamp, type, state, user, queue and note) left out of `entries`. */
  duplicatesDropped: number;
}

export interface TimelineOptions {
  /** The moment the current state is counted up to. */
  now: number;
  createdAt?: number;
}

const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set(TIME_EVENT_TYPES);

function duplicateKey(event: TimeEvent): string {
  return JSON.stringify([event.type, event.state, event.userId, event.queueId, event.note]);
}

/** Indices of the events in time order; equal timestamps keep their original order. */
function chronologicalOrder(events: readonly TimeEvent[]): number[] {
  const order: number[] = [];
  let sorted = true;
  events.forEach((event, index) => {
    // A timestamp that is not a finite number cannot be placed in time; zod rejects it upstream,
    // but the timeline is also fed raw data by tools and tests.
    if (!Number.isFinite(event.timestamp)) {
      return;
    }
    if (order.length > 0 && events[order[order.length - 1]].timestamp > event.timestamp) {
      sorted = false;
    }
    order.push(index);
  });
  if (!sorted) {
    // The index tie-break keeps the sort stable by construction, whatever the engine.
    order.sort((a, b) => events[a].timestamp - events[b].timestamp || a - b);
  }
  return order;
}

/**
 * Drops exact repeats. Only events sharing a timestamp can repeat each other, and after sorting
 * they are neighbours, so keys are built only for those few: building one per event costs more
 * than the rest of the derivation on a 10,000-event workitem.
 */
function withoutDuplicates(events: readonly TimeEvent[], order: readonly number[]): { kept: number[]; duplicates: number } {
  const kept: number[] = [];
  let duplicates = 0;
  let groupStart = 0;
  let groupKeys: Set<string> | undefined;
  for (const index of order) {
    const previous = kept[kept.length - 1];
    if (previous === undefined || events[previous].timestamp !== events[index].timestamp) {
      groupStart = kept.length;
      groupKeys = undefined;
      kept.push(index);
      continue;
    }
    groupKeys ??= new Set(kept.slice(groupStart).map((keptIndex) => duplicateKey(events[keptIndex])));
    const key = duplicateKey(events[index]);
    if (groupKeys.has(key)) {
      duplicates += 1;
    } else {
      groupKeys.add(key);
      kept.push(index);
    }
  }
  return { kept, duplicates };
}

function toEntry(event: TimeEvent, sourceIndex: number, previous: TimelineEntry | undefined): TimelineEntry {
  const inferred = event.state === undefined ? stateEnteredByEventType(event.type) : undefined;
  const entry: TimelineEntry = {
    sourceIndex,
    timestamp: event.timestamp,
    type: event.type,
    typeKnown: KNOWN_EVENT_TYPES.has(event.type),
    state: event.state ?? inferred,
    stateSource: event.state !== undefined ? 'event' : inferred !== undefined ? 'inferred' : 'none',
  };
  if (event.userId !== undefined) entry.userId = event.userId;
  if (event.queueId !== undefined) entry.queueId = event.queueId;
  if (event.note !== undefined) entry.note = event.note;
  if (previous) entry.gapMs = event.timestamp - previous.timestamp;
  return entry;
}

class StateClock {
  private readonly totals = new Map<string, StateTotal>();
  current?: string;
  since?: number;

  enter(state: string, at: number): void {
    if (state === this.current) {
      return;
    }
    this.close(at);
    this.current = state;
    this.since = at;
    this.total(state).visits += 1;
  }

  /** Adds the time since the current state was entered; `until` before that counts as zero. */
  close(until: number): void {
    if (this.current !== undefined && this.since !== undefined) {
      this.total(this.current).ms += Math.max(0, until - this.since);
    }
  }

  ordered(): StateTotal[] {
    const known = WORKITEM_STATES.flatMap((state) => {
      const total = this.totals.get(state);
      return total ? [total] : [];
    });
    const unknown = [...this.totals.values()].filter((total) => !total.known);
    return [...known, ...unknown];
  }

  private total(state: string): StateTotal {
    let total = this.totals.get(state);
    if (!total) {
      const phase = phaseOfState(state);
      total = { state, known: isKnownState(state), ms: 0, visits: 0 };
      if (phase !== undefined) total.phase = phase;
      this.totals.set(state, total);
    }
    return total;
  }
}

export function deriveTimeline(events: readonly TimeEvent[] | undefined, options: TimelineOptions): Timeline {
  const source = events ?? [];
  const { kept, duplicates } = withoutDuplicates(source, chronologicalOrder(source));
  const entries: TimelineEntry[] = [];
  const clock = new StateClock();
  for (const index of kept) {
    const entry = toEntry(source[index], index, entries[entries.length - 1]);
    entries.push(entry);
    if (entry.state !== undefined) {
      clock.enter(entry.state, entry.timestamp);
    }
  }
  clock.close(options.now);

  const stateTotals = clock.ordered();
  const phaseTotals = Object.fromEntries(STATE_PHASES.map((phase) => [phase, 0])) as Record<StatePhase, number>;
  for (const total of stateTotals) {
    if (total.phase !== undefined) {
      phaseTotals[total.phase] += total.ms;
    }
  }
  const first = entries[0];
  const timeline: Timeline = {
    entries,
    stateTotals,
    phaseTotals,
    beforeFirstEventMs:
      first && options.createdAt !== undefined ? Math.max(0, first.timestamp - options.createdAt) : 0,
    duplicatesDropped: duplicates,
  };
  if (clock.current !== undefined) timeline.currentState = clock.current;
  if (clock.since !== undefined) timeline.currentSince = clock.since;
  return timeline;
}
