// The indexes must keep answering like a full scan while workitems change state and arrive:
// random actions and arrivals, then random queries, compared with the naive reference.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { CHANNEL_TYPES, WORKITEM_STATES, WORKITEM_TYPES } from '../../../../src/api/domain';
import type { Workitem } from '../../../../src/api/schemas';
import {
  BadRequestError,
  IllegalActionError,
  SANDBOX_ACTIONS,
  WorkitemNotFoundError,
  type SandboxAction,
} from '../../../../src/sandbox/contracts';
import { AGENTS, QUEUES, createArrival, createRng, generateDataset } from '../../../../src/sandbox/data';
import { createStore } from '../../../../src/sandbox/store';
import { NEWEST_FIRST, byCreation, ids, referenceSearch, type ReferenceKey } from './bruteForce';
import { NOW } from './fixtures';
import { queriesOf, type ReferenceQuery } from './queryArbitrary';

const BASE = generateDataset({ seed: 99, size: 300, now: NOW });
const QUEUE_IDS = QUEUES.map((queue) => queue._id);
const USERNAMES = AGENTS.map((agent) => agent.username);
const lower = (value: unknown): string => String(value ?? '').toLowerCase();

type Query = ReferenceQuery;

const atom: fc.Arbitrary<Query> = fc.oneof(
  fc.constantFrom(...WORKITEM_STATES).map((state) => ({ text: `state:${state}`, test: (w: Workitem) => w.state === state })),
  fc.constantFrom(...CHANNEL_TYPES).map((channel) => ({ text: `channelType:${channel}`, test: (w: Workitem) => w.channelType === channel })),
  fc.constantFrom(...WORKITEM_TYPES).map((type) => ({ text: `type:${type}`, test: (w: Workitem) => w.type === type })),
  fc.constantFrom(...QUEUE_IDS).map((queue) => ({ text: `selectedQueue:${queue}`, test: (w: Workitem) => w.selectedQueue === queue })),
  fc.constantFrom(...USERNAMES).map((name) => ({ text: `agentUsername:${name}`, test: (w: Workitem) => w.agentUsername === name })),
  fc
    .tuple(fc.constantFrom(...USERNAMES), fc.integer({ min: 1, max: 4 }))
    .map(([name, length]) => name.slice(0, length))
    .map((prefix) => ({ text: `agentUsername:${prefix}*`, test: (w: Workitem) => lower(w.agentUsername).startsWith(prefix) })),
  fc.integer({ min: 1, max: 5 }).map((p) => ({ text: `priority:${p}`, test: (w: Workitem) => w.priority === p })),
  fc.integer({ min: 1, max: 5 }).map((p) => ({ text: `priority:>=${p}`, test: (w: Workitem) => (w.priority ?? 0) >= p })),
  fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 3 }))
    .map(([low, width]) => ({
      text: `priority:[${low} TO ${low + width}]`,
      test: (w: Workitem) => (w.priority ?? 0) >= low && (w.priority ?? 0) <= low + width,
    })),
  fc.integer({ min: 0, max: BASE.workitems.length - 1 }).map((i) => {
    const at = BASE.workitems[i].createdAt;
    return { text: `createdAt:>=${at}`, test: (w: Workitem) => w.createdAt >= at };
  }),
  fc.tuple(fc.integer({ min: 0, max: 299 }), fc.integer({ min: 0, max: 299 })).map(([a, b]) => {
    const [low, high] = [BASE.workitems[Math.min(a, b)].createdAt, BASE.workitems[Math.max(a, b)].createdAt];
    return { text: `createdAt:[${low} TO ${high}]`, test: (w: Workitem) => w.createdAt >= low && w.createdAt <= high };
  }),
  fc.constantFrom('hold', 'unhold', 'hangup', 'transfer').map((action) => ({
    text: `actions:${action}`,
    test: (w: Workitem) => (w.actions ?? []).includes(action),
  })),
  fc.constantFrom('son', 'mar', 'ez', "o'b").map((part) => ({
    text: `contact.lastName:"${part}"`,
    test: (w: Workitem) => (w.contact?.lastName ?? '').includes(part),
  })),
  fc.constantFrom('+1', 'example.org', 'q_').map((part) => ({
    text: `to:"${part}"`,
    test: (w: Workitem) => (w.to ?? '').includes(part),
  })),
);

