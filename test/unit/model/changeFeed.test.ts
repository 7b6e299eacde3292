import * as assert from 'assert';
import type { Workitem } from '../../../src/api/schemas';
import { advanceWatermark, feedParams, ignoresFeedQuery, isUnseen, type Watermark } from '../../../src/model/changeFeed/changeFeed';
import { applyMoves, movesOf } from '../../../src/model/changeFeed/countDelta';
import { dimensionsFor, groupIdOf, segmentsOf } from '../../../src/model/groupKeys';
import { newGroupState, type GroupState } from '../../../src/model/groupState';
import { stateAtWatermark } from '../../../src/model/changeFeed/stateAtTime';
import { FIXTURE_NOW, makeWorkitem } from './support/fixtures';

const W = FIXTURE_NOW;
const at = (seen: readonly string[] | 'all' = []): Watermark => ({ at: W, seenAt: seen === 'all' ? 'all' : new Set(seen) });

/** An inbound call created 10 minutes before W, queued 20 s later, then answered and held. */
function heldCall(n: number, heldAt: number): Workitem {
  const base = makeWorkitem(n, { state: 'hold', channelType: 'voice', ageMinutes: 10 });
  return {
    ...base,
    modifiedAt: heldAt,
    timeEvents: [
      { type: 'created', timestamp: base.createdAt, state: 'inqueue' },
      { type: 'queued', timestamp: base.createdAt + 20_000, state: 'inqueue', queueId: 'q_support' },
      { type: 'answered', timestamp: base.createdAt + 60_000, userId: 'amy.chen', state: 'active' },
      { type: 'held', timestamp: heldAt, userId: 'amy.chen', state: 'hold' },
    ],
  };
}

describe('change feed: where a workitem was at W', () => {
  it('reads the state entered by the last event before W', () => {
    assert.deepStrictEqual(stateAtWatermark(heldCall(1, W + 5000), at()), { listed: true, state: 'active' });
  });

  it('counts an event exactly at W only when that version was held', () => {
    const call = heldCall(2, W);
    assert.deepStrictEqual(stateAtWatermark(call, at()), { listed: true, state: 'active' });
    assert.deepStrictEqual(stateAtWatermark(call, at(['wi_10002'])), { listed: true, state: 'hold' });
    assert.deepStrictEqual(stateAtWatermark(call, at('all')), { listed: true, state: 'hold' });
  });

  it('was not listed when only its `created` event lies before W (it is stored when queued)', () => {
    const arrival = makeWorkitem(3, { state: 'inqueue', channelType: 'voice', ageMinutes: 0.5 });
    arrival.timeEvents = [
      { type: 'created', timestamp: W - 8000, state: 'inqueue' },
      { type: 'queued', timestamp: W + 2000, state: 'inqueue' },
    ];
    assert.deepStrictEqual(stateAtWatermark({ ...arrival, createdAt: W - 8000 }, at()), { listed: false });
    assert.deepStrictEqual(stateAtWatermark({ ...arrival, createdAt: W + 1 }, at()), { listed: false });
  });

  it('cannot tell without a timeline, or from events that enter no known state', () => {
    const bare = { ...makeWorkitem(4, { state: 'active', channelType: 'chat' }), timeEvents: [] };
    assert.deepStrictEqual(stateAtWatermark(bare, at()), { listed: 'unknown' });
    const odd = { ...bare, timeEvents: [{ type: 'noted', timestamp: W - 1000 }] };
    assert.deepStrictEqual(stateAtWatermark(odd, at()), { listed: 'unknown' });
  });
});

