// Turns a planned lifecycle into a workitem by running it through the state machine, so every
// generated timeline is one the sandbox itself could have produced.
import type { Workitem } from '../../api/schemas';
import type { ActionContext, Agent, SandboxAction } from '../contracts';
import { TRANSITIONS, advanceDraft, userActionsFor, type WorkitemDraft } from '../stateMachine';
import { addressesFor } from './addresses';
import { DISPOSITION_IDS, QUEUES, SANDBOX_TENANT_ID } from './catalog';
import { delayBefore, routingDelay } from './durations';
import { weightedTable, type Rng } from './prng';
import type { WorkitemTraits } from './traits';

/** Who creates and routes workitems, in `userId` of time events. */
export const SYSTEM_USER = 'system';
export const ACD_USER = 'acd';

export interface LifecyclePlan {
  traits: WorkitemTraits;
  steps: SandboxAction[];
  /** delays[0]: from `created` to `queued`; delays[i + 1]: before steps[i]. Each at least 1 ms. */
  delays: number[];
  createdAt: number;
}

export interface Identity {
  workitemId: string;
  _id: string;
}

const OUTCOMES = weightedTable<string>([
  [DISPOSITION_IDS.resolved, 50],
  [DISPOSITION_IDS.followUp, 14],
  [DISPOSITION_IDS.callback, 9],
  [DISPOSITION_IDS.sale, 10],
  [DISPOSITION_IDS.escalated, 8],
  [DISPOSITION_IDS.voicemail, 5],
  [DISPOSITION_IDS.wrongNumber, 4],
]);

export function planDelays(rng: Rng, channel: string, steps: readonly SandboxAction[]): number[] {
  const delays = [routingDelay(rng, channel)];
  let state = 'inqueue';
  for (const action of steps) {
    delays.push(delayBefore(rng, action, state, channel));
    state = TRANSITIONS[action].to ?? state;
  }
  return delays;
}

export function totalOf(delays: readonly number[]): number {
  let total = 0;
  for (const delay of delays) {
    total += delay;
  }
  return total;
}

/** Shrinks a timeline to fit `available` ms, keeping every step at least 1 ms long. */
export function fitDelays(delays: number[], available: number): number[] {
  const total = totalOf(delays);
  if (total <= available) {
    return delays;
  }
  const factor = Math.max(0, available) / total;
  return delays.map((delay) => Math.max(1, Math.floor(delay * factor)));
}

export function buildWorkitem(
  rng: Rng,
  plan: LifecyclePlan,
  identity: Identity,
  agentsByQueue: ReadonlyMap<string, readonly Agent[]>,
): Workitem {
  const { traits, steps, delays, createdAt } = plan;
  const queuedAt = createdAt + delays[0];
  const { from, to } = addressesFor(traits.type, traits.contact, traits.queue);
  const draft: WorkitemDraft = {
    _id: identity._id,
    workitemId: identity.workitemId,
    tenantId: SANDBOX_TENANT_ID,
    channelType: traits.channel,
    type: traits.type,
    state: 'inqueue',
    currentStateName: 'inqueue',
    priority: traits.priority,
    contactId: traits.contact._id,
    // Shared with every workitem of this contact: the store hands out read-only objects.
    contact: traits.contact,
    selectedQueue: traits.queue._id,
    createdAt,
    modifiedAt: queuedAt,
    from,
    to,
    actions: userActionsFor('inqueue', traits.channel) as string[],
    timeEvents: [
      { type: 'created', timestamp: createdAt, userId: SYSTEM_USER, state: 'inqueue', queueId: traits.queue._id },
      { type: 'queued', timestamp: queuedAt, userId: ACD_USER, state: 'inqueue', queueId: traits.queue._id },
    ],
  };
  if (traits.campaignId) {
    draft.campaignId = traits.campaignId;
  }
  let now = queuedAt;
  let answered = false;
  for (let i = 0; i < steps.length; i++) {
    now += delays[i + 1];
    const action = steps[i];
    answered ||= action === 'answer';
    advanceDraft(draft, action, contextFor(rng, draft, action, now, answered, agentsByQueue));
  }
  // An exact-size copy: push leaves spare capacity, and a million spare slots add up.
  draft.timeEvents = draft.timeEvents.slice();
  return draft;
}

function contextFor(
  rng: Rng,
  draft: WorkitemDraft,
  action: SandboxAction,
  now: number,
  answered: boolean,
  agentsByQueue: ReadonlyMap<string, readonly Agent[]>,
): ActionContext {
  const actor = draft.agentUsername ?? SYSTEM_USER;
  switch (action) {
    case 'offer': {
      // The offered agent is the event's user, so the timeline alone says who was offered it.
      const agents = agentsByQueue.get(draft.selectedQueue ?? '') ?? [];
      return { now, userId: agents.length > 0 ? rng.pick(agents).username : ACD_USER };
    }
    case 'transfer': {
      const others = QUEUES.filter((queue) => queue._id !== draft.selectedQueue);
      return { now, userId: actor, queueId: rng.pick(others)._id };
    }
    case 'disposition':
      return { now, userId: actor, dispositionId: dispositionFor(rng, draft, answered) };
    default:
      return { now, userId: actor };
  }
}

function dispositionFor(rng: Rng, draft: WorkitemDraft, answered: boolean): string {
  if (!answered) {
    return draft.agentUsername === undefined ? DISPOSITION_IDS.abandoned : DISPOSITION_IDS.noAnswer;
  }
  const outcome = rng.weighted(OUTCOMES);
  return outcome === DISPOSITION_IDS.voicemail && draft.channelType !== 'voice' ? DISPOSITION_IDS.resolved : outcome;
}
