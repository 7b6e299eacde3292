// Realistic workitems for tests that need one without a server: NCX's own example (wi_12345), with a
// timeline whose events name the state they entered.
import type { Workitem } from '../../../../src/api/schemas';
import { MINUTE, seedExample, T0 } from '../../webview/fixtures/workitems';

export function activeVoiceCall(overrides: Partial<Workitem> = {}): Workitem {
  return {
    ...seedExample(),
    timeEvents: [
      { type: 'created', timestamp: T0, state: 'inqueue' },
      { type: 'answered', timestamp: T0 + MINUTE, userId: 'jason.fontenot', state: 'active' },
    ],
    ...overrides,
  };
}
