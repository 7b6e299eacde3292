// Realistic workitems in the shape of NCX's documented example (wi_12345, an active inbound call
// with a contact, a queue, an agent and its time events), generated deterministically.
import { CHANNEL_OF_TYPE, type WorkitemType } from '../../../../src/api/domain';
import type { Workitem } from '../../../../src/api/schemas';

/** The fixtures' "present"; every timestamp lies before it. */
export const FIXTURE_NOW = 1_678_982_400_000;

const FIRST_NAMES = ['Maria', 'James', 'Aiko', 'Olu', 'Priya', 'Lukas', 'Sofia', 'Diego'];
const LAST_NAMES = ['Garcia', 'Smith', 'Tanaka', 'Adeyemi', 'Patel', 'Weber', 'Rossi', 'Lopez'];
const AGENTS = ['jason.fontenot', 'amy.chen', 'raj.kumar', 'lena.meyer'];
const QUEUES = ['q_support', 'q_billing', 'q_sales'];

const ACTIONS_BY_STATE: Readonly<Record<string, readonly string[]>> = {
  inqueue: ['transfer'],
  offered: [],
  accepted: ['hangup'],
  active: ['hold', 'hangup', 'transfer'],
  hold: ['unhold', 'hangup', 'transfer'],
  conference: ['hold', 'hangup'],
  terminated: [],
  dispositioned: [],
};

const TYPE_BY_CHANNEL: Readonly<Record<string, WorkitemType>> = {
  voice: 'InboundCall',
  email: 'InboundEmail',
  sms: 'InboundSMS',
  chat: 'Chat',
  videoMeeting: 'Chat',
};

export interface WorkitemSpec {
  state: string;
  channelType: string;
  type?: string;
  /** Minutes before FIXTURE_NOW. */
  ageMinutes?: number;
}

/** Workitem number `n` (its id is `wi_<10000 + n>`), in the given state and channel. */
export function makeWorkitem(n: number, spec: WorkitemSpec): Workitem {
  const createdAt = FIXTURE_NOW - (spec.ageMinutes ?? n + 1) * 60_000;
  const type = spec.type ?? TYPE_BY_CHANNEL[spec.channelType] ?? 'InboundCall';
  const voice = (CHANNEL_OF_TYPE as Record<string, string>)[type] === 'voice';
  const firstName = FIRST_NAMES[n % FIRST_NAMES.length];
  const lastName = LAST_NAMES[(n * 3) % LAST_NAMES.length];
  const agent = AGENTS[n % AGENTS.length];
  const assigned = !['inqueue', 'offered'].includes(spec.state);
  return {
    _id: (0x60c72b2f9b1e8e0007c8e8e9n + BigInt(n)).toString(16).padStart(24, '0'),
    workitemId: `wi_${10000 + n}`,
    tenantId: 't_abcde',
    channelType: spec.channelType,
    type,
    state: spec.state,
    currentStateName: spec.state,
    priority: (n % 5) + 1,
    contactId: `ct_${60000 + n}`,
    contact: {
      _id: `ct_${60000 + n}`,
      firstName,
      lastName,
      ...(n % 2 === 0 ? { company: 'Acme Corp' } : {}),
      phone: `+1800555${String(1000 + (n % 9000)).padStart(4, '0')}`,
      email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@example.com`,
    },
    ...(assigned ? { agentUsername: agent, assignedAt: createdAt + 45_000 } : {}),
    selectedQueue: QUEUES[n % QUEUES.length],
    createdAt,
    modifiedAt: createdAt + 60_000,
    from: voice ? `+1800555${String(2000 + (n % 8000)).padStart(4, '0')}` : `${firstName.toLowerCase()}@example.com`,
    to: voice ? '+18005559999' : 'support@example.com',
    actions: [...(ACTIONS_BY_STATE[spec.state] ?? [])],
    timeEvents: [
      { type: 'created', timestamp: createdAt, state: 'inqueue', queueId: QUEUES[n % QUEUES.length] },
      ...(assigned ? [{ type: 'answered', timestamp: createdAt + 45_000, userId: agent, state: 'active' }] : []),
    ],
  };
}

/** `count` workitems per [state, channel] pair, numbered from `firstN`. */
export function makeWorkitems(
  spread: ReadonlyArray<readonly [state: string, channelType: string, count: number]>,
  firstN = 0,
): Workitem[] {
  const workitems: Workitem[] = [];
  let n = firstN;
  for (const [state, channelType, count] of spread) {
    for (let i = 0; i < count; i++) {
      workitems.push(makeWorkitem(n, { state, channelType }));
      n++;
    }
  }
  return workitems;
}
