// What a workitem is about, drawn with the proportions of a mid-size contact center: mostly
// calls, then chat, email and SMS; social messages land in the social queue; VIPs jump the line.
import { CHANNEL_OF_TYPE, PRIORITY_MAX, type ChannelType, type WorkitemType } from '../../api/domain';
import type { Contact } from '../../api/schemas';
import { CAMPAIGN_IDS, QUEUES, type SandboxQueue } from './catalog';
import { weightedTable, type Rng, type WeightedTable } from './prng';

export interface WorkitemTraits {
  channel: ChannelType;
  type: WorkitemType;
  queue: SandboxQueue;
  contact: Contact;
  priority: number;
  campaignId?: string;
}

export const CHANNEL_WEIGHTS = weightedTable<ChannelType>([
  ['voice', 45],
  ['chat', 20],
  ['email', 14],
  ['sms', 13],
  ['videoMeeting', 8],
]);

const TYPE_WEIGHTS: Readonly<Record<ChannelType, WeightedTable<WorkitemType>>> = {
  voice: weightedTable<WorkitemType>([
    ['InboundCall', 70],
    ['OutboundCall', 20],
    ['PredictiveCall', 10],
  ]),
  email: weightedTable<WorkitemType>([
    ['InboundEmail', 75],
    ['OutboundEmail', 25],
  ]),
  sms: weightedTable<WorkitemType>([
    ['InboundSMS', 70],
    ['OutboundSMS', 30],
  ]),
  chat: weightedTable<WorkitemType>([
    ['Chat', 55],
    ['Whatsapp', 20],
    ['Facebook', 12],
    ['Instagram', 8],
    ['Twitter', 5],
  ]),
  videoMeeting: weightedTable<WorkitemType>([['VideoMeeting', 1]]),
};

const queueById = new Map(QUEUES.map((queue) => [queue._id, queue]));
function queueOf(id: string): SandboxQueue {
  const queue = queueById.get(id);
  if (!queue) {
    throw new Error(`no queue ${id} in the catalog`);
  }
  return queue;
}

const INBOUND_QUEUES = weightedTable<SandboxQueue>([
  [queueOf('q_support'), 35],
  [queueOf('q_technical'), 20],
  [queueOf('q_billing'), 15],
  [queueOf('q_sales'), 12],
  [queueOf('q_spanish'), 8],
  [queueOf('q_vip'), 6],
  [queueOf('q_retention'), 4],
]);
const OUTBOUND_QUEUES = weightedTable<SandboxQueue>([
  [queueOf('q_sales'), 50],
  [queueOf('q_retention'), 30],
  [queueOf('q_billing'), 20],
]);
const SOCIAL_QUEUES = weightedTable<SandboxQueue>([
  [queueOf('q_social'), 80],
  [queueOf('q_support'), 20],
]);

const PRIORITY_WEIGHTS = weightedTable<number>([
  [1, 10],
  [2, 20],
  [3, 40],
  [4, 20],
  [5, 10],
]);

export function typeFor(rng: Rng, channel: ChannelType): WorkitemType {
  return rng.weighted(TYPE_WEIGHTS[channel]);
}

/** Draws the traits of one workitem; `type`, when given, fixes the channel too. */
export function drawTraits(rng: Rng, contacts: readonly Contact[], channel?: ChannelType, type?: WorkitemType): WorkitemTraits {
  const chosenChannel = type ? CHANNEL_OF_TYPE[type] : (channel ?? rng.weighted(CHANNEL_WEIGHTS));
  const chosenType = type ?? typeFor(rng, chosenChannel);
  const queue = rng.weighted(queueTableFor(chosenType));
  const basePriority = rng.weighted(PRIORITY_WEIGHTS);
  const traits: WorkitemTraits = {
    channel: chosenChannel,
    type: chosenType,
    queue,
    contact: rng.pick(contacts),
    priority: queue._id === 'q_vip' ? Math.min(PRIORITY_MAX, basePriority + 1) : basePriority,
  };
  if (chosenType === 'OutboundCall' || chosenType === 'PredictiveCall') {
    traits.campaignId = rng.pick(CAMPAIGN_IDS);
  }
  return traits;
}

function queueTableFor(type: WorkitemType): WeightedTable<SandboxQueue> {
  switch (type) {
    case 'OutboundCall':
    case 'PredictiveCall':
    case 'OutboundEmail':
    case 'OutboundSMS':
      return OUTBOUND_QUEUES;
    case 'Facebook':
    case 'Instagram':
    case 'Twitter':
    case 'Whatsapp':
      return SOCIAL_QUEUES;
    default:
      return INBOUND_QUEUES;
  }
}
