// The store answers a search in one pass over index words and block counts, and modifiedAt through
// its own value-ordered index. Both must agree with a plain filter + sort + slice of the same
// workitems, on a store large enough to have whole 1,024-workitem blocks (full, empty and mixed),
// for random queries, sorts and pages, before and after workitems change and arrive.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { CHANNEL_TYPES, WORKITEM_STATES } from '../../../../src/api/domain';
import type { Workitem } from '../../../../src/api/schemas';
import { IllegalActionError, SANDBOX_ACTIONS, type SandboxAction, type WorkitemStore } from '../../../../src/sandbox/contracts';
import { AGENTS, QUEUES, createArrival, createRng, generateDataset } from '../../../../src/sandbox/data';
import { createStore } from '../../../../src/sandbox/store';
import { ids, referenceSearch, type ReferenceKey } from './bruteForce';
import { NOW } from './fixtures';
import { queriesOf, type ReferenceQuery } from './queryArbitrary';

/** Four and a half blocks: the oldest blocks are all dispositioned, the newest mixed. */
const BASE = generateDataset({ seed: 7, size: 4600, now: NOW });
const QUEUE_IDS = QUEUES.map((queue) => queue._id);
const USERNAMES = AGENTS.map((agent) => agent.username);
const MODIFIED = BASE.workitems.map((w) => w.modifiedAt ?? w.createdAt).sort((a, b) => a - b);
const CREATED = BASE.workitems.map((w) => w.createdAt).sort((a, b) => a - b);

type Query = ReferenceQuery;

const modified = (w: Workitem): number | undefined => w.modifiedAt;
/** A modifiedAt of the data set, mostly among the most recent (where the changes are). */
const someModifiedAt = fc.oneof(
  fc.integer({ min: MODIFIED.length - 60, max: MODIFIED.length - 1 }).map((i) => MODIFIED[i]),
  fc.integer({ min: 0, max: MODIFIED.length - 1 }).map((i) => MODIFIED[i]),
  fc.integer({ min: 0, max: 120_000 }).map((ms) => NOW + ms),
);
const someCreatedAt = fc.integer({ min: 0, max: CREATED.length - 1 }).map((i) => CREATED[i]);

const atom: fc.Arbitrary<Query> = fc.oneof(
  fc.constantFrom(...WORKITEM_STATES).map((state) => ({ text: `state:"${state}"`, test: (w: Workitem) => w.state === state })),
  fc.constantFrom(...CHANNEL_TYPES).map((channel) => ({ text: `channelType:"${channel}"`, test: (w: Workitem) => w.channelType === channel })),
  fc.constantFrom(...QUEUE_IDS).map((queue) => ({ text: `selectedQueue:"${queue}"`, test: (w: Workitem) => w.selectedQueue === queue })),
  fc.constantFrom(...USERNAMES).map((name) => ({ text: `agentUsername:${name.slice(0, 3)}*`, test: (w: Workitem) => (w.agentUsername ?? '').toLowerCase().startsWith(name.slice(0, 3)) })),
  fc.integer({ min: 1, max: 5 }).map((p) => ({ text: `priority:>=${p}`, test: (w: Workitem) => (w.priority ?? 0) >= p })),
  someModifiedAt.map((since) => ({ text: `modifiedAt:>=${since}`, test: (w: Workitem) => (modified(w) ?? -Infinity) >= since })),
  someModifiedAt.map((before) => ({ text: `modifiedAt:<${before}`, test: (w: Workitem) => modified(w) !== undefined && (modified(w) ?? 0) < before })),
  fc.tuple(someModifiedAt, someModifiedAt).map(([a, b]) => {
    const [low, high] = [Math.min(a, b), Math.max(a, b)];
    return { text: `modifiedAt:[${low} TO ${high}]`, test: (w: Workitem) => (modified(w) ?? -Infinity) >= low && (modified(w) ?? Infinity) <= high };
  }),
  fc.constant({ text: 'modifiedAt:*', test: (w: Workitem) => modified(w) !== undefined }),
  someCreatedAt.map((at) => ({ text: `createdAt:<=${at}`, test: (w: Workitem) => w.createdAt <= at })),
  fc.tuple(someCreatedAt, someCreatedAt).map(([a, b]) => {
    const [low, high] = [Math.min(a, b), Math.max(a, b)];
    return { text: `createdAt:[${low} TO ${high}]`, test: (w: Workitem) => w.createdAt >= low && w.createdAt <= high };
  }),
  fc.integer({ min: 1, max: 4700 }).map((n) => ({ text: `workitemId:wi_${n}`, test: (w: Workitem) => w.workitemId === `wi_${n}` })),
  fc.constantFrom('a', 'son', 'er').map((part) => ({
    text: `contact.lastName:${part}`,
    test: (w: Workitem) => (w.contact?.lastName ?? '').toLowerCase().includes(part),
  })),
);

