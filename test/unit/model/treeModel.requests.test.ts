import * as assert from 'assert';
import { GROUP_BY_MODES } from '../../../src/config/settings';
import { OTHER_GROUP_VALUE } from '../../../src/model/groupKeys';
import { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import { FakeWorkitemsApi, ObjectStore } from './support/fakeWorkitemsApi';
import { makeWorkitem, makeWorkitems } from './support/fixtures';
import { SyntheticStore, UNKNOWN_CHANNEL, UNKNOWN_STATE } from './support/syntheticStore';
import { open, rows, settle } from './support/treeDriver';

const SPREAD = [
  ['active', 'voice', 3],
  ['hold', 'voice', 2],
  ['inqueue', 'email', 2],
  ['active', 'chat', 1],
] as const;

describe('tree model: requests', () => {
  it('paints the top level from counts alone: one per state plus the total, no workitems', async () => {
    const api = new FakeWorkitemsApi(new ObjectStore(makeWorkitems(SPREAD)));
    const model = new WorkitemTreeModel({ api, changeFeed: false });
    await model.getChildren();
    assert.strictEqual(api.callsOf('search').length, 0);
    assert.strictEqual(api.callsOf('count').length, 1 + 8);
    assert.ok(api.callsOf('count').some((call) => call.q === undefined), 'the total is counted');
  });

  it('sends the state counts and the change feed\'s probe (its total is the root\'s) in one wave; a refused probe leaves the total to a count', async () => {
    const api = new FakeWorkitemsApi(new ObjectStore(makeWorkitems(SPREAD)));
    const model = new WorkitemTreeModel({ api });
    const release = api.pause();
    const painted = model.getChildren();
    await settle();
    // The 8 state counts and the probe are all in flight before any has been answered.
    assert.strictEqual(api.callsOf('count').length, 8);
    assert.ok(api.callsOf('count').every((call) => call.q !== undefined), 'no count of everything yet');
    assert.deepStrictEqual(api.callsOf('feed'), [{ method: 'feed', q: undefined, start: 0, rows: 1 }]);
    release();
    assert.deepStrictEqual((await painted).map((node) => node.id), ['state:inqueue', 'state:active', 'state:hold']);
    // The fake refuses the feed's sort (400), like a server without it: the total is counted instead.
    assert.strictEqual(api.callsOf('count').filter((call) => call.q === undefined).length, 1);
    assert.deepStrictEqual(model.rootStatus(), { kind: 'loaded', total: SPREAD.reduce((sum, [, , n]) => sum + Number(n), 0) });
  });

  it('sends the first paint counts in parallel', async () => {
    const api = new FakeWorkitemsApi(new ObjectStore(makeWorkitems(SPREAD)));
    const model = new WorkitemTreeModel({ api, changeFeed: false });
    const release = api.pause();
    const painted = model.getChildren();
    await settle();
    // All nine are in flight before any has been answered.
    assert.strictEqual(api.callsOf('count').length, 9);
    release();
    assert.deepStrictEqual((await painted).map((node) => node.id), ['state:inqueue', 'state:active', 'state:hold']);
  });

  for (const groupBy of GROUP_BY_MODES) {
    it(`needs at most 12 requests for first paint when grouping by ${groupBy}, unknown values included`, async () => {
      const workitems = [
        ...makeWorkitems(SPREAD),
        makeWorkitem(90, { state: 'parked', channelType: 'fax', type: 'InboundFax' }),
      ];
      const api = new FakeWorkitemsApi(new ObjectStore(workitems));
      const model = new WorkitemTreeModel({ api, groupBy });
      const top = await model.getChildren();
      assert.ok(top.length > 0);
      assert.ok(api.calls.length <= 12, `${api.calls.length} requests: ${JSON.stringify(api.calls)}`);
    });
  }

  it('fetches nothing for a collapsed group, and only its own children when one is expanded', async () => {
    const api = new FakeWorkitemsApi(new ObjectStore(makeWorkitems(SPREAD)));
    const model = new WorkitemTreeModel({ api });
    await model.getChildren();
    api.resetCalls();
    await settle();
    assert.strictEqual(api.calls.length, 0, 'nothing more without an expansion');

    await model.getChildren('state:active');
    assert.strictEqual(api.callsOf('search').length, 0);
    assert.deepStrictEqual(
      api.callsOf('count').map((call) => call.q),
      ['voice', 'email', 'sms', 'chat', 'videoMeeting'].map((channel) => `state:"active" AND channelType:"${channel}"`),
    );

    api.resetCalls();
    await model.getChildren('state:active/channel:voice');
    assert.deepStrictEqual(api.calls, [
      { method: 'search', q: 'state:"active" AND channelType:"voice"', start: 0, rows: 100 },
    ]);
  });

  it('asks again for children the view already has only after a refresh made them stale', async () => {
    const api = new FakeWorkitemsApi(new ObjectStore(makeWorkitems(SPREAD)));
    const model = new WorkitemTreeModel({ api });
    await open(model, 'state:active');
    api.resetCalls();
    await model.getChildren('state:active');
    assert.strictEqual(api.calls.length, 0, 'served from the cache');
  });

  it('ANDs the filter into every count and page request', async () => {
    const workitems = makeWorkitems(SPREAD).map((workitem, index) => ({ ...workitem, priority: index % 2 === 0 ? 5 : 1 }));
    const api = new FakeWorkitemsApi(new ObjectStore(workitems));
    const model = new WorkitemTreeModel({ api, filter: 'priority:5' });
    assert.deepStrictEqual(await open(model, 'state:active', 'state:active/channel:voice'), ['wi_10000', 'wi_10002']);
    assert.deepStrictEqual(model.rootGroupCounts().map((group) => [group.value, group.count]), [
      ['inqueue', 1],
      ['active', 2],
      ['hold', 1],
    ]);
    for (const call of api.calls) {
      assert.ok(call.q === 'priority:5' || call.q?.startsWith('(priority:5) AND '), `unfiltered request: ${call.q}`);
    }
  });

  it('changing the filter starts over and drops answers to the old one', async () => {
    const api = new FakeWorkitemsApi(new ObjectStore(makeWorkitems(SPREAD)));
    const model = new WorkitemTreeModel({ api });
    const release = api.pause();
    const stale = model.getChildren();
    await settle();
    model.setFilter('channelType:email');
    release();
    assert.deepStrictEqual((await stale).map((node) => node.id), [], 'the old answer is not shown');
    assert.deepStrictEqual(await rows(model), ['state:inqueue (2)']);
    assert.throws(() => model.setFilter('state:(active'), RangeError);
    assert.strictEqual(model.getFilter(), 'channelType:email', 'an unreadable filter changes nothing');
  });

  describe('a tenant of 1,000,000 workitems', function () {
    // Each count scans a million records in the fake: slower than the other tests, not a measurement.
    this.timeout(60_000);
    let store: SyntheticStore;
    let states: Map<string, number>;
    let channels: Map<string, number>;
    before(() => {
      store = new SyntheticStore(1_000_000, 20240611);
      states = store.tally('state');
      channels = store.tally('channelType');
    });

    it('paints the top level with counts only, whatever the size', async () => {
      const api = new FakeWorkitemsApi(store);
      const model = new WorkitemTreeModel({ api });
      const top = await model.getChildren();
      assert.strictEqual(api.callsOf('search').length, 0, 'no workitem fetched');
      assert.ok(api.calls.length <= 12, `${api.calls.length} requests`);
      const expected = [...states.entries()]
        .map(([state, count]) => [state === UNKNOWN_STATE ? OTHER_GROUP_VALUE : state, count] as const)
        .sort(([a], [b]) => order(a) - order(b));
      assert.deepStrictEqual(
        model.rootGroupCounts().map((group) => [group.value, group.count]),
        expected,
      );
      assert.strictEqual(top.length, expected.length);
      assert.deepStrictEqual(model.rootStatus(), { kind: 'loaded', total: 1_000_000 });
    });

    it('expands a state into channel counts that add up to it, still without fetching workitems', async () => {
      const api = new FakeWorkitemsApi(store);
      const model = new WorkitemTreeModel({ api });
      const channelRows = await open(model, 'state:active');
      assert.strictEqual(api.callsOf('search').length, 0);
      const active = states.get('active') ?? 0;
      const sum = channelRows.reduce((total, row) => total + Number(/\((\d+)\)$/.exec(row)?.[1]), 0);
      assert.strictEqual(sum, active);
      assert.ok(channelRows.some((row) => row.startsWith(`state:active/channel:${OTHER_GROUP_VALUE}`)), 'unknown channel listed');
      assert.ok((channels.get(UNKNOWN_CHANNEL) ?? 0) > 0);
    });

    it('fetches one page of a group of hundreds of thousands', async () => {
      const api = new FakeWorkitemsApi(store);
      const model = new WorkitemTreeModel({ api, groupBy: 'state' });
      const page = await open(model, 'state:inqueue');
      assert.strictEqual(page.length, 101, '100 workitems and "Load more"');
      assert.strictEqual(page[100], `load more 100/${states.get('inqueue')}`);
      assert.strictEqual(api.callsOf('search').length, 1);
    });
  });
});

const STATE_ORDER = ['inqueue', 'offered', 'accepted', 'active', 'hold', 'conference', 'terminated', 'dispositioned', OTHER_GROUP_VALUE];
function order(state: string): number {
  return STATE_ORDER.indexOf(state);
}
