// When and how long a read waits before it tries again. Only reads are ever retried: an action
// (POST/DELETE) that timed out may already have happened, and doing it twice is worse than failing.
import { NcxError } from './errors';

export interface RetryTuning {
  /** Extra attempts after the first one. */
  retries: number;
  /** First backoff step; each further step doubles it. */
  baseDelayMs: number;
  /** No backoff step is longer than this. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error goes to the user instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_TUNING: RetryTuning = {
  retries: 3,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 30_000,
};

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/** Whether a failed read is worth repeating: overload and transport trouble, not answers. */
export function isRetryable(error: NcxError): boolean {
  switch (error.kind) {
    case 'rateLimited':
    case 'network':
      return true;
    case 'server':
      return error.details.status !== undefined && RETRYABLE_STATUSES.has(error.details.status);
    default:
      // A timeout is not repeated: the user has already waited the whole timeout once.
      return false;
  }
}

/**
 * Milliseconds to wait before attempt `attempt + 1` (attempts count from 1), or `undefined` to
 * give up. Backoff is exponential with jitter in [50 %, 100 %] of the step, so that many clients
 * knocked over at once do not come back at once.
 */
export function retryDelayMs(
  error: NcxError,
  attempt: number,
  tuning: RetryTuning,
  random: () => number = Math.random,
): number | undefined {
  if (attempt > tuning.retries || !isRetryable(error)) {
    return undefined;
  }
  const retryAfterMs = error.details.retryAfterMs;
  if (retryAfterMs !== undefined) {
    return retryAfterMs <= tuning.maxRetryAfterMs ? retryAfterMs : undefined;
  }
  const step = Math.min(tuning.maxDelayMs, tuning.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step * (0.5 + random() / 2));
}

/** A wait that ends early, rejecting with `abortError()`, when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, abortError: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
