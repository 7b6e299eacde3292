import * as assert from 'assert';
import { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import { FakeWorkitemsApi, ObjectStore } from './support/fakeWorkitemsApi';
import { makeWorkitem, makeWorkitems } from './support/fixtures';
import { open, rows, watchChanges } from './support/treeDriver';

const LEAF = 'state:active/channel:voice';
const SPREAD = [
  ['active', 'voice', 3],
  ['active', 'chat', 2],
  ['hold', 'voice', 2],
  ['inqueue', 'email', 2],
] as const;

async function openedTree() {
  const store = new ObjectStore(makeWorkitems(SPREAD));
  const api = new FakeWorkitemsApi(store);
  const model = new WorkitemTreeModel({ api });
  await open(model, 'state:active', LEAF);
  api.resetCalls();
  return { store, api, model };
}

describe('tree model: refresh', () => {
  it('re-queries each visible group once, and the expanded group\'s page instead of its count', async () => {
    const { api, model } = await openedTree();
    await model.refresh();
    const queries = api.calls.map((call) => `${call.method} ${call.q ?? '*'}`);
    assert.strictEqual(new Set(queries).size, queries.length, `a group queried twice: ${queries.join('\n')}`);
    // Top: total + 8 states. Under active: 4 channel counts + the voice page (its total is its count).
    assert.strictEqual(api.callsOf('count').length, 9 + 4);
    assert.deepStrictEqual(api.callsOf('search'), [
      { method: 'search', q: 'state:"active" AND channelType:"voice"', start: 0, rows: 100 },
    ]);
  });

  it('reports nothing when nothing changed', async () => {
    const { model } = await openedTree();
    const changes = watchChanges(model);
    await model.refresh();
    assert.deepStrictEqual(changes.batches, []);
  });

  it('reports only the row of a workitem whose content changed', async () => {
    const { store, model } = await openedTree();
    const changes = watchChanges(model);
    store.update('wi_10001', { agentUsername: 'amy.chen', priority: 5 });
    await model.refresh();
    assert.deepStrictEqual(changes.batches, [[`${LEAF}/wi:wi_10001`]]);
    assert.strictEqual(model.getWorkitem('wi_10001')?.agentUsername, 'amy.chen');
  });

  it('reports a collapsed group whose count changed, and not its parent', async () => {
    const { store, model } = await openedTree();
    const changes = watchChanges(model);
    store.add(makeWorkitem(500, { state: 'inqueue', channelType: 'email', ageMinutes: 0.5 }));
    await model.refresh();
    assert.deepStrictEqual(changes.all(), ['state:inqueue']);
    assert.ok((await rows(model)).includes('state:inqueue (3)'));
  });

  it('reports the groups a workitem left and entered when it changes state', async () => {
    const { store, model } = await openedTree();
    const changes = watchChanges(model);
    store.update('wi_10001', { state: 'hold', actions: ['unhold', 'hangup', 'transfer'] });
    await model.refresh();
    // Both counts changed; refreshing `state:active` re-renders the voice rows beneath it.
    assert.deepStrictEqual(changes.all(), ['state:active', 'state:hold']);
    assert.deepStrictEqual(await rows(model, LEAF), ['wi_10000', 'wi_10002']);
  });

  it('keeps the newest version of listed workitems only: one that left every loaded window is forgotten', async () => {
    const { store, model } = await openedTree();
    assert.ok(model.getWorkitem('wi_10001'), 'listed in the open voice group');
    store.update('wi_10001', { state: 'hold', actions: ['unhold', 'hangup', 'transfer'] });
    await model.refresh();
    assert.strictEqual(model.getWorkitem('wi_10001'), undefined, 'now only in the collapsed hold group');
    assert.strictEqual(model.getWorkitem('wi_10000')?.state, 'active');
  });

  it('reports the parent when a group appears', async () => {
    const { store, model } = await openedTree();
    const changes = watchChanges(model);
    store.add(makeWorkitem(600, { state: 'conference', channelType: 'voice', ageMinutes: 0.5 }));
    await model.refresh();
    assert.deepStrictEqual(changes.all(), ['']);
    assert.ok((await rows(model)).includes('state:conference (1)'));
  });

  it('reports the state group (its count changed) when a workitem arrives in its expanded channel group', async () => {
    const { store, model } = await openedTree();
    await rows(model, LEAF);
    const changes = watchChanges(model);
    store.add(makeWorkitem(700, { state: 'active', channelType: 'voice', ageMinutes: 0.5 }));
    await model.refresh();
    // active's count changed (3+2 → 6): that one id covers the new row in its voice group.
    assert.deepStrictEqual(changes.all(), ['state:active']);
    assert.deepStrictEqual((await rows(model, LEAF))[0], 'wi_10700');
  });

  it('refreshes nothing below a collapsed group, and catches up when it is expanded again', async () => {
    const { store, api, model } = await openedTree();
    await model.setExpanded('state:active', false);
    store.add(makeWorkitem(800, { state: 'active', channelType: 'voice', ageMinutes: 0.5 }));
    await model.refresh();
    assert.strictEqual(api.callsOf('search').length, 0, 'the collapsed voice group is not fetched');
    assert.strictEqual(api.callsOf('count').length, 9, 'only the top level is counted');
    api.resetCalls();
    const changes = watchChanges(model);
    await model.setExpanded('state:active', true);
    assert.ok(api.calls.length > 0, 'stale children are fetched on expansion');
    assert.deepStrictEqual(changes.all(), ['state:active/channel:voice']);
  });

  it('shares one refresh between callers who ask at the same time', async () => {
    const { api, model } = await openedTree();
    await Promise.all([model.refresh(), model.refresh(), model.refresh()]);
    assert.strictEqual(api.callsOf('search').length, 1);
  });

  it('keeps the pages a person loaded across a refresh, in one request', async () => {
    const store = new ObjectStore(makeWorkitems([['active', 'voice', 230]]));
    const api = new FakeWorkitemsApi(store);
    const model = new WorkitemTreeModel({ api });
    await open(model, 'state:active', LEAF);
    await model.loadMore(`${LEAF}/more`);
    api.resetCalls();
    await model.refresh();
    assert.deepStrictEqual(api.callsOf('search').map((call) => [call.start, call.rows]), [[0, 200]]);
    assert.strictEqual((await rows(model, LEAF)).at(-1), 'load more 200/230');
  });

  it('marks a workitem busy and reports only its row', async () => {
    const { model } = await openedTree();
    const changes = watchChanges(model);
    model.setBusy('wi_10002', 'Holding…');
    assert.deepStrictEqual(changes.batches, [[`${LEAF}/wi:wi_10002`]]);
    assert.ok((await rows(model, LEAF)).includes('wi_10002 [Holding…]'));
    model.setBusy('wi_10002', undefined);
    assert.deepStrictEqual(changes.batches.at(-1), [`${LEAF}/wi:wi_10002`]);
    assert.ok((await rows(model, LEAF)).includes('wi_10002'));
  });
});
