import * as assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox/server/startSandbox';
import type { TrafficScheduler } from '../../../../src/sandbox/traffic/scheduler';
import { assertError, call } from './support/http';

const TRAFFIC = '/__sandbox/traffic';

/** A scheduler the test fires by hand; it tells whether a task is scheduled. */
class HandScheduler implements TrafficScheduler {
  task: (() => void) | undefined;

  get scheduled(): boolean {
    return this.task !== undefined;
  }

  fire(): void {
    this.task?.();
  }

  every(_intervalMs: number, task: () => void): () => void {
    this.task = task;
    return () => {
      if (this.task === task) this.task = undefined;
    };
  }
}

/** The newest change the sandbox holds, and how many workitems it holds. */
function stateOf(sandbox: RunningSandbox): { size: number; newest: number } {
  const newest = sandbox.store.search({ sort: 'modifiedAt desc', rows: 1, start: 0 }).objects[0]?.modifiedAt ?? 0;
  return { size: sandbox.store.size, newest };
}

describe('sandbox traffic pause over HTTP', () => {
  let sandbox: RunningSandbox | undefined;

  afterEach(async () => {
    await sandbox?.stop();
    sandbox = undefined;
  });

  it('pauses and resumes living traffic', async () => {
    const scheduler = new HandScheduler();
    sandbox = await startSandbox({ size: 300, traffic: true, allowFaults: true, trafficScheduler: scheduler });
    assert.deepEqual((await call(sandbox.url, TRAFFIC)).json, { running: true });

    const paused = await call(sandbox.url, TRAFFIC, { method: 'PUT', body: { running: false } });
    assert.equal(paused.status, 200);
    assert.deepEqual(paused.json, { running: false });
    assert.equal(scheduler.scheduled, false, 'ticks are still scheduled');

    const resumed = await call(sandbox.url, TRAFFIC, { method: 'PUT', body: { running: true } });
    assert.deepEqual(resumed.json, { running: true });
    const before = stateOf(sandbox);
    scheduler.fire();
    await sandbox.traffic?.stop();
    assert.ok(stateOf(sandbox).size > before.size, 'the resumed traffic brought no arrival');
  });

  it('answers the pause once a tick under way is done, and then nothing moves', async function () {
    // Real timers at the highest speed: a tick every few milliseconds.
    this.timeout(20_000);
    sandbox = await startSandbox({ size: 300, traffic: true, trafficSpeed: 1000, allowFaults: true });
    const started = stateOf(sandbox);
    while (stateOf(sandbox).newest === started.newest) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await call(sandbox.url, TRAFFIC, { method: 'PUT', body: { running: false } });
    const paused = stateOf(sandbox);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(stateOf(sandbox), paused);
  });

  it('refuses a body without `running`', async () => {
    sandbox = await startSandbox({ size: 300, traffic: true, allowFaults: true, trafficScheduler: new HandScheduler() });
    assertError(await call(sandbox.url, TRAFFIC, { method: 'PUT', body: { paused: true } }), 400);
  });

  it('is not served unless the test hooks are allowed', async () => {
    sandbox = await startSandbox({ size: 300, traffic: true, trafficScheduler: new HandScheduler() });
    assertError(await call(sandbox.url, TRAFFIC, { method: 'PUT', body: { running: false } }), 404);
  });
});
