// The closed sets the product knows. NCX documents only examples of most of them (see README,
// "What NCX leaves open"): values outside these lists are still accepted everywhere and shown as
// unknown, because a live tenant may send values we have never seen.

/** Lifecycle order: the tree lists state groups in this order. */
export const WORKITEM_STATES = [
  'inqueue',
  'offered',
  'accepted',
  'active',
  'hold',
  'conference',
  'terminated',
  'dispositioned',
] as const;
export type WorkitemState = (typeof WORKITEM_STATES)[number];

export const CHANNEL_TYPES = ['voice', 'email', 'sms', 'chat', 'videoMeeting'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const WORKITEM_TYPES = [
  'InboundCall',
  'OutboundCall',
  'PredictiveCall',
  'InboundEmail',
  'OutboundEmail',
  'InboundSMS',
  'OutboundSMS',
  'Chat',
  'Facebook',
  'Instagram',
  'Twitter',
  'Whatsapp',
  'VideoMeeting',
] as const;
export type WorkitemType = (typeof WORKITEM_TYPES)[number];

/**
 * The channel each type travels on (social messages ride the chat channel). NCX names no type for
 * the videoMeeting channel; `VideoMeeting` is our assumption so that every channel has one.
 */
export const CHANNEL_OF_TYPE: Readonly<Record<WorkitemType, ChannelType>> = {
  InboundCall: 'voice',
  OutboundCall: 'voice',
  PredictiveCall: 'voice',
  InboundEmail: 'email',
  OutboundEmail: 'email',
  InboundSMS: 'sms',
  OutboundSMS: 'sms',
  Chat: 'chat',
  Facebook: 'chat',
  Instagram: 'chat',
  Twitter: 'chat',
  Whatsapp: 'chat',
  VideoMeeting: 'videoMeeting',
};

/**
 * Actions a user can run from the inspector; they appear in a workitem's `actions` list. Each one
 * is declared once, with its words, permission and request, in `src/api/actions/catalog.ts`.
 */
export const WORKITEM_ACTIONS = [
  'hold',
  'unhold',
  'hangup',
  'transfer',
  'answer',
  'mute',
  'unmute',
  'dtmf',
  'priority',
  'userTransfer',
  'disposition',
] as const;
export type WorkitemAction = (typeof WORKITEM_ACTIONS)[number];

export const PERMISSIONS = ['workitems:read', 'workitems:write', 'workitems:delete', 'workitems:admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export function hasPermission(granted: readonly string[], needed: Permission): boolean {
  return granted.includes(needed) || granted.includes('workitems:admin');
}

export const PRIORITY_MIN = 1;
export const PRIORITY_MAX = 5;

export function isKnownState(value: string): value is WorkitemState {
  return (WORKITEM_STATES as readonly string[]).includes(value);
}

export function isKnownChannel(value: string): value is ChannelType {
  return (CHANNEL_TYPES as readonly string[]).includes(value);
}

export function isKnownType(value: string): value is WorkitemType {
  return (WORKITEM_TYPES as readonly string[]).includes(value);
}

/**
 * Time event types written by the sandbox; each event also records the state the workitem
 * entered (`state`), so time spent in each state can be derived from the timeline alone.
 */
export const TIME_EVENT_TYPES = [
  'created',
  'queued',
  'offered',
  'accepted',
  'answered',
  'held',
  'retrieved',
  'conferenced',
  'transferred',
  'muted',
  'unmuted',
  'dtmf',
  'reprioritized',
  'terminated',
  'dispositioned',
] as const;
export type TimeEventType = (typeof TIME_EVENT_TYPES)[number];
