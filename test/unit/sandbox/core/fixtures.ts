// One realistic data set shared by the core tests (generation is deterministic, so sharing is safe
// as long as no test mutates it; tests that change workitems build their own store).
import type { Workitem } from '../../../../src/api/schemas';
import type { Dataset } from '../../../../src/sandbox/contracts';
import { generateDataset } from '../../../../src/sandbox/data';

export const NOW = Date.UTC(2025, 5, 2, 15, 30, 0);
export const SEED = 20250602;
export const SIZE = 2000;

let cached: Dataset | undefined;

export function sharedDataset(): Dataset {
  cached ??= generateDataset({ seed: SEED, size: SIZE, now: NOW });
  return cached;
}

/** A workitem of the shared data set in `state` on `channel`, or undefined when there is none. */
export function findWorkitem(state: string, channel: string): Workitem | undefined {
  return sharedDataset().workitems.find((workitem) => workitem.state === state && workitem.channelType === channel);
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const nested of Object.values(value)) {
      deepFreeze(nested);
    }
  }
  return value;
}
