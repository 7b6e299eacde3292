import * as assert from 'assert';
import { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import { FakeWorkitemsApi, ObjectStore } from './support/fakeWorkitemsApi';
import { makeWorkitems } from './support/fixtures';
import { settle } from './support/treeDriver';

describe('tree model: reset while requests wait for a slot', () => {
  it('never sends the change-feed probe of a tree that was reset while the probe was queued', async () => {
    const api = new FakeWorkitemsApi(new ObjectStore(makeWorkitems([['active', 'voice', 3], ['hold', 'chat', 1]])));
    // One request at a time: the first paint's counts and its probe queue up behind each other.
    const model = new WorkitemTreeModel({ api, maxConcurrentRequests: 1 });
    const release = api.pause();
    const painted = model.getChildren();
    await settle();
    assert.strictEqual(api.calls.length, 1, 'only the first state count is in flight');
    model.reload();
    release();
    assert.deepStrictEqual(await painted, [], 'the old tree shows nothing: the view was told to start over');
    await settle();
    assert.deepStrictEqual(api.callsOf('feed'), [], 'the old tree\'s probe was cancelled, not sent');
    // The fake answers a probe with 400; a stale probe would have switched the feed off for the new tree.
    assert.strictEqual(model.stats().feedStopped, undefined);
    model.dispose();
  });
});