const query = queriesOf(atom, { andNot: true });

const key = (read: (w: Workitem) => unknown, order: ReferenceKey['order'], direction: 1 | -1): ReferenceKey => ({ read, order, direction });
const SORTS: Array<[string, ReferenceKey[]]> = [
  ['createdAt desc', [key((w) => w.createdAt, 'number', -1)]],
  ['createdAt asc', [key((w) => w.createdAt, 'number', 1)]],
  ['modifiedAt asc', [key(modified, 'number', 1)]],
  ['modifiedAt desc', [key(modified, 'number', -1)]],
  ['modifiedAt asc, priority desc', [key(modified, 'number', 1), key((w) => w.priority, 'number', -1)]],
  ['priority desc', [key((w) => w.priority, 'number', -1)]],
  ['state asc, createdAt desc', [key((w) => w.state, 'lifecycle', 1), key((w) => w.createdAt, 'number', -1)]],
];

type Operation =
  | { kind: 'apply'; pick: number; action: SandboxAction; agent: number; queue: number; elapsed: number }
  | { kind: 'arrive'; elapsed: number }
  | { kind: 'arriveLate'; at: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('apply' as const),
      pick: fc.nat(),
      action: fc.constantFrom(...SANDBOX_ACTIONS),
      agent: fc.nat({ max: USERNAMES.length - 1 }),
      queue: fc.nat({ max: QUEUE_IDS.length - 1 }),
      // Mostly forward; sometimes the action's clock is behind the newest change.
      elapsed: fc.integer({ min: -30_000, max: 20_000 }),
    }),
    weight: 6,
  },
  { arbitrary: fc.record({ kind: fc.constant('arrive' as const), elapsed: fc.integer({ min: 0, max: 20_000 }) }), weight: 2 },
  // Anywhere in the history, so that bits move across whole blocks.
  { arbitrary: fc.record({ kind: fc.constant('arriveLate' as const), at: someCreatedAt }), weight: 2 },
);

const page = fc.tuple(
  query,
  fc.nat({ max: SORTS.length - 1 }),
  fc.oneof(fc.nat({ max: 30 }), fc.nat({ max: 5000 })),
  fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120 })),
);

function assertSameAnswer(store: WorkitemStore, current: readonly Workitem[], [q, sortIndex, start, rows]: [Query, number, number, number]): void {
  const [sort, keys] = SORTS[sortIndex];
  const expected = referenceSearch(current, q.test, keys);
  const result = store.search({ q: q.text, sort, start, rows });
  assert.equal(result.total, expected.length, `total of ${q.text}`);
  assert.deepEqual(ids(result.objects), ids(expected.slice(start, start + rows)), `${q.text} sorted ${sort}, rows ${rows} from ${start}`);
}

/** Applies the operations; returns the workitems in insertion order. */
function mutate(store: WorkitemStore, operations: readonly Operation[]): Workitem[] {
  const order = BASE.workitems.map((w) => w.workitemId);
  const rng = createRng(operations.length + 1);
  let clock = NOW + 1000;
  for (const op of operations) {
    if (op.kind === 'apply') {
      clock += op.elapsed;
      const live = store.liveIds();
      const id = live.length > 0 && op.pick % 4 !== 0 ? live[op.pick % live.length] : order[op.pick % order.length];
      try {
        store.apply(id, op.action, { now: clock, userId: USERNAMES[op.agent], queueId: QUEUE_IDS[op.queue], dispositionId: 'disp_resolved', agentUsername: USERNAMES[op.agent], priority: 1 + (op.pick % 5), digit: '5' });
      } catch (error) {
        assert.ok(error instanceof IllegalActionError, String(error));
      }
    } else {
      clock += op.kind === 'arrive' ? op.elapsed : 0;
      const arrival = createArrival(rng, { now: op.kind === 'arrive' ? clock : op.at, sequence: order.length + 1, contacts: BASE.contacts });
      store.insert(arrival);
      order.push(arrival.workitemId);
    }
  }
  return order.map((id) => store.get(id) as Workitem);
}

