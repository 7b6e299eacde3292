import * as assert from 'node:assert/strict';
import { signIn } from '../../../../src/api/auth';
import { NcxClient } from '../../../../src/api/client';
import { openWsSocket } from '../../../../src/live/wsSocket';
import { changesOf, type LiveChange } from '../../../../src/model/live/liveChange';
import { LiveChangeStream, type LiveMode } from '../../../../src/model/live/liveChangeStream';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox/server/startSandbox';

async function until(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every change the store holds from `since` on, read from the workitems' full timelines. */
function changesInStore(sandbox: RunningSandbox, since: number): string[] {
  const changed = sandbox.store.search({ q: `modifiedAt:>=${since}`, rows: 1000, start: 0 }).objects;
  return changed.flatMap((workitem) => changesOf(workitem, since)).map((change) => change.key);
}

describe('live change stream (socket, change feed, the switch between them)', function () {
  this.timeout(30_000);
  let sandbox: RunningSandbox | undefined;
  let stream: LiveChangeStream | undefined;

  afterEach(async () => {
    stream?.dispose();
    stream = undefined;
    await sandbox?.stop();
    sandbox = undefined;
  });

  async function follow(options: { trafficSpeed?: number } = {}): Promise<{ changes: LiveChange[]; modes: LiveMode[]; start: number }> {
    sandbox = await startSandbox({ size: 600, traffic: options.trafficSpeed !== undefined, trafficSpeed: options.trafficSpeed ?? 1 });
    const grant = await signIn({ loginUrl: sandbox.url, username: 'admin', password: 'admin-password' });
    const api = new NcxClient({ location: grant.location, token: () => grant.token, retries: 0 });
    stream = new LiveChangeStream({
      api,
      location: grant.location,
      token: () => grant.token,
      openSocket: openWsSocket,
      feedIntervalMs: 200,
      backoff: { firstMs: 100, maxMs: 400 },
    });
    const changes: LiveChange[] = [];
    const modes: LiveMode[] = [];
    stream.onDidChange((batch) => changes.push(...batch));
    stream.onDidChangeMode((mode) => modes.push(mode));
    const start = Date.now();
    await stream.start();
    await until(() => stream?.mode === 'socket', 'the socket');
    return { changes, modes, start };
  }

  it('delivers an action over the socket once, with its old and new state', async () => {
    const { changes } = await follow();
    const running = sandbox as RunningSandbox;
    const [active] = running.store.search({ q: 'state:active AND channelType:voice', rows: 1, start: 0 }).objects;
    assert.ok(active);
    const grant = await signIn({ loginUrl: running.url, username: 'admin', password: 'admin-password' });
    await new NcxClient({ location: running.url, token: () => grant.token }).act('hold', active.workitemId, {});
    await until(() => changes.some((change) => change.workitemId === active.workitemId), 'the hold');
    const held = changes.filter((change) => change.workitemId === active.workitemId);
    assert.equal(held.length, 1);
    assert.equal(held[0]?.via, 'socket');
    assert.equal(held[0]?.oldState, 'active');
    assert.equal(held[0]?.newState, 'hold');
  });

  it('misses nothing and repeats nothing across a drop, a refused reconnect and the return of the socket', async () => {
    const { changes, modes } = await follow({ trafficSpeed: 60 });
    const running = sandbox as RunningSandbox;
    const since = (running.store.search({ sort: 'modifiedAt desc', rows: 1, start: 0 }).objects[0]?.modifiedAt ?? 0) + 1;
    await until(() => changes.length > 20, 'changes over the socket');
    running.events.refuseUpgrades = true;
    running.events.dropAll();
    await until(() => stream?.mode === 'feed', 'the fallback to the feed');
    const beforeFeed = changes.length;
    await until(() => changes.filter((change) => change.via === 'feed').length > 10 && changes.length > beforeFeed + 10, 'changes from the feed');
    running.events.refuseUpgrades = false;
    await until(() => stream?.mode === 'socket', 'the socket again');
    const back = changes.length;
    await until(() => changes.length > back + 20, 'changes over the socket again');
    await running.traffic?.stop();
    // Whatever was in flight when traffic stopped.
    await stream?.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const keys = changes.map((change) => change.key);
    assert.equal(new Set(keys).size, keys.length, 'a change was delivered twice');
    const expected = changesInStore(running, since);
    assert.ok(expected.length > 40, `only ${expected.length} changes happened`);
    const delivered = new Set(keys);
    const missed = expected.filter((key) => !delivered.has(key));
    assert.deepEqual(missed, [], `${missed.length} of ${expected.length} changes were missed`);
    assert.ok(modes.includes('feed') && modes.lastIndexOf('socket') > modes.indexOf('feed'), `modes: ${modes.join(' ')}`);
  });
});
