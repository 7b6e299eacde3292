// A small seeded PRNG (mulberry32): the sandbox's data must be the same on every machine and run
// for a given seed, which Math.random cannot give.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  weighted<T>(table: WeightedTable<T>): T;
}

export interface WeightedTable<T> {
  readonly values: readonly T[];
  /** Running totals of the weights, normalised so that the last one is 1. */
  readonly cumulative: readonly number[];
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) {
        throw new RangeError('pick from an empty list');
      }
      return items[Math.floor(next() * items.length)];
    },
    chance: (probability) => next() < probability,
    weighted: (table) => {
      const u = next();
      const { cumulative, values } = table;
      for (let i = 0; i < cumulative.length; i++) {
        if (u < cumulative[i]) {
          return values[i];
        }
      }
      return values[values.length - 1];
    },
  };
}

export function weightedTable<T>(entries: ReadonlyArray<readonly [T, number]>): WeightedTable<T> {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let running = 0;
  return {
    values: entries.map(([value]) => value),
    cumulative: entries.map(([, weight]) => (running += weight) / total),
  };
}
