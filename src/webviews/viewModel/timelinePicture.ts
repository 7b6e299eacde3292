// The timeline as a picture: one lane per participant (the customer, each queue, each agent),
// bars per state, hold and transfer marks. Per lane, bars narrower than one pixel of the picture
// are merged into one "dense" bar, so 10,000 events draw as at most ~`width` bars per lane.
import type { Workitem } from '../../api/schemas';
import type { Timeline } from './timeline';

/** Users that stand for the platform rather than a person (the sandbox's `system` and `acd`). */
const PLATFORM_USERS: ReadonlySet<string> = new Set(['system', 'acd']);
const AGENT_STATES: ReadonlySet<string> = new Set(['offered', 'accepted', 'active', 'hold', 'conference', 'terminated']);

export interface PictureBar {
  start: number;
  end: number;
  /** A state, or `dense` for merged bars. */
  state: string;
  /** Merged bars in a dense one (1 for a plain bar). */
  count: number;
  /** Part of a waiting bar past the queue's SLA. */
  breach?: boolean;
}

export interface PictureLane {
  kind: 'customer' | 'queue' | 'agent';
  /** Queue id, agent user name, or '' for the customer. */
  id: string;
  bars: PictureBar[];
}

export interface PictureMark {
  kind: 'hold' | 'transfer';
  at: number;
}

export interface TimelinePicture {
  start: number;
  end: number;
  lanes: PictureLane[];
  marks: PictureMark[];
  /** Whether the last bar runs to `now` (the current state is still going). */
  live: boolean;
}

export interface PictureOptions {
  now: number;
  /** Bars per lane at most (the picture's width in pixels). */
  resolution?: number;
  /** The waiting SLA (ms) of a queue for this workitem's channel. */
  slaMsOf?: (queueId: string) => number | undefined;
}

export function buildTimelinePicture(workitem: Workitem, timeline: Timeline, options: PictureOptions): TimelinePicture | undefined {
  const entries = timeline.entries.filter((entry) => entry.state !== undefined);
  const first = entries[0];
  if (first === undefined) return undefined;
  const last = entries[entries.length - 1];
  const live = last?.state !== 'dispositioned';
  const end = live ? Math.max(options.now, last?.timestamp ?? first.timestamp) : (last?.timestamp ?? first.timestamp);
  const start = Math.min(workitem.createdAt, first.timestamp);
  const customer: PictureBar[] = [];
  const queues = new Map<string, PictureBar[]>();
  const agents = new Map<string, PictureBar[]>();
  const marks: PictureMark[] = [];
  let queueId = workitem.selectedQueue;
  let agent: string | undefined;
  let waitingSince: number | undefined;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (entry === undefined || entry.state === undefined) continue;
    const next = entries[index + 1];
    const barEnd = next?.timestamp ?? end;
    if (entry.queueId !== undefined) queueId = entry.queueId;
    if (entry.type === 'held') marks.push({ kind: 'hold', at: entry.timestamp });
    if (entry.type === 'transferred') {
      marks.push({ kind: 'transfer', at: entry.timestamp });
      agent = undefined;
    }
    if (entry.state === 'dispositioned') break;
    customer.push({ start: entry.timestamp, end: barEnd, state: entry.state, count: 1 });
    if (entry.state === 'inqueue' && queueId !== undefined) {
      waitingSince = entry.type === 'transferred' || waitingSince === undefined ? entry.timestamp : waitingSince;
      const bars = queues.get(queueId) ?? [];
      queues.set(queueId, bars);
      const sla = options.slaMsOf?.(queueId);
      const breachAt = sla === undefined ? undefined : waitingSince + sla;
      if (breachAt !== undefined && breachAt < barEnd) {
        if (breachAt > entry.timestamp) bars.push({ start: entry.timestamp, end: breachAt, state: 'inqueue', count: 1 });
        bars.push({ start: Math.max(entry.timestamp, breachAt), end: barEnd, state: 'inqueue', count: 1, breach: true });
      } else {
        bars.push({ start: entry.timestamp, end: barEnd, state: 'inqueue', count: 1 });
      }
    } else if (AGENT_STATES.has(entry.state)) {
      waitingSince = undefined;
      agent = agentOf(entries, index) ?? agent ?? workitem.agentUsername;
      if (agent !== undefined) {
        const bars = agents.get(agent) ?? [];
        agents.set(agent, bars);
        bars.push({ start: entry.timestamp, end: barEnd, state: entry.state, count: 1 });
      }
    }
  }
  const resolution = options.resolution ?? 1000;
  const minWidth = (end - start) / resolution;
  const lanes: PictureLane[] = [
    ...[...queues].map(([id, bars]) => ({ kind: 'queue' as const, id, bars: aggregate(bars, minWidth) })),
    ...[...agents].map(([id, bars]) => ({ kind: 'agent' as const, id, bars: aggregate(bars, minWidth) })),
    { kind: 'customer', id: '', bars: aggregate(customer, minWidth) },
  ];
  return { start, end, lanes, marks: aggregateMarks(marks, minWidth), live };
}

/** The person handling the workitem from entry `index`: its user, or the next person who acts. */
function agentOf(entries: Timeline['entries'], index: number): string | undefined {
  for (let at = index; at < entries.length; at++) {
    const entry = entries[at];
    if (entry === undefined || entry.type === 'transferred' || entry.state === 'inqueue') return undefined;
    if (entry.userId !== undefined && !PLATFORM_USERS.has(entry.userId)) return entry.userId;
  }
  return undefined;
}

/** Runs of bars narrower than `minWidth` become one dense bar; wide bars stay as they are. */
function aggregate(bars: readonly PictureBar[], minWidth: number): PictureBar[] {
  const out: PictureBar[] = [];
  let dense: PictureBar | undefined;
  for (const bar of bars) {
    if (bar.end - bar.start >= minWidth || minWidth <= 0) {
      if (dense) out.push(dense);
      dense = undefined;
      out.push(bar);
      continue;
    }
    if (dense && bar.start - dense.end < minWidth) {
      dense.end = bar.end;
      dense.count++;
      dense.breach ||= bar.breach;
    } else {
      if (dense) out.push(dense);
      dense = { ...bar, state: bar.state, count: 1 };
    }
    if (dense.count > 1) dense.state = 'dense';
  }
  if (dense) out.push(dense);
  return out;
}

/** A mark line is a pixel wide: of each kind, one per few pixels is all the eye can tell apart. */
const MARK_SPACING = 3;

function aggregateMarks(marks: readonly PictureMark[], minWidth: number): PictureMark[] {
  const out: PictureMark[] = [];
  const lastOfKind = new Map<PictureMark['kind'], PictureMark>();
  for (const mark of marks) {
    const previous = lastOfKind.get(mark.kind);
    if (previous && mark.at - previous.at < minWidth * MARK_SPACING) continue;
    out.push(mark);
    lastOfKind.set(mark.kind, mark);
  }
  return out;
}
