// Realistic workitems for tests that need one without a server, shaped like NCX's own example.
import type { Workitem } from '../../../../src/api/schemas';

export function activeVoiceCall(overrides: Partial<Workitem> = {}): Workitem {
  return {
    _id: '60c72b2f9b1e8e0007c8e8e9',
    workitemId: 'wi_12345',
    tenantId: 't_abcde',
    channelType: 'voice',
    type: 'InboundCall',
    state: 'active',
    currentStateName: 'active',
    priority: 3,
    contactId: 'ct_67890',
    agentUsername: 'jason.fontenot',
    selectedQueue: 'q_support',
    createdAt: 1678982400000,
    assignedAt: 1678982460000,
    from: '+18005551212',
    to: '+18005559999',
    actions: ['hold', 'hangup', 'transfer'],
    timeEvents: [
      { type: 'created', timestamp: 1678982400000, state: 'inqueue' },
      { type: 'answered', timestamp: 1678982460000, userId: 'jason.fontenot', state: 'active' },
    ],
    ...overrides,
  };
}
