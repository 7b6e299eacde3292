import * as assert from 'assert';
import { waitFor } from './helpers/waitFor';

// Suites that drive the sandbox rely on this helper to wait for the UI; it is checked on its own.
describe('waitFor helper', () => {
  it('resolves with the first value the probe returns once the condition holds', async () => {
    const states = ['inqueue', 'offered', 'active'];
    let calls = 0;
    const state = await waitFor(() => {
      const current = states[Math.min(calls++, states.length - 1)];
      return current === 'active' && current;
    }, { description: 'the workitem to become active', intervalMs: 1 });
    assert.strictEqual(state, 'active');
    assert.strictEqual(calls, 3);
  });

  it('awaits asynchronous probes and keeps polling past a probe that throws', async () => {
    let calls = 0;
    const id = await waitFor(async () => {
      calls += 1;
      if (calls === 1) {
        throw new Error('sandbox not listening yet');
      }
      return 'wi_12345';
    }, { description: 'the workitem id', intervalMs: 1 });
    assert.strictEqual(id, 'wi_12345');
  });

  it('rejects with the description and the last error once the time is up', async () => {
    await assert.rejects(
      waitFor(
        () => {
          throw new Error('ECONNREFUSED 127.0.0.1');
        },
        { description: 'the sandbox to answer', timeoutMs: 20, intervalMs: 5 },
      ),
      /waiting for the sandbox to answer; last error: ECONNREFUSED 127\.0\.0\.1/,
    );
  });
});
