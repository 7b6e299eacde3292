import * as assert from 'assert';
import { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import { FakeWorkitemsApi, ObjectStore } from './support/fakeWorkitemsApi';
import { makeWorkitem, makeWorkitems } from './support/fixtures';
import { rows } from './support/treeDriver';

describe('tree model: locate (for reveal)', () => {
  it('opens the workitem\'s groups and returns its row id, with nothing expanded before', async () => {
    const api = new FakeWorkitemsApi(new ObjectStore(makeWorkitems([['active', 'voice', 2], ['hold', 'chat', 2]])));
    const model = new WorkitemTreeModel({ api });
    const id = await model.locate('wi_10003');
    assert.strictEqual(id, 'state:hold/channel:chat/wi:wi_10003');
    assert.strictEqual(model.findNode(id)?.kind, 'workitem');
    assert.strictEqual(model.getParentId(id), 'state:hold/channel:chat');
    assert.strictEqual(model.getParentId('state:hold/channel:chat'), 'state:hold');
    assert.strictEqual(model.getParentId('state:hold'), '');
  });

  it('pages through a large group until the workitem is loaded', async () => {
    const api = new FakeWorkitemsApi(new ObjectStore(makeWorkitems([['active', 'voice', 260]])));
    const model = new WorkitemTreeModel({ api, groupBy: 'state' });
    assert.strictEqual(await model.locate('wi_10250'), 'state:active/wi:wi_10250');
    assert.deepStrictEqual(api.callsOf('search').map((call) => call.start), [0, 100, 200]);
    assert.strictEqual((await rows(model, 'state:active')).length, 260);
  });

  it('returns undefined, without paging, for a workitem the filter hides', async () => {
    const workitems = makeWorkitems([['active', 'voice', 150]]).map((workitem, index) => ({ ...workitem, priority: index === 120 ? 1 : 5 }));
    const api = new FakeWorkitemsApi(new ObjectStore(workitems));
    const model = new WorkitemTreeModel({ api, filter: 'priority:5' });
    assert.strictEqual(await model.locate('wi_10120'), undefined);
    assert.ok(api.callsOf('search').length <= 1);
  });

  it('finds a workitem that moved since the last count', async () => {
    const store = new ObjectStore(makeWorkitems([['active', 'voice', 2]]));
    const api = new FakeWorkitemsApi(store);
    const model = new WorkitemTreeModel({ api });
    await model.getChildren();
    store.update('wi_10001', { state: 'hold' });
    assert.strictEqual(await model.locate('wi_10001'), 'state:hold/channel:voice/wi:wi_10001');
  });

  it('rejects with the client\'s error for an unknown workitem', async () => {
    const api = new FakeWorkitemsApi(new ObjectStore(makeWorkitems([['active', 'voice', 1]])));
    const model = new WorkitemTreeModel({ api });
    await assert.rejects(model.locate('wi_nope'), (error: Error & { kind?: string }) => error.kind === 'notFound');
  });

  it('finds a workitem whose id needs escaping in queries and node ids', async () => {
    const odd = { ...makeWorkitem(7, { state: 'active', channelType: 'sms' }), workitemId: 'wi/7 "a"' };
    const api = new FakeWorkitemsApi(new ObjectStore([odd, ...makeWorkitems([['active', 'sms', 2]])]));
    const model = new WorkitemTreeModel({ api });
    const id = await model.locate('wi/7 "a"');
    assert.strictEqual(id, `state:active/channel:sms/wi:${encodeURIComponent('wi/7 "a"')}`);
    assert.strictEqual(model.getParentId(id), 'state:active/channel:sms');
  });
});
