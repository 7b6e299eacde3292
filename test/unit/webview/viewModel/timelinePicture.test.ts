import * as assert from 'node:assert/strict';
import type { TimeEvent, Workitem } from '../../../../src/api/schemas';
import { deriveTimeline } from '../../../../src/webviews/viewModel/timeline';
import { buildTimelinePicture } from '../../../../src/webviews/viewModel/timelinePicture';

const T0 = 1_772_442_000_000;

function workitemWith(timeEvents: TimeEvent[]): Workitem {
  return { workitemId: 'wi_1', channelType: 'voice', type: 'inbound', state: 'active', createdAt: T0, selectedQueue: 'q_a', timeEvents };
}

describe('timeline picture', () => {
  it('draws a lane per queue, per agent and for the customer, with hold and transfer marks and an SLA breach', () => {
    const events: TimeEvent[] = [
      { type: 'queued', timestamp: T0, state: 'inqueue', userId: 'acd', queueId: 'q_a' },
      { type: 'offered', timestamp: T0 + 40_000, state: 'offered', userId: 'acd' },
      { type: 'accepted', timestamp: T0 + 42_000, state: 'accepted', userId: 'ana' },
      { type: 'answered', timestamp: T0 + 43_000, state: 'active', userId: 'ana' },
      { type: 'held', timestamp: T0 + 60_000, state: 'hold', userId: 'ana' },
      { type: 'retrieved', timestamp: T0 + 70_000, state: 'active', userId: 'ana' },
      { type: 'transferred', timestamp: T0 + 80_000, state: 'inqueue', userId: 'ana', queueId: 'q_b' },
      { type: 'offered', timestamp: T0 + 85_000, state: 'offered', userId: 'acd' },
      { type: 'accepted', timestamp: T0 + 86_000, state: 'accepted', userId: 'bo' },
      { type: 'answered', timestamp: T0 + 87_000, state: 'active', userId: 'bo' },
    ];
    const workitem = workitemWith(events);
    const now = T0 + 100_000;
    const picture = buildTimelinePicture(workitem, deriveTimeline(events, { now, createdAt: T0 }), {
      now,
      slaMsOf: (queueId) => (queueId === 'q_a' ? 30_000 : 60_000),
    });
    assert.ok(picture);
    assert.deepEqual(picture.lanes.map((lane) => `${lane.kind}:${lane.id}`), ['queue:q_a', 'queue:q_b', 'agent:ana', 'agent:bo', 'customer:']);
    const queueA = picture.lanes[0]?.bars ?? [];
    assert.deepEqual(queueA.map((bar) => [bar.start - T0, bar.end - T0, bar.breach ?? false]), [[0, 30_000, false], [30_000, 40_000, true]]);
    assert.ok(!(picture.lanes[1]?.bars ?? []).some((bar) => bar.breach), 'q_b waited 5 s of 60');
    assert.deepEqual(picture.marks.map((mark) => mark.kind), ['hold', 'transfer']);
    assert.equal(picture.live, true);
    assert.equal(picture.lanes[4]?.bars.at(-1)?.end, now, 'the current state grows to now');
  });

  it('merges bars narrower than a pixel, so 10,000 events stay within the resolution per lane', () => {
    const events: TimeEvent[] = [{ type: 'queued', timestamp: T0, state: 'inqueue', userId: 'acd' }, { type: 'answered', timestamp: T0 + 1000, state: 'active', userId: 'ana' }];
    for (let index = 0; index < 10_000; index++) {
      events.push({ type: index % 2 ? 'retrieved' : 'held', timestamp: T0 + 2000 + index * 10, state: index % 2 ? 'active' : 'hold', userId: 'ana' });
    }
    events.push({ type: 'terminated', timestamp: T0 + 10_000_000, state: 'terminated', userId: 'ana' });
    const now = T0 + 10_001_000;
    const picture = buildTimelinePicture(workitemWith(events), deriveTimeline(events, { now, createdAt: T0 }), { now, resolution: 1000 });
    assert.ok(picture);
    for (const lane of picture.lanes) {
      assert.ok(lane.bars.length <= 1000, `${lane.kind} has ${lane.bars.length} bars`);
    }
    const customer = picture.lanes.find((lane) => lane.kind === 'customer');
    assert.ok(customer?.bars.some((bar) => bar.state === 'dense' && bar.count > 100));
  });
});
