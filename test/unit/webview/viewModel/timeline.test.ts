import * as assert from 'assert';
import * as fc from 'fast-check';
import type { TimeEvent } from '../../../../src/api/schemas';
import { deriveTimeline } from '../../../../src/webviews/viewModel/timeline';
import { chatInWrapUp, heldAndRetrievedCall, longCall, MINUTE, seedExample, SECOND, T0 } from '../fixtures/workitems';

function totalOf(timeline: ReturnType<typeof deriveTimeline>, state: string): number | undefined {
  return timeline.stateTotals.find((total) => total.state === state)?.ms;
}

describe('deriveTimeline', () => {
  it('adds up the time in each state of a held-and-retrieved call, counting the current state up to now', () => {
    const call = heldAndRetrievedCall();
    const now = T0 + 6 * MINUTE;
    const timeline = deriveTimeline(call.timeEvents, { now, createdAt: call.createdAt });

    assert.strictEqual(totalOf(timeline, 'inqueue'), 45 * SECOND);
    assert.strictEqual(totalOf(timeline, 'offered'), 10 * SECOND);
    assert.strictEqual(totalOf(timeline, 'accepted'), 5 * SECOND);
    // 2 min before the hold, then 90 s from the retrieve (T0+4m30s) to now (T0+6m).
    assert.strictEqual(totalOf(timeline, 'active'), 2 * MINUTE + 90 * SECOND);
    assert.strictEqual(totalOf(timeline, 'hold'), 90 * SECOND);
    assert.deepStrictEqual(timeline.phaseTotals, {
      waiting: 60 * SECOND,
      talking: 3 * MINUTE + 30 * SECOND,
      onHold: 90 * SECOND,
      wrapUp: 0,
      other: 0,
    });
    assert.strictEqual(timeline.currentState, 'active');
    assert.strictEqual(timeline.currentSince, T0 + 4 * MINUTE + 30 * SECOND);
    assert.strictEqual(timeline.stateTotals.find((total) => total.state === 'active')?.visits, 2);
  });

  it('lists state totals in lifecycle order, not in order of appearance', () => {
    const timeline = deriveTimeline(heldAndRetrievedCall().timeEvents, { now: T0 + 6 * MINUTE });
    assert.deepStrictEqual(
      timeline.stateTotals.map((total) => total.state),
      ['inqueue', 'offered', 'accepted', 'active', 'hold'],
    );
  });

  it('gives who, what, when and the gap since the previous event', () => {
    const timeline = deriveTimeline(heldAndRetrievedCall().timeEvents, { now: T0 + 6 * MINUTE });
    const [first, second, third] = timeline.entries;
    assert.strictEqual(first.gapMs, undefined);
    assert.strictEqual(first.userId, 'system');
    assert.strictEqual(first.queueId, 'q_support');
    assert.strictEqual(second.gapMs, 45 * SECOND);
    assert.strictEqual(third.type, 'accepted');
    assert.strictEqual(third.userId, 'jason.fontenot');
    assert.strictEqual(third.timestamp, T0 + 55 * SECOND);
    assert.strictEqual(third.gapMs, 10 * SECOND);
  });

  it('puts conference time under talking and terminated time under wrap-up', () => {
    const chat = chatInWrapUp();
    const timeline = deriveTimeline(chat.timeEvents, { now: T0 + 25 * MINUTE });
    assert.strictEqual(timeline.phaseTotals.waiting, 2 * MINUTE + 5 * SECOND);
    assert.strictEqual(timeline.phaseTotals.talking, 20 * MINUTE - (2 * MINUTE + 5 * SECOND));
    assert.strictEqual(timeline.phaseTotals.wrapUp, 5 * MINUTE);
    assert.strictEqual(timeline.entries[4].note, 'added supervisor');
  });

  it('infers the state from the event type when an event does not name it (the documented example)', () => {
    const seed = seedExample();
    const timeline = deriveTimeline(seed.timeEvents, { now: T0 + 3 * MINUTE, createdAt: seed.createdAt });
    assert.strictEqual(timeline.entries[0].state, 'active');
    assert.strictEqual(timeline.entries[0].stateSource, 'inferred');
    assert.strictEqual(totalOf(timeline, 'active'), 2 * MINUTE);
    // The minute between creation and the first event is reported, not guessed into a state.
    assert.strictEqual(timeline.beforeFirstEventMs, MINUTE);
  });

  it('keeps the current state for an event that neither names nor implies one', () => {
    const events: TimeEvent[] = [
      { type: 'answered', timestamp: T0, state: 'active' },
      { type: 'recordingStarted', timestamp: T0 + 10 * SECOND, userId: 'jason.fontenot' },
      { type: 'held', timestamp: T0 + 30 * SECOND },
    ];
    const timeline = deriveTimeline(events, { now: T0 + 40 * SECOND });
    assert.strictEqual(timeline.entries[1].stateSource, 'none');
    assert.strictEqual(timeline.entries[1].typeKnown, false);
    assert.strictEqual(totalOf(timeline, 'active'), 30 * SECOND);
    assert.strictEqual(totalOf(timeline, 'hold'), 10 * SECOND);
  });

  it('sorts unsorted events and keeps the original order of events with equal timestamps', () => {
    const events: TimeEvent[] = [
      { type: 'answered', timestamp: T0 + 20 * SECOND, state: 'active' },
      { type: 'queued', timestamp: T0, state: 'inqueue' },
      { type: 'offered', timestamp: T0 + 10 * SECOND, state: 'offered' },
      { type: 'accepted', timestamp: T0 + 10 * SECOND, state: 'accepted' },
    ];
    const timeline = deriveTimeline(events, { now: T0 + 30 * SECOND });
    assert.deepStrictEqual(
      timeline.entries.map((entry) => entry.sourceIndex),
      [1, 2, 3, 0],
    );
    assert.strictEqual(timeline.entries[2].gapMs, 0);
    assert.strictEqual(totalOf(timeline, 'offered'), 0);
    assert.strictEqual(totalOf(timeline, 'accepted'), 10 * SECOND);
  });

  it('drops exact repeats, also when they are not next to each other', () => {
    const events: TimeEvent[] = [
      { type: 'queued', timestamp: T0, state: 'inqueue', userId: 'system' },
      { type: 'offered', timestamp: T0, state: 'offered', userId: 'system' },
      { type: 'queued', timestamp: T0, state: 'inqueue', userId: 'system' },
      { type: 'answered', timestamp: T0 + MINUTE, state: 'active', userId: 'jason.fontenot' },
      { type: 'answered', timestamp: T0 + MINUTE, state: 'active', userId: 'jason.fontenot' },
      // Same moment and type but another user: not a repeat.
      { type: 'answered', timestamp: T0 + MINUTE, state: 'active', userId: 'maria.okafor' },
    ];
    const timeline = deriveTimeline(events, { now: T0 + 2 * MINUTE });
    assert.strictEqual(timeline.duplicatesDropped, 2);
    assert.deepStrictEqual(
      timeline.entries.map((entry) => entry.sourceIndex),
      [0, 1, 3, 5],
    );
  });

  it('counts unknown states under "other", after the known ones, and dispositioned under no phase', () => {
    const events: TimeEvent[] = [
      { type: 'queued', timestamp: T0, state: 'inqueue' },
      { type: 'parked', timestamp: T0 + MINUTE, state: 'parked' },
      { type: 'terminated', timestamp: T0 + 3 * MINUTE, state: 'terminated' },
      { type: 'dispositioned', timestamp: T0 + 4 * MINUTE, state: 'dispositioned' },
    ];
    const timeline = deriveTimeline(events, { now: T0 + 10 * MINUTE });
    assert.deepStrictEqual(
      timeline.stateTotals.map((total) => [total.state, total.known, total.phase]),
      [
        ['inqueue', true, 'waiting'],
        ['terminated', true, 'wrapUp'],
        ['dispositioned', true, undefined],
        ['parked', false, 'other'],
      ],
    );
    assert.strictEqual(timeline.phaseTotals.other, 2 * MINUTE);
    assert.strictEqual(totalOf(timeline, 'dispositioned'), 6 * MINUTE);
    const phaseSum = Object.values(timeline.phaseTotals).reduce((sum, ms) => sum + ms, 0);
    assert.strictEqual(phaseSum, 4 * MINUTE);
  });

  it('never counts negative time when now lies before the last event (clock skew)', () => {
    const timeline = deriveTimeline(heldAndRetrievedCall().timeEvents, { now: T0 });
    assert.strictEqual(totalOf(timeline, 'active'), 2 * MINUTE);
    assert.ok(timeline.stateTotals.every((total) => total.ms >= 0));
  });

  it('handles a workitem without events', () => {
    for (const events of [undefined, []]) {
      const timeline = deriveTimeline(events, { now: T0, createdAt: T0 });
      assert.deepStrictEqual(timeline.entries, []);
      assert.deepStrictEqual(timeline.stateTotals, []);
      assert.strictEqual(timeline.currentState, undefined);
      assert.strictEqual(timeline.beforeFirstEventMs, 0);
    }
  });

  it('derives a 10,000-event timeline completely and in order', () => {
    const call = longCall(10_000);
    const events = call.timeEvents ?? [];
    const last = events[events.length - 1];
    const now = last.timestamp + MINUTE;
    const timeline = deriveTimeline([...events].reverse(), { now });
    assert.strictEqual(timeline.entries.length, 10_000);
    assert.strictEqual(timeline.entries[0].type, 'queued');
    assert.strictEqual(timeline.entries[9_999].timestamp, last.timestamp);
    const counted = timeline.stateTotals.reduce((sum, total) => sum + total.ms, 0);
    assert.strictEqual(counted, now - T0);
    assert.strictEqual(timeline.currentState, last.state);
  });

  it('always accounts for every millisecond from the first state to now, whatever the order (property)', () => {
    const state = fc.constantFrom('inqueue', 'offered', 'active', 'hold', 'terminated', 'parked');
    const event = fc.record({
      type: fc.constantFrom('queued', 'answered', 'held', 'noted'),
      timestamp: fc.integer({ min: T0, max: T0 + 3_600_000 }),
      state: fc.option(state, { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), fc.integer({ min: 0, max: 600_000 }), (raw, extra) => {
        const events: TimeEvent[] = raw.map((item) =>
          item.state === undefined ? { type: item.type, timestamp: item.timestamp } : { ...item, state: item.state },
        );
        const maxTime = Math.max(T0, ...events.map((item) => item.timestamp));
        const now = maxTime + extra;
        const timeline = deriveTimeline(events, { now });
        for (let i = 1; i < timeline.entries.length; i += 1) {
          assert.ok(timeline.entries[i - 1].timestamp <= timeline.entries[i].timestamp);
          assert.strictEqual(timeline.entries[i].gapMs, timeline.entries[i].timestamp - timeline.entries[i - 1].timestamp);
        }
        const firstWithState = timeline.entries.find((entry) => entry.state !== undefined);
        const counted = timeline.stateTotals.reduce((sum, total) => sum + total.ms, 0);
        assert.strictEqual(counted, firstWithState ? now - firstWithState.timestamp : 0);
        assert.strictEqual(timeline.entries.length + timeline.duplicatesDropped, events.length);
      }),
    );
  });
});
