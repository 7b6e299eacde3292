import * as assert from 'node:assert/strict';
import {
  MAX_TIMER_MS,
  MIN_REFRESH_DELAY_MS,
  REFRESH_LEAD_MS,
  RefreshTimer,
  refreshDelayMs,
} from '../../../src/connection/tokenSchedule';
import { ManualClock } from '../../support/manualClock';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('token renewal schedule', () => {
  it('renews a one-hour token five minutes before it expires', () => {
    const now = Date.UTC(2026, 0, 15, 9);
    assert.equal(refreshDelayMs(now + HOUR, now), HOUR - REFRESH_LEAD_MS);
  });

  it('renews a short-lived token at half its remaining life', () => {
    const now = Date.UTC(2026, 0, 15, 9);
    assert.equal(refreshDelayMs(now + 4 * MINUTE, now), 2 * MINUTE);
  });

  it('never renews in a tight loop, even for a token that has already expired', () => {
    const now = Date.UTC(2026, 0, 15, 9);
    assert.equal(refreshDelayMs(now - MINUTE, now), MIN_REFRESH_DELAY_MS);
    assert.equal(refreshDelayMs(now + 1000, now), MIN_REFRESH_DELAY_MS);
  });

  it('fires the renewal when it falls due, not before', () => {
    const clock = new ManualClock();
    const timer = new RefreshTimer(clock.now, clock);
    let renewals = 0;
    timer.schedule(clock.now() + HOUR, () => renewals++);
    clock.advance(HOUR - REFRESH_LEAD_MS - 1);
    assert.equal(renewals, 0);
    clock.advance(1);
    assert.equal(renewals, 1);
    assert.equal(timer.pending, false);
  });

  it('keeps one pending renewal: scheduling again replaces it, cancel drops it', () => {
    const clock = new ManualClock();
    const timer = new RefreshTimer(clock.now, clock);
    const fired: string[] = [];
    timer.schedule(clock.now() + HOUR, () => fired.push('old token'));
    timer.schedule(clock.now() + 2 * HOUR, () => fired.push('new token'));
    assert.equal(clock.pendingCount, 1);
    clock.advance(2 * HOUR);
    assert.deepEqual(fired, ['new token']);

    timer.schedule(clock.now() + HOUR, () => fired.push('cancelled'));
    timer.cancel();
    clock.advance(2 * HOUR);
    assert.deepEqual(fired, ['new token']);
  });

  it('waits out a token valid for longer than setTimeout can count in steps, firing once', () => {
    const clock = new ManualClock();
    const timer = new RefreshTimer(clock.now, clock);
    const thirtyDays = 30 * 24 * HOUR;
    let renewals = 0;
    timer.schedule(clock.now() + thirtyDays, () => renewals++);
    assert.ok(clock.requestedDelays.every((delay) => delay <= MAX_TIMER_MS));
    clock.advance(thirtyDays - REFRESH_LEAD_MS - 1);
    assert.equal(renewals, 0);
    clock.advance(1);
    assert.equal(renewals, 1);
  });
});
