// How time events map to states, and states to the four phases a supervisor reads at a glance.
import type { TimeEventType, WorkitemState } from '../api/domain';

/**
 * The state an event type enters, for events that do not say (`state` is optional: the NCX
 * example carries only `type`). `created` enters no state by itself: a workitem is only waiting
 * once it is queued. Types outside this table leave the state unchanged.
 */
export const STATE_ENTERED_BY_EVENT: Readonly<Partial<Record<TimeEventType, WorkitemState>>> = {
  queued: 'inqueue',
  transferred: 'inqueue',
  offered: 'offered',
  accepted: 'accepted',
  answered: 'active',
  retrieved: 'active',
  held: 'hold',
  conferenced: 'conference',
  terminated: 'terminated',
  dispositioned: 'dispositioned',
};

export function stateEnteredByEventType(type: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(STATE_ENTERED_BY_EVENT, type)
    ? STATE_ENTERED_BY_EVENT[type as TimeEventType]
    : undefined;
}

export const STATE_PHASES = ['waiting', 'talking', 'onHold', 'wrapUp', 'other'] as const;
/** `other` collects states we do not know; `dispositioned` is done and belongs to no phase. */
export type StatePhase = (typeof STATE_PHASES)[number];

const PHASE_OF_STATE: Readonly<Record<WorkitemState, StatePhase | undefined>> = {
  inqueue: 'waiting',
  offered: 'waiting',
  accepted: 'waiting',
  active: 'talking',
  conference: 'talking',
  hold: 'onHold',
  terminated: 'wrapUp',
  dispositioned: undefined,
};

export function phaseOfState(state: string): StatePhase | undefined {
  return Object.prototype.hasOwnProperty.call(PHASE_OF_STATE, state)
    ? PHASE_OF_STATE[state as WorkitemState]
    : 'other';
}
