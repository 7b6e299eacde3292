// The sandbox's lifecycle as data: one row per action. Code reads it (legality, next state, time
// event) and the Markdown renderer prints it, so the documentation cannot drift from the behaviour.
// NCX documents no state machine; this one is our assumption (see the README, "What NCX leaves open").
import type { ChannelType, TimeEventType, WorkitemState } from '../../api/domain';
import type { SandboxAction } from '../contracts';

export interface TransitionRule {
  /** States the action may start from. */
  readonly from: readonly WorkitemState[];
  /** Channels the action exists on; absent means every channel. */
  readonly channels?: readonly ChannelType[];
  /** The state it leads to; absent when the workitem stays in its state. */
  readonly to?: WorkitemState;
  /** A condition besides the state: mute needs an unmuted call, unmute a muted one. */
  readonly requires?: 'muted' | 'unmuted';
  /** Type of the time event the action appends. */
  readonly event: TimeEventType;
  /** Fields the action sets besides state, currentStateName, modifiedAt, actions and timeEvents. */
  readonly effect: string;
}

export const TRANSITIONS: Readonly<Record<SandboxAction, TransitionRule>> = {
  offer: {
    from: ['inqueue'],
    to: 'offered',
    event: 'offered',
    effect: 'agentUsername = the agent it is offered to',
  },
  accept: {
    from: ['offered'],
    to: 'accepted',
    event: 'accepted',
    effect: 'assignedAt = now',
  },
  answer: {
    from: ['accepted'],
    to: 'active',
    event: 'answered',
    effect: '',
  },
  hold: {
    from: ['active'],
    channels: ['voice'],
    to: 'hold',
    event: 'held',
    effect: '',
  },
  unhold: {
    from: ['hold'],
    channels: ['voice'],
    to: 'active',
    event: 'retrieved',
    effect: '',
  },
  conference: {
    from: ['active'],
    channels: ['voice'],
    to: 'conference',
    event: 'conferenced',
    effect: '',
  },
  // From inqueue / offered it models a caller who gives up (or a supervisor clearing a stuck item).
  hangup: {
    from: ['inqueue', 'offered', 'accepted', 'active', 'hold', 'conference'],
    to: 'terminated',
    event: 'terminated',
    effect: 'terminatedAt = now; muted removed',
  },
  // A conference has other parties on the line, so it must end (hangup) rather than be re-queued.
  transfer: {
    from: ['inqueue', 'offered', 'accepted', 'active', 'hold'],
    to: 'inqueue',
    event: 'transferred',
    effect: 'selectedQueue = target queue (time event carries queueId); agentUsername, assignedAt and muted removed; answers {}',
  },
  disposition: {
    from: ['terminated'],
    to: 'dispositioned',
    event: 'dispositioned',
    effect: 'dispositionId = the chosen disposition (400 without one, 404 for an unknown one)',
  },
  mute: {
    from: ['active', 'hold', 'conference'],
    channels: ['voice'],
    requires: 'unmuted',
    event: 'muted',
    effect: 'muted = true',
  },
  unmute: {
    from: ['active', 'hold', 'conference'],
    channels: ['voice'],
    requires: 'muted',
    event: 'unmuted',
    effect: 'muted = false',
  },
  // One request per digit; the time event's note is the digit.
  dtmf: {
    from: ['active', 'conference'],
    channels: ['voice'],
    event: 'dtmf',
    effect: 'time event note = the digit',
  },
  priority: {
    from: ['inqueue', 'offered', 'accepted', 'active', 'hold', 'conference'],
    event: 'reprioritized',
    effect: 'priority = 1 to 5 (400 otherwise); answers {}',
  },
  userTransfer: {
    from: ['inqueue', 'offered', 'accepted', 'active', 'hold'],
    to: 'offered',
    event: 'transferred',
    effect: 'agentUsername = the target user (404 for an unknown one); assignedAt removed; answers {}',
  },
};
