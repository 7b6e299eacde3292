import * as assert from 'node:assert/strict';
import { RateLimiter } from '../../../../src/sandbox/server/rateLimiter';

describe('sandbox rate limit', () => {
  it('serves N requests a second per token, then says when to come back', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(3, () => now);
    assert.deepEqual([1, 2, 3].map(() => limiter.take('Bearer a').allowed), [true, true, true]);
    now += 400;
    assert.deepEqual(limiter.take('Bearer a'), { allowed: false, retryAfterSeconds: 1 });
    // Another token has its own budget.
    assert.equal(limiter.take('Bearer b').allowed, true);
    now += 601;
    assert.equal(limiter.take('Bearer a').allowed, true);
  });
});
