// Workitems for the detail-page benchmark, shaped like the NCX example (an inbound call with its
// contact and queue): a short one, and a marathon call with thousands of hold / retrieve events,
// some transfers and notes, as a supervisor would open after a very long day.
import type { TimeEvent, Workitem } from '../../../src/api/schemas';

export const T0 = Date.UTC(2026, 2, 16, 14, 0, 0);
const SECOND = 1000;

const AGENTS = ['jason.fontenot', 'maria.wright', 'nancy.mensah'] as const;
const QUEUES = ['q_support', 'q_billing', 'q_technical'] as const;

/** An active inbound call with `events` time events (at least 5), deterministic. */
export function callWithEvents(events: number): Workitem {
  const timeEvents: TimeEvent[] = [
    { type: 'created', timestamp: T0, userId: 'system', state: 'inqueue', queueId: 'q_support' },
    { type: 'queued', timestamp: T0 + 200, userId: 'acd', state: 'inqueue', queueId: 'q_support' },
    { type: 'offered', timestamp: T0 + 42 * SECOND, userId: AGENTS[0], state: 'offered' },
    { type: 'accepted', timestamp: T0 + 47 * SECOND, userId: AGENTS[0], state: 'accepted' },
    { type: 'answered', timestamp: T0 + 51 * SECOND, userId: AGENTS[0], state: 'active' },
  ];
  let at = T0 + 51 * SECOND;
  let agent: string = AGENTS[0];
  for (let i = 0; timeEvents.length < events; i++) {
    at += 15 * SECOND + ((i * 7919) % 97) * SECOND;
    if (i % 50 === 49) {
      // Now and then the caller is passed on: to a queue, then to the next agent.
      const queueId = QUEUES[(i / 50) % QUEUES.length | 0];
      agent = AGENTS[((i / 50) | 0) % AGENTS.length];
      timeEvents.push({ type: 'transferred', timestamp: at, userId: agent, state: 'inqueue', queueId, note: `Escalated to ${queueId}` });
    } else if (i % 50 === 0 && i > 0) {
      timeEvents.push({ type: 'answered', timestamp: at, userId: agent, state: 'active' });
    } else if (i % 2 === 0) {
      timeEvents.push({ type: 'held', timestamp: at, userId: agent, state: 'hold' });
    } else {
      timeEvents.push({ type: 'retrieved', timestamp: at, userId: agent, state: 'active' });
    }
  }
  const last = timeEvents[timeEvents.length - 1];
  return {
    _id: '60c72b2f9b1e8e0007c8e8e9',
    workitemId: `wi_${events}`,
    tenantId: 't_abcde',
    channelType: 'voice',
    type: 'InboundCall',
    state: last.state ?? 'active',
    currentStateName: last.state ?? 'active',
    priority: 3,
    contactId: 'ct_67890',
    contact: {
      _id: 'ct_67890',
      firstName: 'Maria',
      lastName: "O'Brien",
      company: 'Acme Roofing',
      phone: '+18005551212',
      email: 'maria.obrien@example.com',
    },
    agentUsername: agent,
    selectedQueue: 'q_support',
    createdAt: T0,
    modifiedAt: last.timestamp,
    assignedAt: T0 + 47 * SECOND,
    terminatedAt: 0,
    from: '+18005551212',
    to: '+18005559999',
    actions: last.state === 'hold' ? ['unhold', 'hangup', 'transfer'] : ['hold', 'hangup', 'transfer'],
    timeEvents,
  };
}
