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

export function withinRange(range: Range, unit: number): number {
  return range.minMs + Math.floor(unit * (range.maxMs - range.minMs));
}
