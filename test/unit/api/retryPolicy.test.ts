import { strict as assert } from 'node:assert';
import { NcxError } from '../../../src/api/errors';
import { parseRetryAfter } from '../../../src/api/httpErrors';
import { DEFAULT_RETRY_TUNING, isRetryable, retryDelayMs } from '../../../src/api/retryPolicy';

const tuning = { retries: 3, baseDelayMs: 100, maxDelayMs: 350, maxRetryAfterMs: 5_000 };

describe('api/retryPolicy', () => {
  it('retries overload and transport trouble, not answers', () => {
    const retryable = [
      new NcxError('rateLimited', 'x', { status: 429 }),
      new NcxError('network', 'x'),
      new NcxError('server', 'x', { status: 502 }),
      new NcxError('server', 'x', { status: 503 }),
      new NcxError('server', 'x', { status: 504 }),
    ];
    const final = [
      new NcxError('server', 'x', { status: 500 }),
      new NcxError('timeout', 'x'),
      new NcxError('cancelled', 'x'),
      new NcxError('malformed', 'x'),
      new NcxError('unauthorized', 'x', { status: 401 }),
      new NcxError('notFound', 'x', { status: 404 }),
      new NcxError('conflict', 'x', { status: 409 }),
    ];
    assert.ok(retryable.every(isRetryable));
    assert.ok(!final.some(isRetryable));
  });

  it('doubles the backoff per attempt, with jitter between half and all of the step, up to a cap', () => {
    const error = new NcxError('network', 'x');
    assert.equal(retryDelayMs(error, 1, tuning, () => 0), 50);
    assert.equal(retryDelayMs(error, 1, tuning, () => 1), 100);
    assert.equal(retryDelayMs(error, 2, tuning, () => 1), 200);
    assert.equal(retryDelayMs(error, 3, tuning, () => 1), 350, 'capped at maxDelayMs');
    assert.equal(retryDelayMs(error, 4, tuning, () => 1), undefined, 'no fourth retry');
  });

  it("honours Retry-After up to a limit, and gives up beyond it", () => {
    const soon = new NcxError('rateLimited', 'x', { status: 429, retryAfterMs: 2_000 });
    const late = new NcxError('rateLimited', 'x', { status: 429, retryAfterMs: 60_000 });
    assert.equal(retryDelayMs(soon, 1, tuning, () => 0), 2_000);
    assert.equal(retryDelayMs(late, 1, tuning, () => 0), undefined);
  });

  it('retries three times by default', () => {
    assert.equal(DEFAULT_RETRY_TUNING.retries, 3);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.UTC(2024, 0, 1, 12, 0, 0);
    assert.equal(parseRetryAfter('7', now), 7_000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('Mon, 01 Jan 2024 12:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Mon, 01 Jan 2024 11:00:00 GMT', now), 0, 'a date in the past means now');
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
});