const query = queriesOf(atom);

const key = (read: (w: Workitem) => unknown, order: ReferenceKey['order'], direction: 1 | -1): ReferenceKey => ({ read, order, direction });
const SORTS: Array<[string, ReferenceKey[]]> = [
  ['createdAt desc', [key((w) => w.createdAt, 'number', -1)]],
  ['createdAt asc', [key((w) => w.createdAt, 'number', 1)]],
  ['priority desc', [key((w) => w.priority, 'number', -1)]],
  ['priority asc, createdAt desc', [key((w) => w.priority, 'number', 1), key((w) => w.createdAt, 'number', -1)]],
  ['createdAt desc, priority asc', [key((w) => w.createdAt, 'number', -1), key((w) => w.priority, 'number', 1)]],
  ['channelType asc, createdAt desc', [key((w) => w.channelType, 'string', 1), key((w) => w.createdAt, 'number', -1)]],
  ['state asc, priority desc', [key((w) => w.state, 'lifecycle', 1), key((w) => w.priority, 'number', -1)]],
  ['agentUsername desc', [key((w) => w.agentUsername, 'string', -1)]],
  ['modifiedAt desc', [key((w) => w.modifiedAt, 'number', -1)]],
  ['workitemId asc', [key((w) => w.workitemId, 'natural', 1)]],
];

