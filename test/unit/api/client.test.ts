// Every operation of the client against the real sandbox.
import { strict as assert } from 'node:assert';
import { NcxClient } from '../../../src/api/client';
import { and, gte, term } from '../../../src/api/queryBuilder';
import type { Workitem } from '../../../src/api/schemas';
import type { SearchPage } from '../../../src/api/workitemsApi';
import { startTestSandbox, type TestSandbox } from './helpers/sandbox';

describe('api/client against the sandbox', () => {
  let harness: TestSandbox;
  let client: NcxClient;

  before(async () => {
    harness = await startTestSandbox();
    const token = await harness.tokenFor('agent');
    client = new NcxClient({ location: harness.url, token: () => token });
  });

  after(async () => {
    await harness.stop();
  });

  /** A workitem of the sandbox in `state` on `channel`, straight from its store. */
  function someWorkitem(state: string, channel = 'voice', skip = 0): Workitem {
    const found = harness.sandbox.store.search({ q: `state:${state} AND channelType:${channel}`, rows: 1, start: skip });
    const [workitem] = found.objects;
    assert.ok(workitem, `the sandbox has no ${state} ${channel} workitem`);
    return workitem;
  }

  it('searches with a built query and gets only matching, valid workitems', async () => {
    const q = and(term('state', 'active'), term('channelType', 'voice')).toString();
    const page = await client.search({ q, rows: 50 });
    const expected = harness.sandbox.store.search({ q, rows: 50, start: 0 });
    assert.equal(page.total, expected.total);
    assert.ok(page.total > 0);
    assert.deepEqual(
      page.items.map((item) => item.workitemId),
      expected.objects.map((item) => item.workitemId),
    );
    assert.ok(page.items.every((item) => item.state === 'active' && item.channelType === 'voice'));
    assert.deepEqual(page.issues, []);
    assert.equal(page.count, page.items.length);
    assert.equal(page.start, 0);
  });

  it('passes sort and start through', async () => {
    const q = gte('priority', 4).toString();
    const first = await client.search({ q, rows: 20, sort: 'createdAt desc' });
    const second = await client.search({ q, rows: 20, start: 20, sort: 'createdAt desc' });
    const createdAt = [...first.items, ...second.items].map((item) => item.createdAt);
    assert.deepEqual(createdAt, [...createdAt].sort((a, b) => b - a));
    assert.ok(first.items.every((item) => (item.priority ?? 0) >= 4));
    assert.equal(second.start, 20);
  });

  it('counts with one request of zero rows', async () => {
    const q = term('channelType', 'email').toString();
    assert.equal(await client.count(q), harness.sandbox.store.search({ q, rows: 0, start: 0 }).total);
    assert.equal(await client.count(undefined), harness.sandbox.store.size);
  });

  it('walks all pages of the data set, each workitem once', async () => {
    const pages: SearchPage[] = [];
    for await (const page of client.pages({ rows: 1000 })) {
      pages.push(page);
    }
    const ids = pages.flatMap((page) => page.items.map((item) => item.workitemId));
    assert.equal(ids.length, harness.sandbox.store.size);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(
      pages.map((page) => page.start),
      [0, 1000],
    );
  });

  it('fetches one workitem as the sandbox holds it', async () => {
    const stored = someWorkitem('hold');
    const fetched = await client.fetchWorkitem(stored.workitemId);
    assert.deepEqual(fetched, JSON.parse(JSON.stringify(stored)));
  });

  it('holds and unholds a call', async () => {
    const { workitemId } = someWorkitem('active');
    const held = await client.act('hold', workitemId, {});
    assert.ok(held);
    assert.equal(held.state, 'hold');
    assert.equal(held.timeEvents?.at(-1)?.type, 'held');
    assert.equal(held.timeEvents?.at(-1)?.userId, 'agent');
    const resumed = await client.act('unhold', workitemId, {});
    assert.ok(resumed);
    assert.equal(resumed.state, 'active');
    assert.equal(harness.sandbox.store.get(workitemId)?.state, 'active');
  });

  it('hangs up a call', async () => {
    const { workitemId } = someWorkitem('active', 'voice', 1);
    const ended = await client.act('hangup', workitemId, {});
    assert.ok(ended);
    assert.equal(ended.state, 'terminated');
    assert.equal(harness.sandbox.store.get(workitemId)?.state, 'terminated');
  });

  it('transfers a workitem to another queue', async () => {
    const workitem = someWorkitem('active', 'voice', 2);
    const target = harness.sandbox.store.queues().find((queue) => queue._id !== workitem.selectedQueue);
    assert.ok(target);
    assert.equal(await client.act('transfer', workitem.workitemId, { queueId: target._id }), undefined, 'NCX answers {}');
    const after = harness.sandbox.store.get(workitem.workitemId);
    assert.equal(after?.selectedQueue, target._id);
    assert.equal(after?.state, 'inqueue');
  });

  it('lists the queues', async () => {
    const queues = await client.listQueues();
    assert.deepEqual(
      queues.map((queue) => queue._id).sort(),
      harness.sandbox.store.queues().map((queue) => queue._id).sort(),
    );
    assert.ok(queues.every((queue) => typeof queue.name === 'string'));
  });

  it('also works with the bare token in the Authorization header, as live NCX clients send it', async () => {
    const token = await harness.tokenFor('viewer');
    const raw = new NcxClient({ location: harness.url, token: () => token, authScheme: 'raw' });
    assert.equal(await raw.count(undefined), harness.sandbox.store.size);
  });

  it('reads the token afresh for each request', async () => {
    const session: { token?: string } = {};
    const late = new NcxClient({ location: harness.url, token: () => session.token, retries: 0 });
    await assert.rejects(late.count(undefined));
    session.token = await harness.tokenFor('viewer');
    assert.equal(await late.count(undefined), harness.sandbox.store.size);
  });
});
