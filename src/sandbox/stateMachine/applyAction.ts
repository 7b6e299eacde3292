import { PRIORITY_MAX, PRIORITY_MIN } from '../../api/domain';
import type { TimeEvent, Workitem } from '../../api/schemas';
import { BadRequestError, IllegalActionError, type ActionContext, type SandboxAction } from '../contracts';
import { illegalReason, userActionsFor } from './legality';
import { TRANSITIONS } from './transitions';

const MUTE_STATES: readonly string[] = TRANSITIONS.mute.from;

/** Used when `disposition` is applied without a `dispositionId` (the simulator's quick wrap-up). */
export const DEFAULT_DISPOSITION_ID = 'disp_resolved';

/** A workitem under construction that its builder owns alone, so it may be changed in place. */
export type WorkitemDraft = Workitem & { timeEvents: TimeEvent[] };

/**
 * Applies one action and returns a NEW workitem; the given one is left untouched, also when the
 * action is illegal (IllegalActionError) or its context incomplete (BadRequestError).
 */
export function applyAction(workitem: Workitem, action: SandboxAction, context: ActionContext): Workitem {
  checkAction(workitem, action, context);
  const draft: WorkitemDraft = { ...workitem, timeEvents: [...(workitem.timeEvents ?? [])] };
  advanceChecked(draft, action, context);
  return draft;
}

/**
 * Applies one action to a draft in place. For builders of fresh workitems (the data set generator
 * walks millions of lifecycles and cannot afford a copy per step); everyone else uses applyAction.
 */
export function advanceDraft(draft: WorkitemDraft, action: SandboxAction, context: ActionContext): void {
  checkAction(draft, action, context);
  advanceChecked(draft, action, context);
}

function checkAction(workitem: Workitem, action: SandboxAction, context: ActionContext): void {
  const reason = illegalReason(workitem, action);
  if (reason !== undefined) {
    throw new IllegalActionError(reason, workitem.workitemId, workitem.state, action);
  }
  if (action === 'transfer' && !context.queueId) {
    throw new BadRequestError(`transfer of ${workitem.workitemId} needs a target queue`);
  }
  if (action === 'userTransfer' && !context.agentUsername) {
    throw new BadRequestError(`userTransfer of ${workitem.workitemId} needs a target user`);
  }
  if (action === 'priority' && (context.priority === undefined || !Number.isInteger(context.priority) || context.priority < PRIORITY_MIN || context.priority > PRIORITY_MAX)) {
    throw new BadRequestError(`priority of ${workitem.workitemId} must be a whole number from ${PRIORITY_MIN} to ${PRIORITY_MAX}`);
  }
  if (action === 'dtmf' && (context.digit === undefined || !/^[0-9*#]$/.test(context.digit))) {
    throw new BadRequestError(`dtmf on ${workitem.workitemId} takes one digit of 0-9, * or #`);
  }
}

function advanceChecked(draft: WorkitemDraft, action: SandboxAction, context: ActionContext): void {
  const rule = TRANSITIONS[action];
  const event: TimeEvent = { type: rule.event, timestamp: context.now, userId: context.userId, state: rule.to ?? draft.state };
  switch (action) {
    case 'offer':
      draft.agentUsername = context.agentUsername ?? context.userId;
      break;
    case 'accept':
      draft.agentUsername = context.agentUsername ?? draft.agentUsername ?? context.userId;
      draft.assignedAt = context.now;
      break;
    case 'transfer':
      draft.selectedQueue = context.queueId;
      event.queueId = context.queueId;
      // Deleted rather than set to undefined: the JSON and the schema must not see the old agent.
      delete draft.agentUsername;
      delete draft.assignedAt;
      break;
    case 'hangup':
      draft.terminatedAt = context.now;
      break;
    case 'disposition':
      draft.dispositionId = context.dispositionId ?? DEFAULT_DISPOSITION_ID;
      break;
    case 'userTransfer':
      draft.agentUsername = context.agentUsername;
      delete draft.assignedAt;
      break;
    case 'mute':
      draft.muted = true;
      break;
    case 'unmute':
      draft.muted = false;
      break;
    case 'priority':
      draft.priority = context.priority;
      break;
    case 'dtmf':
      event.note = context.digit;
      break;
    case 'answer':
    case 'hold':
    case 'unhold':
    case 'conference':
      break;
  }
  const state = rule.to ?? draft.state;
  // Mute belongs to a connected call; it ends with the call (or with a move to another queue or agent).
  if (!MUTE_STATES.includes(state) || action === 'transfer' || action === 'userTransfer') {
    delete draft.muted;
  }
  draft.state = state;
  draft.currentStateName = state;
  draft.modifiedAt = context.now;
  draft.timeEvents.push(event);
  // Shared frozen array (see userActionsFor); the store's callers must not mutate workitems anyway.
  draft.actions = userActionsFor(state, draft.channelType, draft.muted === true) as string[];
}
