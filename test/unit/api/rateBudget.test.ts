// A 429 slows the whole extension for that tenant, not each request on its own: the real tree model
// and the real client against the real sandbox, once without a limit and once with `--rate-limit 5`,
// doing the same work (a first paint, two groups opened, 20 refresh cycles back to back). Every
// attempt the client sends is counted, refusals included.
import { strict as assert } from 'node:assert';
import { NcxClient } from '../../../src/api/client';
import type { RequestLogEntry } from '../../../src/api/http';
import { RateGate } from '../../../src/api/rateGate';
import { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import { startTestSandbox, type TestSandbox } from './helpers/sandbox';

const CYCLES = 20;

interface Run {
  attempts: number;
  refused: number;
  /** Attempts of the first paint's wave (the state counts and the feed's probe, sent at once). */
  firstWave: number;
  /** 429s after the first paint: the ones a shared budget exists to prevent. */
  refusedLater: number;
  errors: string[];
  gate: RateGate;
}

async function firstPaintAndRefreshes(harness: TestSandbox): Promise<Run> {
  const token = await harness.tokenFor('admin');
  const entries: RequestLogEntry[] = [];
  const gate = new RateGate();
  const api = new NcxClient({ location: harness.url, token: () => token, gate, onRequest: (entry) => entries.push(entry) });
  const model = new WorkitemTreeModel({ api });
  const errors: string[] = [];
  const roots = await model.getChildren();
  const firstWave = entries.filter((entry) => entry.attempt === 1).length;
  const paintedAt = entries.length;
  const active = roots.find((node) => node.id === 'state:active');
  assert.ok(active, 'the sandbox has active workitems');
  await model.setExpanded(active.id, true);
  const voice = (await model.getChildren(active.id)).find((node) => node.id.endsWith('channel:voice'));
  assert.ok(voice, 'active voice calls');
  await model.setExpanded(voice.id, true);
  await model.getChildren(voice.id);
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    await model.refresh();
  }
  for (const id of ['', active.id, voice.id]) {
    for (const node of await model.getChildren(id)) {
      if (node.kind === 'error') errors.push(`${id}: ${node.message}`);
    }
  }
  model.dispose();
  const refused = (list: RequestLogEntry[]): number => list.filter((entry) => entry.status === 429).length;
  return { attempts: entries.length, refused: refused(entries), firstWave, refusedLater: refused(entries.slice(paintedAt)), errors, gate };
}

describe('one request budget per tenant under a rate limit', function () {
  this.timeout(120_000);

  // The first paint sends its state counts and the feed's probe in one wave, before any answer can
  // say there is a limit: past the fifth, those are refused, unavoidably. After that wave nothing
  // is refused again, and the ratio is what those first refusals cost over the whole run.
  it(`under --rate-limit 5, only the first paint's wave meets 429s, once; ${CYCLES} refresh cycles after it none, and nothing fails`, async () => {
    const free = await startTestSandbox({ size: 600, seed: 11 });
    let unlimited: Run;
    try {
      unlimited = await firstPaintAndRefreshes(free);
    } finally {
      await free.stop();
    }
    const limitedSandbox = await startTestSandbox({ size: 600, seed: 11, rateLimit: 5 });
    let limited: Run;
    try {
      limited = await firstPaintAndRefreshes(limitedSandbox);
    } finally {
      await limitedSandbox.stop();
    }
    const ratio = limited.attempts / unlimited.attempts;
    console.log(
      `      requests: ${unlimited.attempts} without a limit, ${limited.attempts} under --rate-limit 5 (${limited.refused} refused with 429): ${ratio.toFixed(2)}×`,
    );
    assert.equal(unlimited.refused, 0);
    assert.ok(limited.refused > 0, 'the limit was reached (else this measures nothing)');
    assert.deepEqual(limited.errors, [], 'no group turned into an error row');
    assert.deepEqual(unlimited.errors, []);
    assert.ok(limited.refused <= limited.firstWave - 5, `${limited.refused} refused: more than the first wave of ${limited.firstWave} past the limit of 5`);
    assert.equal(limited.refusedLater, 0, 'once refused, the client paces every request to this tenant');
    assert.equal(limited.attempts - unlimited.attempts, limited.refused, 'each refused request was sent again once, nothing else was added');
    assert.ok(limited.gate.state().pacedUntil !== undefined, 'the client still paces its requests to this tenant');
  });
});
