import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { DEMO_TIMINGS, MAX_TRAFFIC_SPEED, MIN_TICK_MS, MIN_TRAFFIC_SPEED, scaledTimings } from '../../../../src/sandbox/traffic/timings';

/** How many lifecycle steps (or arrivals) per simulated second a tick allows at most. */
function perSimulatedSecond(cap: number, tickMs: number, speed: number): number {
  return cap / ((tickMs * speed) / 1000);
}

describe('sandbox traffic timings scaled to a speed', () => {
  it('leaves real-life timings as they are at speed 1', () => {
    assert.deepEqual(scaledTimings(DEMO_TIMINGS, 1), DEMO_TIMINGS);
  });

  it('makes every wait 100 times shorter at speed 100 and keeps the chances', () => {
    const fast = scaledTimings(DEMO_TIMINGS, 100);
    assert.equal(fast.tickMs, DEMO_TIMINGS.tickMs / 100);
    assert.equal(fast.meanArrivalGapMs, DEMO_TIMINGS.meanArrivalGapMs / 100);
    assert.equal(fast.minArrivalGapMs, DEMO_TIMINGS.minArrivalGapMs / 100);
    assert.deepEqual(fast.dwell.active, { minMs: DEMO_TIMINGS.dwell.active.minMs / 100, maxMs: DEMO_TIMINGS.dwell.active.maxMs / 100 });
    assert.deepEqual(fast.dwell.inqueue, { minMs: DEMO_TIMINGS.dwell.inqueue.minMs / 100, maxMs: DEMO_TIMINGS.dwell.inqueue.maxMs / 100 });
    assert.equal(fast.maxStepsPerTick, DEMO_TIMINGS.maxStepsPerTick);
    assert.equal(fast.holdChance, DEMO_TIMINGS.holdChance);
    assert.equal(fast.transferChance, DEMO_TIMINGS.transferChance);
    assert.equal(fast.conferenceChance, DEMO_TIMINGS.conferenceChance);
  });

  it('lets one tick stand for several past the shortest real tick, with caps to match', () => {
    const fast = scaledTimings(DEMO_TIMINGS, 400);
    assert.equal(fast.tickMs, MIN_TICK_MS);
    assert.equal(fast.maxStepsPerTick, DEMO_TIMINGS.maxStepsPerTick * 4);
    assert.equal(fast.maxArrivalsPerTick, DEMO_TIMINGS.maxArrivalsPerTick * 4);
    assert.equal(fast.dwell.hold.minMs, DEMO_TIMINGS.dwell.hold.minMs / 400);
  });

  it('slows life down below speed 1', () => {
    const slow = scaledTimings(DEMO_TIMINGS, 0.5);
    assert.equal(slow.tickMs, DEMO_TIMINGS.tickMs * 2);
    assert.equal(slow.dwell.terminated.maxMs, DEMO_TIMINGS.dwell.terminated.maxMs * 2);
    assert.equal(slow.maxStepsPerTick, DEMO_TIMINGS.maxStepsPerTick);
  });

  it('keeps the steps a simulated second allows, whatever the speed', () => {
    const base = perSimulatedSecond(DEMO_TIMINGS.maxStepsPerTick, DEMO_TIMINGS.tickMs, 1);
    fc.assert(
      fc.property(fc.double({ min: MIN_TRAFFIC_SPEED, max: MAX_TRAFFIC_SPEED, noNaN: true }), (speed) => {
        const scaled = scaledTimings(DEMO_TIMINGS, speed);
        assert.ok(scaled.tickMs >= Math.min(MIN_TICK_MS, DEMO_TIMINGS.tickMs));
        assert.ok(scaled.maxStepsPerTick >= 1);
        const rate = perSimulatedSecond(scaled.maxStepsPerTick, scaled.tickMs, speed);
        // Caps are whole numbers and ticks whole milliseconds: within an eighth of the real rate.
        assert.ok(Math.abs(rate - base) <= base / 8, `speed ${speed}: ${rate} steps per simulated second, not ${base}`);
      }),
    );
  });

  it('refuses a speed that is not a positive number', () => {
    assert.throws(() => scaledTimings(DEMO_TIMINGS, 0), RangeError);
    assert.throws(() => scaledTimings(DEMO_TIMINGS, -3), RangeError);
    assert.throws(() => scaledTimings(DEMO_TIMINGS, Number.NaN), RangeError);
  });
});
