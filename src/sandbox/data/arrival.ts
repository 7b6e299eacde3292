import type { Contact, Workitem } from '../../api/schemas';
import { buildWorkitem, planDelays } from './build';
import { AGENTS, agentsByQueue } from './catalog';
import { objectId } from './objectId';
import type { Rng } from './prng';
import { drawTraits } from './traits';

export interface ArrivalContext {
  /** Unix ms of the arrival: the `queued` event; `created` lies a few seconds earlier (IVR, routing). */
  now: number;
  /**
   * The n of the new `wi_<n>`; it must be unused. A generated data set numbers its workitems
   * 1…size, so `store.size + 1` is free as long as only arrivals are inserted.
   */
  sequence: number;
  /** Who may be calling: usually the data set's contacts. */
  contacts: readonly Contact[];
}

// Arrivals come from "another process" than the generated history, as with real ObjectIds.
const ARRIVAL_PROCESS_TAG = 'a7c0ffee01';
const agentsOfQueue = agentsByQueue(AGENTS);

/** A new workitem just queued (`created` + `queued`), for living traffic. */
export function createArrival(rng: Rng, context: ArrivalContext): Workitem {
  if (context.contacts.length === 0) {
    throw new RangeError('an arrival needs at least one contact');
  }
  const traits = drawTraits(rng, context.contacts);
  const delays = planDelays(rng, traits.channel, []);
  const createdAt = context.now - delays[0];
  return buildWorkitem(
    rng,
    { traits, steps: [], delays, createdAt },
    { workitemId: `wi_${context.sequence}`, _id: objectId(createdAt, ARRIVAL_PROCESS_TAG, context.sequence) },
    agentsOfQueue,
  );
}
