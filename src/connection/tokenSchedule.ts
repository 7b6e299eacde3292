// When to renew a session token: ahead of its `exp`, so that no request ever goes out with a token
// that expires in flight, but not so early that a short-lived token is renewed in a tight loop.
import { realTimers, type Timers } from '../model/timers';

/** Renew this long before expiry (or at half the remaining life, when that is shorter). */
export const REFRESH_LEAD_MS = 5 * 60_000;
/** Never renew more often than this, even for a token that is already (nearly) expired. */
export const MIN_REFRESH_DELAY_MS = 5_000;
/** setTimeout fires at once for delays past 2^31-1 ms; longer waits are taken in steps. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** Wait before retrying a renewal that failed for a reason other than a rejected token. */
export const RETRY_AFTER_FAILURE_MS = 30_000;

/** Milliseconds from `nowMs` until the token expiring at `expiresAtMs` should be renewed. */
export function refreshDelayMs(expiresAtMs: number, nowMs: number): number {
  const remaining = expiresAtMs - nowMs;
  const lead = Math.min(REFRESH_LEAD_MS, remaining / 2);
  return Math.max(MIN_REFRESH_DELAY_MS, Math.floor(remaining - lead));
}

/** One pending renewal at a time; scheduling again replaces it. */
export class RefreshTimer {
  private handle: unknown;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly timers: Timers = realTimers,
  ) {}

  schedule(expiresAtMs: number, renew: () => void): void {
    this.cancel();
    this.wait(this.now() + refreshDelayMs(expiresAtMs, this.now()), renew);
  }

  /** After a failed renewal: try again in `delayMs` (the token may still be valid for a while). */
  retryIn(delayMs: number, renew: () => void): void {
    this.cancel();
    this.wait(this.now() + delayMs, renew);
  }

  cancel(): void {
    if (this.handle !== undefined) {
      this.timers.clearTimeout(this.handle);
      this.handle = undefined;
    }
  }

  get pending(): boolean {
    return this.handle !== undefined;
  }

  private wait(dueAtMs: number, renew: () => void): void {
    const delay = Math.max(0, dueAtMs - this.now());
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined;
      if (delay > MAX_TIMER_MS) {
        this.wait(dueAtMs, renew);
      } else {
        renew();
      }
    }, Math.min(delay, MAX_TIMER_MS));
  }
}
