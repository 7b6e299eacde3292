import * as assert from 'assert';
import { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import { FakeWorkitemsApi, ObjectStore } from './support/fakeWorkitemsApi';
import { makeWorkitem, makeWorkitems } from './support/fixtures';
import { open, rows } from './support/treeDriver';

const LEAF = 'state:active/channel:voice';

function activeVoice(count: number): ObjectStore {
  return new ObjectStore(makeWorkitems([['active', 'voice', count], ['hold', 'voice', 3]]));
}

describe('tree model: paging', () => {
  it('shows a page, newest first, with "Load more (100 of 250)" below it', async () => {
    const api = new FakeWorkitemsApi(activeVoice(250));
    const model = new WorkitemTreeModel({ api });
    const page = await open(model, 'state:active', LEAF);
    assert.strictEqual(page.length, 101);
    assert.deepStrictEqual(page.slice(0, 3), ['wi_10000', 'wi_10001', 'wi_10002']);
    assert.strictEqual(page[100], 'load more 100/250');
    const search = api.callsOf('search');
    assert.deepStrictEqual(search, [{ method: 'search', q: 'state:"active" AND channelType:"voice"', start: 0, rows: 100 }]);
  });

  it('loads the next pages from where the last one ended, until the group is complete', async () => {
    const api = new FakeWorkitemsApi(activeVoice(250));
    const model = new WorkitemTreeModel({ api });
    await open(model, 'state:active', LEAF);
    await model.loadMore(`${LEAF}/more`);
    let page = await rows(model, LEAF);
    assert.strictEqual(page.length, 201);
    assert.strictEqual(page[200], 'load more 200/250');
    await model.loadMore(`${LEAF}/more`);
    page = await rows(model, LEAF);
    assert.strictEqual(page.length, 250, 'no "Load more" once everything is there');
    assert.deepStrictEqual(page.slice(-1), ['wi_10249']);
    assert.deepStrictEqual(api.callsOf('search').map((call) => [call.start, call.rows]), [[0, 100], [100, 100], [200, 100]]);
  });

  it('uses the page size it is given', async () => {
    const api = new FakeWorkitemsApi(activeVoice(30));
    const model = new WorkitemTreeModel({ api, pageSize: 25 });
    const page = await open(model, 'state:active', LEAF);
    assert.strictEqual(page[25], 'load more 25/30');
  });

  it('does not list a workitem twice when new arrivals shift the pages', async () => {
    const store = activeVoice(150);
    const api = new FakeWorkitemsApi(store);
    const model = new WorkitemTreeModel({ api });
    await open(model, 'state:active', LEAF);
    // Two newer calls arrive: the second page now starts two workitems earlier.
    store.add(makeWorkitem(900, { state: 'active', channelType: 'voice', ageMinutes: 0.1 }));
    store.add(makeWorkitem(901, { state: 'active', channelType: 'voice', ageMinutes: 0.2 }));
    await model.loadMore(`${LEAF}/more`);
    const page = await rows(model, LEAF);
    const ids = page.filter((row) => row.startsWith('wi_'));
    assert.strictEqual(new Set(ids).size, ids.length, 'no duplicates');
    assert.strictEqual(ids.length, 150, 'the two arrivals wait for the next refresh');
    assert.strictEqual(page.at(-1), 'wi_10149', 'every position fetched: no "Load more"');
  });

  it('reports invalid workitems in one row and keeps the valid ones', async () => {
    const workitems: object[] = makeWorkitems([['active', 'voice', 6]]);
    // A priority outside 1..5 and a createdAt that is not a number: both fail the schema.
    Object.assign(workitems[1], { priority: 9 });
    Object.assign(workitems[3], { priority: 0, modifiedAt: 'yesterday' });
    const api = new FakeWorkitemsApi(new ObjectStore(workitems));
    const model = new WorkitemTreeModel({ api });
    await open(model, 'state:active');
    const page = await model.getChildren(LEAF);
    assert.deepStrictEqual(
      page.map((node) => (node.kind === 'workitem' ? node.workitem.workitemId : node.kind)),
      ['wi_10000', 'wi_10002', 'wi_10004', 'wi_10005', 'issues'],
    );
    const issues = page.find((node) => node.kind === 'issues');
    assert.ok(issues?.kind === 'issues');
    assert.strictEqual(issues.invalidCount, 2, 'two workitems, three issues');
    assert.deepStrictEqual(
      issues.issues.map((issue) => [issue.workitemId, issue.path]),
      [['wi_10001', 'priority'], ['wi_10003', 'priority'], ['wi_10003', 'modifiedAt']],
    );
  });

  it('counts invalid workitems as fetched positions when paging', async () => {
    const workitems: object[] = makeWorkitems([['active', 'voice', 12]]);
    Object.assign(workitems[2], { priority: 7 });
    const api = new FakeWorkitemsApi(new ObjectStore(workitems));
    const model = new WorkitemTreeModel({ api, pageSize: 10 });
    await open(model, 'state:active');
    const first = await rows(model, LEAF);
    assert.deepStrictEqual(first.slice(-2), ['issues 1', 'load more 10/12']);
    await model.loadMore(`${LEAF}/more`);
    assert.deepStrictEqual(api.callsOf('search').map((call) => call.start), [0, 10]);
    const all = await rows(model, LEAF);
    assert.strictEqual(all.filter((row) => row.startsWith('wi_')).length, 11);
    assert.strictEqual(all.at(-1), 'issues 1', 'complete: no "Load more"');
  });
});
