import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PATHS } from '../../../../src/api/paths';
import { JOURNAL_FILE, META_FILE } from '../../../../src/sandbox/persistence/dataDir';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox/server/startSandbox';
import { asWorkitem, call, findWorkitem, signIn } from './support/http';

const SIZE = 400;
const SEED = 11;

describe('sandbox persistence across restarts', () => {
  let dataDir: string;
  const running: RunningSandbox[] = [];

  async function start(options: Parameters<typeof startSandbox>[0] = {}): Promise<RunningSandbox> {
    const sandbox = await startSandbox({ dataDir, ...options });
    running.push(sandbox);
    return sandbox;
  }

  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ncx-sandbox-data-'));
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((sandbox) => sandbox.stop()));
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('keeps acknowledged actions, and the data set, across a restart', async () => {
    const first = await start({ size: SIZE, seed: SEED });
    const token = await signIn(first.url, 'agent');
    const voice = await findWorkitem(first.url, token, 'state:active AND channelType:voice');
    const held = asWorkitem(await call(first.url, PATHS.hold(voice.workitemId), { method: 'POST', token }));
    const email = await findWorkitem(first.url, token, 'state:active AND channelType:email');
    const transfer = await call(first.url, PATHS.queueTransfer(email.workitemId, 'q_vip'), {
      method: 'POST',
      token,
      body: { inboxId: 'q_vip', workitemId: email.workitemId },
    });
    assert.equal(transfer.status, 200);
    const untouched = await findWorkitem(first.url, token, 'state:dispositioned');
    await first.stop();

    const meta = JSON.parse(await fs.readFile(path.join(dataDir, META_FILE), 'utf8')) as Record<string, unknown>;
    assert.equal(meta.seed, SEED);
    assert.equal(meta.size, SIZE);

    // No seed or size this time: they come from meta.json.
    const second = await start();
    assert.equal(second.replayed, 2);
    assert.equal(second.store.size, SIZE);
    // The token secret is kept too, so a token from before the restart still works.
    assert.deepEqual(asWorkitem(await call(second.url, PATHS.workitem(voice.workitemId), { token })), held);
    const transferred = second.store.get(email.workitemId);
    assert.deepEqual([transferred?.state, transferred?.selectedQueue], ['inqueue', 'q_vip']);
    assert.deepEqual(second.store.get(untouched.workitemId), untouched);
  });

  it('ignores a torn last journal line, as left by a crash mid-write', async () => {
    const first = await start({ size: SIZE, seed: SEED });
    const token = await signIn(first.url, 'agent');
    const voice = await findWorkitem(first.url, token, 'state:active AND channelType:voice');
    asWorkitem(await call(first.url, PATHS.hangup(voice.workitemId), { method: 'POST', token }));
    await first.stop();
    const journal = path.join(dataDir, JOURNAL_FILE);
    await fs.appendFile(journal, '{"kind":"apply","workitemId":"wi_1","action":"hangup","context":{"now":17');

    const second = await start();
    assert.equal(second.replayed, 1);
    assert.equal(second.store.get(voice.workitemId)?.state, 'terminated');
    const other = await findWorkitem(second.url, token, 'state:active AND channelType:voice');
    asWorkitem(await call(second.url, PATHS.hold(other.workitemId), { method: 'POST', token }));
    await second.stop();

    const third = await start();
    assert.equal(third.replayed, 2);
    assert.equal(third.store.get(other.workitemId)?.state, 'hold');
  });

  it('refuses to start a data directory with another size or seed', async () => {
    const first = await start({ size: SIZE, seed: SEED });
    await first.stop();
    await assert.rejects(start({ size: SIZE + 1 }), /size 400, not 401/);
    await assert.rejects(start({ seed: SEED + 1 }), /seed 11, not 12/);
  });

  it('journals living traffic and replays it', async () => {
    let clock = Date.UTC(2025, 2, 16, 16, 0, 0);
    const never = { every: () => () => undefined };
    const first = await start({ size: SIZE, seed: SEED, traffic: true, trafficScheduler: never, now: () => clock });
    assert.ok(first.traffic);
    const arrivals: string[] = [];
    for (let second = 0; second < 30; second += 1) {
      clock += 1000;
      arrivals.push(...(await first.traffic.tick()).arrived);
    }
    assert.ok(arrivals.length > 0);
    const snapshot = arrivals.map((id) => first.store.get(id));
    const sizeBefore = first.store.size;
    await first.stop();

    const second = await start({ now: () => clock });
    assert.equal(second.store.size, sizeBefore);
    assert.deepEqual(arrivals.map((id) => second.store.get(id)), snapshot);
  });
});