describe('sandbox search plans (one pass over index words, modifiedAt index)', () => {
  const shared = createStore(BASE);

  it('starts from data whose oldest blocks are all dispositioned and whose newest are mixed', () => {
    // Otherwise the whole-block shortcuts would not be exercised by the tests below.
    const oldest = referenceSearch(BASE.workitems, () => true, SORTS[1][1]).slice(0, 1024);
    assert.ok(oldest.every((w) => w.state === 'dispositioned'));
    assert.ok(BASE.workitems.some((w) => w.state !== 'dispositioned'));
  });

  it('answers random queries, sorts and pages like filter + sort + slice', () => {
    fc.assert(
      fc.property(page, (request) => assertSameAnswer(shared, BASE.workitems, request)),
      { numRuns: 400, seed: 7311 },
    );
  });

  it('keeps answering like filter + sort + slice after actions, arrivals and late arrivals', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 30 }), fc.array(page, { minLength: 1, maxLength: 5 }), (operations, requests) => {
        const store = createStore(BASE);
        const current = mutate(store, operations);
        for (const request of requests) {
          assertSameAnswer(store, current, request);
        }
      }),
      { numRuns: 60, seed: 7312 },
    );
  });

  it('orders workitems changed in the same millisecond by the further sort keys, then by creation', () => {
    const store = createStore(BASE);
    const burst = NOW + 5000;
    for (const id of store.liveIds()) {
      try {
        store.apply(id, 'hangup', { now: burst, userId: 'agent' });
      } catch (error) {
        assert.ok(error instanceof IllegalActionError, String(error));
      }
    }
    const current = BASE.workitems.map((w) => store.get(w.workitemId) as Workitem);
    const tied = current.filter((w) => w.modifiedAt === burst);
    assert.ok(tied.length > 10 && new Set(tied.map((w) => w.priority)).size > 1, 'the burst makes ties of several priorities');
    const everyone: Query = { text: '', test: () => true };
    for (const sortIndex of [2, 3, 4]) {
      // Over 4,096 matches: the page comes from walking the modifiedAt index; the burst is at its end.
      for (const start of [0, current.length - tied.length - 5, current.length - 20]) {
        assertSameAnswer(store, current, [everyone, sortIndex, start, 30]);
      }
      assertSameAnswer(store, current, [{ text: `modifiedAt:>=${burst}`, test: (w) => w.modifiedAt === burst }, sortIndex, 3, 30]);
    }
  });

  it('lists what changed since a moment, least recently modified first', () => {
    const store = createStore(BASE);
    const since = NOW + 10_000;
    const live = store.liveIds().filter((id) => store.get(id)?.state !== 'terminated').slice(0, 5);
    const changed = live.map((id, i) => store.apply(id, 'hangup', { now: since + i * 1000, userId: 'agent' }));
    const arrival = createArrival(createRng(3), { now: since + 9000, sequence: 9001, contacts: BASE.contacts });
    store.insert(arrival);
    const result = store.search({ q: `modifiedAt:>=${since}`, sort: 'modifiedAt asc', rows: 200, start: 0 });
    const expected = [...changed, arrival].filter((w) => (w.modifiedAt ?? 0) >= since).sort((a, b) => (a.modifiedAt ?? 0) - (b.modifiedAt ?? 0));
    assert.ok(expected.length >= changed.length, 'every hung-up workitem was modified at or after the moment');
    assert.deepEqual(ids(result.objects), ids(expected));
    assert.equal(result.total, expected.length);
    // A closed range includes both ends: the changes at +0, +1 s and +2 s.
    const between = store.search({ q: `modifiedAt:[${since} TO ${since + 2000}]`, sort: 'modifiedAt asc', rows: 200, start: 0 });
    assert.deepEqual(ids(between.objects), ids(changed.slice(0, 3)));
  });
});
