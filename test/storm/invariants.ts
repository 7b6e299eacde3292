// What must hold after any storm, whatever order the actions landed in. Each check returns the
// violations it found, as sentences; an empty list means the data is sound.
import { isDeepStrictEqual } from 'node:util';
import type { TimeEvent, Workitem } from '../../src/api/schemas';
import type { SandboxAction } from '../../src/sandbox/contracts';
import { isLegal, TRANSITIONS, userActionsFor } from '../../src/sandbox/stateMachine';
import type { Acknowledged } from './storm';

// The storm sends hold, unhold, hang-up and queue transfers; `transferred` is the queue transfer's.
const ACTION_OF_EVENT: ReadonlyMap<string, SandboxAction> = new Map(
  (Object.keys(TRANSITIONS) as SandboxAction[])
    .filter((action) => action !== 'userTransfer')
    .map((action) => [TRANSITIONS[action].event, action]),
);

/** One workitem on its own: its state is the one its last event entered, its actions the ones that state allows. */
export function workitemViolations(workitem: Workitem): string[] {
  const violations: string[] = [];
  const id = workitem.workitemId;
  const last = workitem.timeEvents?.[workitem.timeEvents.length - 1];
  if (last === undefined) {
    violations.push(`${id} has no time event`);
  } else if (last.state !== workitem.state) {
    violations.push(`${id} is ${workitem.state} but its last event (${last.type}) entered ${String(last.state)}`);
  }
  if (workitem.currentStateName !== workitem.state) {
    violations.push(`${id}: currentStateName ${String(workitem.currentStateName)} differs from state ${workitem.state}`);
  }
  const allowed = userActionsFor(workitem.state, workitem.channelType);
  if (!isDeepStrictEqual(workitem.actions ?? [], [...allowed])) {
    violations.push(`${id} (${workitem.state}, ${workitem.channelType}) lists actions [${(workitem.actions ?? []).join(',')}], the state machine allows [${allowed.join(',')}]`);
  }
  return violations;
}

function sameEvent(a: TimeEvent | undefined, b: TimeEvent | undefined): boolean {
  return a !== undefined && isDeepStrictEqual(a, b);
}

export interface HistoryCheck {
  violations: string[];
  /** Acknowledged actions found in the final timeline. */
  found: number;
}

/**
 * A workitem's timeline from `before` to `after`, against what was acknowledged in between. Each
 * acknowledgement carrying the workitem (hold, unhold, hang-up) claims the event at the end of the
 * timeline it answered with; a transfer answers `{}` and is matched by its queue. `unknown` counts
 * requests whose outcome never came (cut off by a kill): each may or may not have happened.
 */
export function historyViolations(before: Workitem, after: Workitem, acks: readonly Acknowledged[], unknown: number): HistoryCheck {
  const id = before.workitemId;
  const violations: string[] = [];
  const start = before.timeEvents?.length ?? 0;
  const events = after.timeEvents ?? [];
  if (!isDeepStrictEqual(events.slice(0, start), before.timeEvents ?? [])) {
    violations.push(`${id}: the timeline before the storm was changed`);
  }
  const added = events.slice(start);
  const claimed = new Set<number>();
  let found = 0;
  for (const ack of acks) {
    if (ack.answer === undefined) {
      continue;
    }
    const answered = ack.answer.timeEvents ?? [];
    const position = answered.length - 1;
    const own = answered[position];
    if (own?.type !== TRANSITIONS[ack.action].event) {
      violations.push(`${id}: the answer to ${ack.action} ends with a ${String(own?.type)} event`);
    } else if (position < start) {
      violations.push(`${id}: the answer to ${ack.action} claims event ${position}, from before the storm`);
    } else if (claimed.has(position)) {
      violations.push(`${id}: two acknowledged actions claim event ${position}: one was applied twice, or one not at all`);
    } else if (!sameEvent(events[position], own)) {
      violations.push(`${id}: acknowledged ${ack.action} (event ${position}) is missing from the timeline`);
    } else {
      claimed.add(position);
      found += 1;
    }
  }
  const unclaimed = added.map((event, offset) => ({ event, position: start + offset })).filter(({ position }) => !claimed.has(position));
  const transfers = acks.filter((ack) => ack.action === 'transfer');
  const unclaimedQueues = unclaimed.filter(({ event }) => event.type === TRANSITIONS.transfer.event).map(({ event }) => event.queueId);
  for (const transfer of transfers) {
    const index = unclaimedQueues.indexOf(transfer.queueId);
    if (index < 0) {
      violations.push(`${id}: acknowledged transfer to ${String(transfer.queueId)} is missing from the timeline`);
    } else {
      unclaimedQueues.splice(index, 1);
      found += 1;
    }
  }
  const unexplained = unclaimed.length - transfers.length;
  if (unexplained > unknown) {
    violations.push(
      `${id}: ${unexplained} event(s) no acknowledged action explains, with ${unknown} request(s) of unknown outcome: an action was applied twice`,
    );
  }
  violations.push(...replayViolations(before, added));
  if (added.length > 0 && after.state !== added[added.length - 1]?.state) {
    violations.push(`${id}: ended ${after.state}, but the last event entered ${String(added[added.length - 1]?.state)}`);
  }
  return { violations, found };
}

/** Every added event must be a legal step of the state machine from the state before it. */
function replayViolations(before: Workitem, added: readonly TimeEvent[]): string[] {
  const violations: string[] = [];
  let state = before.state;
  for (const event of added) {
    const action = ACTION_OF_EVENT.get(event.type);
    if (action === undefined) {
      violations.push(`${before.workitemId}: event ${event.type} belongs to no action`);
      return violations;
    }
    if (!isLegal(state, before.channelType, action)) {
      violations.push(`${before.workitemId}: ${action} was applied in state ${state}, where it is not allowed`);
    }
    const next = TRANSITIONS[action].to ?? state;
    if (event.state !== next) {
      violations.push(`${before.workitemId}: ${action} entered ${String(event.state)}, not ${next}`);
    }
    state = next;
  }
  return violations;
}