type Operation =
  | { kind: 'apply'; pick: number; live: boolean; action: SandboxAction; queue: number; agent: number; elapsed: number }
  | { kind: 'arrive'; elapsed: number }
  | { kind: 'arriveLate' }
  | { kind: 'arriveTwin'; pick: number }
  | { kind: 'transferToNowhere'; pick: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { arbitrary: fc.record({
      kind: fc.constant('apply' as const),
      pick: fc.nat(),
      live: fc.boolean(),
      action: fc.constantFrom(...SANDBOX_ACTIONS),
      queue: fc.nat({ max: QUEUE_IDS.length - 1 }),
      agent: fc.nat({ max: USERNAMES.length - 1 }),
      elapsed: fc.integer({ min: 0, max: 60_000 }),
    }), weight: 8 },
  { arbitrary: fc.record({ kind: fc.constant('arrive' as const), elapsed: fc.integer({ min: 1, max: 60_000 }) }), weight: 3 },
  { arbitrary: fc.constant({ kind: 'arriveLate' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('arriveTwin' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('transferToNowhere' as const), pick: fc.nat() }), weight: 1 },
);

describe('sandbox store indexes under change', () => {
  it('answer like a full scan after random actions and arrivals', () => {
    fc.assert(
      fc.property(
        fc.array(operation, { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(query, fc.nat({ max: SORTS.length - 1 }), fc.nat({ max: 60 }), fc.nat({ max: 40 })), { minLength: 1, maxLength: 6 }),
        (operations, queries) => {
          const store = createStore(BASE);
          const order = BASE.workitems.map((w) => w.workitemId);
          const rng = createRng(operations.length);
          let clock = NOW + 1000;
          for (const op of operations) {
            switch (op.kind) {
              case 'apply': {
                clock += op.elapsed;
                const candidates = op.live ? store.liveIds() : order;
                const id = candidates[op.pick % candidates.length];
                const before = store.get(id);
                try {
                  const after = store.apply(id, op.action, {
                    now: clock,
                    userId: USERNAMES[op.agent],
                    queueId: QUEUE_IDS[op.queue],
                    dispositionId: 'disp_resolved',
                    agentUsername: USERNAMES[op.agent],
                    priority: 1 + (op.pick % 5),
                    digit: '5',
                  });
                  assert.equal(store.get(id), after);
                } catch (error) {
                  assert.ok(error instanceof IllegalActionError, String(error));
                  assert.equal(store.get(id), before, 'a refused action changes nothing');
                }
                break;
              }
              case 'arrive':
              case 'arriveLate': {
                clock += op.kind === 'arrive' ? op.elapsed : 0;
                const arrival = createArrival(rng, {
                  now: op.kind === 'arrive' ? clock : NOW - 3_600_000,
                  sequence: order.length + 1,
                  contacts: BASE.contacts,
                });
                store.insert(arrival);
                order.push(arrival.workitemId);
                break;
              }
              case 'arriveTwin': {
                // Created in the same millisecond as an existing workitem: ties in createdAt.
                const twin = store.get(order[op.pick % order.length]) as Workitem;
                const arrival = createArrival(rng, { now: twin.createdAt + 5000, sequence: order.length + 1, contacts: BASE.contacts });
                const [created, queued] = arrival.timeEvents ?? [];
                store.insert({ ...arrival, createdAt: twin.createdAt, timeEvents: [{ ...created, timestamp: twin.createdAt }, queued] });
                order.push(arrival.workitemId);
                break;
              }
              case 'transferToNowhere': {
                const id = order[op.pick % order.length];
                const before = store.get(id);
                assert.throws(() => store.apply(id, 'transfer', { now: clock, userId: 'x', queueId: 'q_nowhere' }), BadRequestError);
                assert.equal(store.get(id), before);
                break;
              }
            }
          }
          const current = order.map((id) => store.get(id) as Workitem);
          assert.equal(store.size, current.length);
          assert.deepEqual(store.liveIds(), ids(byCreation(current).filter((w) => w.state !== 'dispositioned')), 'liveIds');
          for (const [q, sortIndex, start, rows] of queries) {
            const [sort, keys] = SORTS[sortIndex];
            const expected = referenceSearch(current, q.test, keys);
            const result = store.search({ q: q.text, sort, start, rows });
            assert.equal(result.total, expected.length, `total of ${q.text}`);
            assert.deepEqual(ids(result.objects), ids(expected.slice(start, start + rows)), `${q.text} sorted ${sort} from ${start}`);
          }
        },
      ),
      { numRuns: 150, seed: 4242 },
    );
  });

  it('refuses an unknown id, a duplicate insert and a malformed workitem', () => {
    const store = createStore(BASE);
    assert.throws(() => store.apply('wi_0', 'hangup', { now: NOW, userId: 'x' }), WorkitemNotFoundError);
    assert.throws(() => store.insert(BASE.workitems[0]), /wi_1 already exists/);
    const malformed = { ...BASE.workitems[1], workitemId: 'wi_5000', priority: 9 };
    assert.throws(() => store.insert(malformed), BadRequestError);
    assert.equal(store.size, BASE.workitems.length);
    assert.equal(store.get('wi_5000'), undefined);
  });

  it('grows its indexes past their first capacity and keeps late arrivals in creation order', () => {
    const small = generateDataset({ seed: 5, size: 10, now: NOW });
    const store = createStore(small);
    const rng = createRng(5);
    const all = [...small.workitems];
    for (let n = 11; n <= 3000; n++) {
      // One second apart while IVRs take up to 25 s: many arrivals are older than the one before.
      const arrival = createArrival(rng, { now: NOW + n * 1000, sequence: n, contacts: BASE.contacts });
      store.insert(arrival);
      all.push(arrival);
    }
    const inqueue = (w: Workitem): boolean => w.state === 'inqueue';
    assert.equal(store.search({ q: 'state:inqueue', rows: 0, start: 0 }).total, all.filter(inqueue).length);
    const newest = store.search({ q: 'channelType:voice', rows: 50, start: 20 });
    assert.deepEqual(ids(newest.objects), ids(referenceSearch(all, (w) => w.channelType === 'voice', NEWEST_FIRST).slice(20, 70)));
    assert.deepEqual(store.liveIds(), ids(byCreation(all).filter((w) => w.state !== 'dispositioned')));
    assert.equal(store.get('wi_2999')?.workitemId, 'wi_2999');
  });
});
