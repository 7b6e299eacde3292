// One request budget per tenant. When the server answers 429, the whole extension slows down for
// that tenant, not only the request that was refused: every request waits out the `Retry-After`
// (up to a cap), and for a while afterwards requests are spaced at the pace the server turned out
// to allow (what it let through in the second before it refused), so the tree, the panels and the
// workbench together do not run into the limit again and again. Before any 429, nothing waits.

/** A `Retry-After` longer than this is not waited out: the refusal goes to the user instead. */
export const RATE_PAUSE_CAP_MS = 30_000;
/** A 429 without `Retry-After` pauses this long. */
export const RATE_PAUSE_DEFAULT_MS = 1_000;
/** How long after the last 429 requests stay spaced. */
export const RATE_PACED_FOR_MS = 60_000;
/** Spacing a little wider than the learned pace: clocks and windows of client and server differ. */
const PACE_MARGIN = 1.15;
const WINDOW_MS = 1_000;

export interface RateGateState {
  /** The server asked to slow down: until when requests wait (ms since epoch), when they do. */
  readonly pausedUntil?: number;
  /** Requests are spaced this far apart (ms) until `pacedUntil`. */
  readonly spacingMs?: number;
  readonly pacedUntil?: number;
}

export interface RateGateOptions {
  now?: () => number;
  capMs?: number;
}

export class RateGate {
  private pausedUntil = 0;
  private pacedUntil = 0;
  private spacingMs = 0;
  /** The earliest time the next request may start while paced. */
  private nextSlot = 0;
  /** Start times of the requests the server served in the last second (to learn the allowed pace). */
  private readonly servedTimes: number[] = [];
  private readonly listeners = new Set<(state: RateGateState) => void>();
  private readonly now: () => number;
  private readonly capMs: number;

  constructor(options: RateGateOptions = {}) {
    this.now = options.now ?? Date.now;
    this.capMs = options.capMs ?? RATE_PAUSE_CAP_MS;
  }

  /**
   * Waits until this request may go: after a pause the server asked for, and at the learned pace
   * while paced. `wait` is the caller's cancellable sleep. Resolves with the request's start time,
   * which `served` takes back once the server answered it with anything but 429.
   */
  async pass(wait: (ms: number) => Promise<void>): Promise<number> {
    const now = this.now();
    const paced = now < this.pacedUntil;
    const slot = Math.max(now, this.pausedUntil, paced ? this.nextSlot : 0);
    // The slot is taken before waiting, so requests waiting together leave one spacing apart.
    if (paced) this.nextSlot = slot + this.spacingMs;
    if (slot <= now) return now;
    await wait(slot - now);
    return this.now();
  }

  /** The request that started at `startedAt` was served (not refused with 429). */
  served(startedAt: number): void {
    this.servedTimes.push(startedAt);
    const now = this.now();
    while (this.servedTimes.length > 0 && now - this.servedTimes[0]! >= WINDOW_MS) this.servedTimes.shift();
  }

  /**
   * The server answered 429. Returns how long the refused request should wait before it is sent
   * again, or undefined when the server asked for longer than the cap (then nobody waits for it).
   */
  slowDown(retryAfterMs: number | undefined): number | undefined {
    const pause = retryAfterMs ?? RATE_PAUSE_DEFAULT_MS;
    if (pause > this.capMs) return undefined;
    const now = this.now();
    if (now < this.pausedUntil) {
      // Another refusal of the burst that caused the pause: the pace was learned from that one.
      this.pausedUntil = Math.max(this.pausedUntil, now + pause);
      return this.pausedUntil - now;
    }
    const allowed = this.servedTimes.filter((time) => now - time < WINDOW_MS).length;
    // The pace the server let through; with one served request or none, one request per pause.
    const pace = allowed > 1 ? (WINDOW_MS / allowed) * PACE_MARGIN : Math.max(pause, WINDOW_MS) * PACE_MARGIN;
    // Refused again while paced: the pace only ever slows down until the paced time runs out.
    this.spacingMs = Math.max(now < this.pacedUntil ? this.spacingMs : 0, Math.min(pace, this.capMs));
    this.pausedUntil = Math.max(this.pausedUntil, now + pause);
    this.pacedUntil = now + RATE_PACED_FOR_MS;
    this.nextSlot = Math.max(this.nextSlot, this.pausedUntil);
    this.servedTimes.length = 0;
    this.tell();
    return Math.max(0, this.pausedUntil - now);
  }

  state(): RateGateState {
    const now = this.now();
    return {
      ...(now < this.pausedUntil ? { pausedUntil: this.pausedUntil } : {}),
      ...(now < this.pacedUntil ? { spacingMs: Math.round(this.spacingMs), pacedUntil: this.pacedUntil } : {}),
    };
  }

  onDidChange(listener: (state: RateGateState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private tell(): void {
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }
}
