// Runs a task at most once per `minGapMs` however often it is asked for, never two at once, and
// always once more after the last request: a burst of 400 changes a second becomes a few runs
// a second, and the last change is never left unshown.
import { realTimers, type Timers } from '../timers';

export class Coalescer {
  private running = false;
  private wanted = false;
  private timer: unknown;
  private lastStartedAt = Number.NEGATIVE_INFINITY;
  private disposed = false;

  constructor(
    private readonly task: () => Promise<void> | void,
    private readonly minGapMs: number,
    private readonly timers: Timers = realTimers,
    private readonly now: () => number = Date.now,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  request(): void {
    if (this.disposed) return;
    this.wanted = true;
    if (this.running || this.timer !== undefined) return;
    const wait = Math.max(0, this.lastStartedAt + this.minGapMs - this.now());
    if (wait === 0) {
      void this.run();
    } else {
      this.timer = this.timers.setTimeout(() => {
        this.timer = undefined;
        void this.run();
      }, wait);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async run(): Promise<void> {
    if (this.disposed || !this.wanted) return;
    this.wanted = false;
    this.running = true;
    this.lastStartedAt = this.now();
    try {
      await this.task();
    } catch (error) {
      this.onError(error);
    } finally {
      this.running = false;
    }
    if (this.wanted) this.request();
  }
}