describe('change feed: the watermark', () => {
  it('skips the versions held at W and asks inclusively only when it must', () => {
    const call = heldCall(5, W);
    assert.strictEqual(isUnseen(call, at(['wi_10005'])), false);
    assert.strictEqual(isUnseen(call, at(['wi_10006'])), true);
    assert.strictEqual(isUnseen(call, at('all')), false);
    assert.strictEqual(isUnseen(heldCall(5, W + 1), at('all')), true);
    assert.strictEqual(feedParams(at('all')).q, `modifiedAt:>${W}`);
    assert.strictEqual(feedParams(at(['wi_1'])).q, `modifiedAt:>=${W}`);
    assert.strictEqual(feedParams(at()).sort, 'modifiedAt asc');
  });

  it('moves to the newest change applied and remembers every workitem applied at it', () => {
    const next = advanceWatermark(at('all'), [heldCall(6, W + 10), heldCall(7, W + 30), heldCall(8, W + 30)]);
    assert.strictEqual(next.at, W + 30);
    assert.deepStrictEqual([...(next.seenAt as Set<string>)].sort(), ['wi_10007', 'wi_10008']);
    const same = advanceWatermark(next, [heldCall(9, W + 30)]);
    assert.deepStrictEqual([...(same.seenAt as Set<string>)].sort(), ['wi_10007', 'wi_10008', 'wi_10009']);
    assert.strictEqual(advanceWatermark(at('all'), []).seenAt, 'all');
  });

  it('tells an answer that ignored the query (too old, or out of order)', () => {
    const page = (items: Workitem[]) => ({ items, issues: [], count: items.length, total: items.length, start: 0 });
    assert.strictEqual(ignoresFeedQuery(page([heldCall(1, W + 1), heldCall(2, W + 2)]), at('all')), false);
    assert.strictEqual(ignoresFeedQuery(page([heldCall(1, W - 1)]), at()), true);
    assert.strictEqual(ignoresFeedQuery(page([heldCall(1, W)]), at('all')), true);
    assert.strictEqual(ignoresFeedQuery(page([heldCall(1, W + 2), heldCall(2, W + 1)]), at()), true);
  });
});

describe('change feed: applying moves', () => {
  const dimensions = dimensionsFor('stateChannel');
  const group = (state: string, channel?: string): GroupState => {
    const segments = segmentsOf(makeWorkitem(0, { state, channelType: channel ?? 'voice' }), dimensions).slice(0, channel ? 2 : 1);
    return newGroupState(groupIdOf(segments), segments, undefined);
  };

  it('takes one from the group left and adds one to the group entered, not to one moved inside', () => {
    const root = newGroupState('', [], undefined);
    const active = group('active');
    const hold = group('hold');
    [root.count, active.count, hold.count] = [10, 4, 1];
    const moves = movesOf([heldCall(10, W + 5)], at(), dimensions);
    assert.ok(moves);
    applyMoves(moves, { counted: [root, active, hold], windows: [] }, () => 10);
    assert.deepStrictEqual([root.count, active.count, hold.count], [10, 3, 2]);
  });

  it('keeps a window sorted newest first, its next page offset right, and its size', () => {
    const leaf = group('hold', 'voice');
    const rows = [1, 3, 5, 7].map((n) => ({ ...heldCall(20 + n, W - 100), createdAt: W - n * 60_000 }));
    leaf.count = 6;
    leaf.children = { kind: 'items', items: rows, issues: [], nextStart: 4, total: 6, exhausted: false };
    const arrival = { ...heldCall(40, W + 5), createdAt: W - 4 * 60_000 };
    const leaving = { ...rows[1], state: 'active', modifiedAt: W + 6 };
    const moves = movesOf([arrival, leaving], at(), dimensions);
    assert.ok(moves);
    applyMoves(moves, { counted: [leaf], windows: [leaf] }, () => 4);
    const children = leaf.children;
    assert.ok(children.kind === 'items');
    assert.deepStrictEqual(children.items.map((item) => item.workitemId), ['wi_10021', 'wi_10040', 'wi_10025', 'wi_10027']);
    assert.deepStrictEqual([children.nextStart, children.total, leaf.count], [4, 6, 6]);
  });
});
