import { WORKITEM_ACTIONS, WORKITEM_STATES, type WorkitemAction, type WorkitemState } from '../../api/domain';
import type { Workitem } from '../../api/schemas';
import { SANDBOX_ACTIONS, type SandboxAction } from '../contracts';
import { TRANSITIONS } from './transitions';

/** Why `action` cannot run on `workitem` now, or undefined when it can. */
export function illegalReason(workitem: Workitem, action: SandboxAction): string | undefined {
  const rule = TRANSITIONS[action];
  const channel = workitem.channelType;
  if (rule.channels && !(rule.channels as readonly string[]).includes(channel)) {
    const allowed = rule.channels.join(' or ');
    return `${workitem.workitemId} is ${article(channel)} ${channel} workitem: ${action} is only possible on ${allowed} workitems`;
  }
  if (!(rule.from as readonly string[]).includes(workitem.state)) {
    return `${workitem.workitemId} is ${workitem.state}: ${action} is not possible`;
  }
  if (!conditionHolds(rule.requires, workitem.muted === true)) {
    return `${workitem.workitemId} is ${workitem.state} and ${workitem.muted === true ? 'muted' : 'not muted'}: ${action} is not possible`;
  }
  return undefined;
}

function conditionHolds(requires: 'muted' | 'unmuted' | undefined, muted: boolean): boolean {
  return requires === undefined || (requires === 'muted') === muted;
}

export function isLegal(state: string, channel: string, action: SandboxAction, muted = false): boolean {
  const rule = TRANSITIONS[action];
  return (
    (rule.from as readonly string[]).includes(state) &&
    (!rule.channels || (rule.channels as readonly string[]).includes(channel)) &&
    conditionHolds(rule.requires, muted)
  );
}

/** Every sandbox action (lifecycle included) the workitem allows now: what the traffic simulator may do. */
export function legalActions(workitem: Workitem): SandboxAction[] {
  return SANDBOX_ACTIONS.filter((action) => isLegal(workitem.state, workitem.channelType, action, workitem.muted === true));
}

const sharedUserActions = new Map<string, Map<string, readonly WorkitemAction[]>>();

/**
 * The user actions legal in a state on a channel (muted or not), as one frozen array per case:
 * a million workitems share a few dozen arrays instead of owning one each.
 */
export function userActionsFor(state: string, channel: string, muted = false): readonly WorkitemAction[] {
  const key = muted ? `${state}/muted` : state;
  let byChannel = sharedUserActions.get(key);
  if (!byChannel) {
    byChannel = new Map();
    sharedUserActions.set(key, byChannel);
  }
  let actions = byChannel.get(channel);
  if (!actions) {
    actions = Object.freeze(WORKITEM_ACTIONS.filter((action) => isLegal(state, channel, action, muted)));
    byChannel.set(channel, actions);
  }
  return actions;
}

/** The user actions legal on the workitem now: its `actions` field. */
export function availableActions(workitem: Workitem): WorkitemAction[] {
  return [...userActionsFor(workitem.state, workitem.channelType, workitem.muted === true)];
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** States a workitem of this channel can reach from `inqueue`, in lifecycle order. */
export function reachableStates(channel: string): WorkitemState[] {
  const reached = new Set<string>(['inqueue']);
  let grew = true;
  while (grew) {
    grew = false;
    for (const action of SANDBOX_ACTIONS) {
      const rule = TRANSITIONS[action];
      const channelAllows = !rule.channels || (rule.channels as readonly string[]).includes(channel);
      if (rule.to !== undefined && channelAllows && !reached.has(rule.to) && rule.from.some((state) => reached.has(state))) {
        reached.add(rule.to);
        grew = true;
      }
    }
  }
  return WORKITEM_STATES.filter((state) => reached.has(state));
}
