// The storm's choices come from the sandbox's own seeded generator, so a storm that found a
// violation can be run again exactly as it was.
import { createRng, weightedTable } from '../../src/sandbox/data/prng';

export interface Random {
  /** In [0, 1). */
  next(): number;
  below(limit: number): number;
  pick<T>(items: readonly T[]): T;
  /** One of `choices`, each as likely as its weight. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T;
}

export function seededRandom(seed: number): Random {
  const rng = createRng(seed);
  return {
    next: () => rng.next(),
    below: (limit) => rng.int(0, limit - 1),
    pick: (items) => rng.pick(items),
    weighted: (choices) => {
      if (choices.length === 0) {
        throw new RangeError('no choices');
      }
      return rng.weighted(weightedTable(choices));
    },
  };
}
