// Finding a stuck call fast: rows sorted longest waiting first, kept in that order by the change
// feed, and a waiting workitem past its queue's SLA told apart. The real model and client against
// the real sandbox (its queues carry the SLAs).
import { strict as assert } from 'node:assert';
import { NcxClient } from '../../../src/api/client';
import type { Workitem } from '../../../src/api/schemas';
import { pastSlaMs, queueSlaMs, waitingSince } from '../../../src/model/live/queueSla';
import { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import { startTestSandbox, type TestSandbox } from '../api/helpers/sandbox';
import { rows } from './support/treeDriver';

describe('tree model: longest waiting first, and past the SLA', function () {
  this.timeout(60_000);
  let harness: TestSandbox;
  let client: NcxClient;

  before(async () => {
    harness = await startTestSandbox({ size: 600, seed: 5 });
    const token = await harness.tokenFor('admin');
    client = new NcxClient({ location: harness.url, token: () => token, retries: 0 });
  });

  after(async () => {
    await harness.stop();
  });

  it('lists a group oldest first and keeps that order when the change feed moves a call into it', async () => {
    const model = new WorkitemTreeModel({ api: client, sortBy: 'longestWaiting', pageSize: 500 });
    try {
      await rows(model);
      await model.setExpanded('state:inqueue', true);
      await rows(model, 'state:inqueue');
      await model.setExpanded('state:inqueue/channel:voice', true);
      const shown = async (): Promise<string[]> => (await rows(model, 'state:inqueue/channel:voice')).filter((row) => row.startsWith('wi_'));
      const serverOrder = async (): Promise<string[]> =>
        (await client.search({ q: 'state:inqueue AND channelType:voice', rows: 500, sort: 'createdAt asc' })).items.map((item) => item.workitemId);
      const before = await shown();
      assert.ok(before.length > 2, 'waiting calls to sort');
      assert.deepEqual(before, await serverOrder());
      await model.refresh();
      // An active call sent back to a queue: it waits again, and lands where its age puts it.
      const [active] = (await client.search({ q: 'state:active AND channelType:voice', rows: 1, sort: 'createdAt asc' })).items;
      assert.ok(active);
      await client.act('transfer', active.workitemId, { queueId: 'q_retention' });
      await model.refresh();
      const after = await shown();
      assert.ok(after.includes(active.workitemId), 'the transferred call is listed');
      assert.deepEqual(after, await serverOrder(), 'in the order the server sorts it');
    } finally {
      model.dispose();
    }
  });

  it('says how far past its queue’s SLA a waiting workitem is, from when it entered the queue', async () => {
    const queues = new Map((await client.listQueues()).map((queue) => [queue._id, queue]));
    const waiting = (await client.search({ q: 'state:inqueue', rows: 200 })).items;
    const now = Date.now();
    const slaOf = (item: Workitem): number | undefined => queueSlaMs(queues.get(item.selectedQueue ?? ''), item.channelType);
    const past = waiting.filter((item) => pastSlaMs(item, slaOf(item), now) !== undefined);
    const within = waiting.filter((item) => slaOf(item) !== undefined && pastSlaMs(item, slaOf(item), now) === undefined);
    assert.ok(past.length > 0, 'the sandbox has calls waiting past their SLA');
    for (const item of past) {
      assert.equal(pastSlaMs(item, slaOf(item), now), now - waitingSince(item) - (slaOf(item) ?? 0));
    }
    for (const item of within) assert.ok(now - waitingSince(item) <= (slaOf(item) ?? 0));
    const [active] = (await client.search({ q: 'state:active', rows: 1 })).items;
    assert.ok(active);
    assert.equal(pastSlaMs(active, 1, now), undefined, 'only a waiting workitem can be past its SLA');
  });
});
