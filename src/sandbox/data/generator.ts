// The sandbox's data set: months of dispositioned history plus the live traffic of the last hour,
// deterministic for a seed and size, realistic enough to exercise every view of the inspector.
import { CHANNEL_TYPES, WORKITEM_TYPES, type ChannelType, type WorkitemState } from '../../api/domain';
import type { Contact, Workitem } from '../../api/schemas';
import type { Dataset, DatasetOptions } from '../contracts';
import { reachableStates } from '../stateMachine';
import { buildWorkitem, fitDelays, planDelays, totalOf, type LifecyclePlan } from './build';
import { AGENTS, QUEUES, agentsByQueue } from './catalog';
import { buildContacts, contactCountFor } from './contacts';
import { timeInStateSoFar } from './durations';
import { planLifecycle } from './lifecycle';
import { objectId, processTagFrom } from './objectId';
import { createRng, weightedTable, type Rng } from './prng';
import { drawTraits } from './traits';
import { linkJourneys } from './journeys';

export const MAX_DATASET_SIZE = 1_000_000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const HISTORY = 90 * DAY;
/** The newest dispositioned workitem is at least this old, so its whole lifecycle fits before `now`. */
const HISTORY_END = 5 * MINUTE;

const LIVE_STATE_WEIGHTS = weightedTable<WorkitemState>([
  ['inqueue', 22],
  ['offered', 6],
  ['accepted', 4],
  ['active', 34],
  ['hold', 9],
  ['conference', 4],
  ['terminated', 21],
]);

/** Live (not dispositioned) workitems: about 30% of a small set, about 500 of a large one. */
export function liveCountFor(size: number): number {
  return size <= 2000 ? Math.round(size * 0.3) : 500;
}

export function generateDataset(options: DatasetOptions): Dataset {
  const { seed, size, now } = options;
  if (!Number.isInteger(size) || size < 0 || size > MAX_DATASET_SIZE) {
    throw new RangeError(`data set size must be an integer from 0 to ${MAX_DATASET_SIZE}, got ${size}`);
  }
  if (!Number.isFinite(seed) || !Number.isFinite(now) || now < HISTORY) {
    throw new RangeError('data set seed and now must be finite numbers, now a Unix ms timestamp');
  }
  const rng = createRng(seed);
  const processTag = processTagFrom(rng);
  const contacts = buildContacts(rng, contactCountFor(size));
  const agentsOfQueue = agentsByQueue(AGENTS);
  const liveCount = liveCountFor(size);
  const historyCount = size - liveCount;

  const live = planLive(rng, liveCount, contacts, now).sort((a, b) => a.createdAt - b.createdAt);
  const workitems: Workitem[] = [];
  let lastCreatedAt = -Infinity;
  const emit = (plan: LifecyclePlan): void => {
    // A live and a historic workitem may share a millisecond; one ms later keeps createdAt strictly
    // increasing, which lets the store page by position alone.
    if (plan.createdAt <= lastCreatedAt) {
      plan.createdAt = lastCreatedAt + 1;
    }
    lastCreatedAt = plan.createdAt;
    const index = workitems.length;
    const identity = { workitemId: `wi_${index + 1}`, _id: objectId(plan.createdAt, processTag, index) };
    workitems.push(buildWorkitem(rng, plan, identity, agentsOfQueue));
  };

  // History on an even grid with jitter inside each slot: createdAt strictly increases with the index.
  const historyStart = now - HISTORY;
  const slot = (HISTORY - HISTORY_END) / Math.max(1, historyCount);
  let nextLive = 0;
  for (let i = 0; i < historyCount; i++) {
    const slotStart = Math.floor(i * slot);
    const slotEnd = Math.floor((i + 1) * slot);
    const createdAt = historyStart + slotStart + rng.int(0, Math.max(0, slotEnd - slotStart - 1));
    while (nextLive < live.length && live[nextLive].createdAt < createdAt) {
      emit(live[nextLive++]);
    }
    // The oldest items take each type in turn, so that every type is present in any set of size >= 13.
    const traits = i < WORKITEM_TYPES.length ? drawTraits(rng, contacts, undefined, WORKITEM_TYPES[i]) : drawTraits(rng, contacts);
    const steps = planLifecycle(rng, traits.channel, 'dispositioned');
    const delays = fitDelays(planDelays(rng, traits.channel, steps), now - createdAt - 1000);
    emit({ traits, steps, delays, createdAt });
  }
  while (nextLive < live.length) {
    emit(live[nextLive++]);
  }
  linkJourneys(workitems);
  return { workitems, queues: [...QUEUES], agents: [...AGENTS], contacts };
}

/**
 * Plans the live workitems, each created so that it entered its current state shortly before `now`.
 * The first ones cover every (state, channel) pair the state machine allows.
 */
function planLive(rng: Rng, count: number, contacts: readonly Contact[], now: number): LifecyclePlan[] {
  const coverage: Array<[WorkitemState, ChannelType]> = [];
  for (const channel of CHANNEL_TYPES) {
    for (const state of reachableStates(channel)) {
      if (state !== 'dispositioned') {
        coverage.push([state, channel]);
      }
    }
  }
  const plans: LifecyclePlan[] = [];
  for (let i = 0; i < count; i++) {
    let state: WorkitemState;
    let channel: ChannelType | undefined;
    if (i < coverage.length) {
      [state, channel] = coverage[i];
    } else {
      state = rng.weighted(LIVE_STATE_WEIGHTS);
      channel = state === 'hold' || state === 'conference' ? 'voice' : undefined;
    }
    const traits = drawTraits(rng, contacts, channel);
    const steps = planLifecycle(rng, traits.channel, state);
    const soFar = timeInStateSoFar(rng, state, traits.channel);
    const delays = fitDelays(planDelays(rng, traits.channel, steps), HOUR - soFar - rng.int(MINUTE, 10 * MINUTE));
    plans.push({ traits, steps, delays, createdAt: now - soFar - totalOf(delays) });
  }
  return plans;
}
