// The pace of simulated traffic: quick enough that something visibly changes every few seconds,
// slow enough that a person can follow one workitem through its life.

export interface Range {
  minMs: number;
  maxMs: number;
}

export interface TrafficTimings {
  tickMs: number;
  /** Mean time between two arrivals. */
  meanArrivalGapMs: number;
  /** Two arrivals are never closer than this (one customer's call is put through at a time). */
  minArrivalGapMs: number;
  /** At most this many arrivals per tick; past it the rhythm restarts (after a suspended laptop). */
  maxArrivalsPerTick: number;
  /** At most this many lifecycle steps per tick, so a backlog drains gently. */
  maxStepsPerTick: number;
  /** How long a workitem stays in each state before the simulator moves it on. */
  dwell: Record<'inqueue' | 'offered' | 'accepted' | 'active' | 'hold' | 'conference' | 'terminated', Range>;
  /** Chances, when an active workitem's time is up, of each next step (the rest hang up). */
  holdChance: number;
  transferChance: number;
  conferenceChance: number;
}

export const DEMO_TIMINGS: TrafficTimings = {
  tickMs: 1000,
  meanArrivalGapMs: 4000,
  minArrivalGapMs: 250,
  maxArrivalsPerTick: 3,
  maxStepsPerTick: 4,
  dwell: {
    inqueue: { minMs: 3000, maxMs: 10_000 },
    offered: { minMs: 2000, maxMs: 5000 },
    accepted: { minMs: 1000, maxMs: 3000 },
    active: { minMs: 8000, maxMs: 30_000 },
    hold: { minMs: 3000, maxMs: 8000 },
    conference: { minMs: 5000, maxMs: 15_000 },
    terminated: { minMs: 3000, maxMs: 8000 },
  },
  holdChance: 0.3,
  transferChance: 0.08,
  conferenceChance: 0.05,
};

/** Traffic may run from a tenth of its pace to a thousand times faster. */
export const MIN_TRAFFIC_SPEED = 0.1;
export const MAX_TRAFFIC_SPEED = 1000;

/**
 * The shortest real tick of a sped-up simulator. A tick walks every live workitem, and timers
 * firing every millisecond or two would busy the sandbox's event loop and crowd out the requests
 * it is there to answer; so past this, one tick does the work of several.
 */
export const MIN_TICK_MS = 10;

function scaledRange(range: Range, speed: number): Range {
  return { minMs: range.minMs / speed, maxMs: range.maxMs / speed };
}

/**
 * The same life `speed` times faster (or slower below 1): every wait (dwell, arrival gaps, the
 * tick) is divided by `speed`, chances stay as they are. A tick that would come sooner than
 * MIN_TICK_MS comes then instead and stands for as many ticks as fit in it, so its caps on steps
 * and arrivals grow in proportion: a sped-up tenant drains a backlog at the same rate per
 * simulated second, and nothing piles up that real life would have moved on.
 */
export function scaledTimings(timings: TrafficTimings, speed: number): TrafficTimings {
  if (!Number.isFinite(speed) || speed <= 0) {
    throw new RangeError(`A traffic speed must be a positive number, not ${speed}.`);
  }
  const tickMs = Math.max(Math.min(MIN_TICK_MS, timings.tickMs), Math.round(timings.tickMs / speed));
  const ticksPerTick = Math.max(1, (tickMs * speed) / timings.tickMs);
  return {
    ...timings,
    tickMs,
    meanArrivalGapMs: timings.meanArrivalGapMs / speed,
    minArrivalGapMs: timings.minArrivalGapMs / speed,
    maxArrivalsPerTick: Math.round(timings.maxArrivalsPerTick * ticksPerTick),
    maxStepsPerTick: Math.round(timings.maxStepsPerTick * ticksPerTick),
    dwell: {
      inqueue: scaledRange(timings.dwell.inqueue, speed),
      offered: scaledRange(timings.dwell.offered, speed),
      accepted: scaledRange(timings.dwell.accepted, speed),
      active: scaledRange(timings.dwell.active, speed),
      hold: scaledRange(timings.dwell.hold, speed),
      conference: scaledRange(timings.dwell.conference, speed),
      terminated: scaledRange(timings.dwell.terminated, speed),
    },
  };
}

export function withinRange(range: Range, unit: number): number {
  return range.minMs + Math.floor(unit * (range.maxMs - range.minMs));
}
