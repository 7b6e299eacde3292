// The shared budget on its own, on a clock the test moves: how long requests wait after a 429, the
// pace learned from what the server served, and when the refusal goes to the user instead.
import { strict as assert } from 'node:assert';
import { RATE_PACED_FOR_MS, RateGate, type RateGateState } from '../../../src/api/rateGate';

describe('RateGate', () => {
  let clock: number;
  /** When each waiting request may go (the clock stands still: they all wait together). */
  let waits: number[];
  const wait = async (ms: number): Promise<void> => {
    waits.push(clock + ms);
  };

  beforeEach(() => {
    clock = 5_000_000;
    waits = [];
  });

  it('lets everything through at once until the server refuses something', async () => {
    const gate = new RateGate({ now: () => clock });
    for (let i = 0; i < 50; i++) gate.served(await gate.pass(wait));
    assert.deepEqual(waits, []);
    assert.deepEqual(gate.state(), {});
  });

  it('after a 429, every request waits the Retry-After, then they leave spaced at the pace the server served', async () => {
    const gate = new RateGate({ now: () => clock });
    const heard: RateGateState[] = [];
    gate.onDidChange((state) => heard.push(state));
    // Five served within the second, the sixth refused with Retry-After 1 s.
    for (let i = 0; i < 5; i++) {
      gate.served(await gate.pass(wait));
      clock += 100;
    }
    assert.equal(gate.slowDown(1000), 1000);
    assert.equal(heard.length, 1);
    assert.equal(heard[0]?.pausedUntil, clock + 1000);
    const spacing = heard[0]?.spacingMs ?? 0;
    assert.ok(spacing > 200 && spacing < 250, `5 a second, with a margin: ${spacing} ms`);
    // The other refusals of the same burst do not learn a slower pace from an empty second.
    assert.equal(gate.slowDown(1000), 1000);
    assert.equal(gate.state().spacingMs, spacing);
    assert.equal(heard.length, 1);
    // Three requests asked at the same moment leave one spacing apart, after the pause.
    const resumeAt = clock + 1000;
    await Promise.all([gate.pass(wait), gate.pass(wait), gate.pass(wait)]);
    assert.deepEqual(waits, [resumeAt, resumeAt + spacing, resumeAt + 2 * spacing]);
  });

  it('goes back to full speed once the paced time has passed without a refusal', async () => {
    const gate = new RateGate({ now: () => clock });
    gate.served(await gate.pass(wait));
    gate.slowDown(2000);
    clock += RATE_PACED_FOR_MS + 1;
    waits = [];
    for (let i = 0; i < 10; i++) await gate.pass(wait);
    assert.deepEqual(waits, []);
    assert.deepEqual(gate.state(), {});
  });

  it('does not wait for a Retry-After past the cap: the refusal goes to the user', () => {
    const gate = new RateGate({ now: () => clock, capMs: 30_000 });
    assert.equal(gate.slowDown(120_000), undefined);
    assert.deepEqual(gate.state(), {});
  });

  it('pauses a second when the server gives no Retry-After', () => {
    const gate = new RateGate({ now: () => clock });
    assert.equal(gate.slowDown(undefined), 1000);
  });
});
