// `--rate-limit N`: past N requests in one second for the same credentials, the sandbox answers 429
// with `Retry-After`, as an API gateway in front of NCX would.

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the window has room again (only when not allowed). */
  retryAfterSeconds?: number;
}

const WINDOW_MS = 1000;

export class RateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    readonly perSecond: number,
    private readonly now: () => number,
  ) {}

  /** Records a request under `key` (the Authorization value) and says whether it may be served. */
  take(key: string): RateDecision {
    const now = this.now();
    const times = (this.recent.get(key) ?? []).filter((time) => now - time < WINDOW_MS);
    if (times.length >= this.perSecond) {
      this.recent.set(key, times);
      const waitMs = WINDOW_MS - (now - times[0]!);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    times.push(now);
    this.recent.set(key, times);
    if (this.recent.size > 10_000) {
      // Tokens come and go; forget the oldest key rather than grow without end.
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
    return { allowed: true };
  }
}
