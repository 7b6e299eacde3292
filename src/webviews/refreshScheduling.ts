// When a panel fetches: never two fetches at once, and on a timer only while it is visible.
import type { Timers } from '../model/timers';

/**
 * Runs a task at most once at a time. A call while it runs is answered by one more run after it
 * (its result must not come from a fetch that started before the call); further calls meanwhile
 * share that same run.
 */
export class CoalescedRun {
  private running?: Promise<void>;
  private next?: Promise<void>;

  constructor(private readonly task: () => Promise<void>) {}

  run(): Promise<void> {
    if (!this.running) {
      this.running = this.task().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.next ??= this.running.then(() => {
      this.next = undefined;
      return this.run();
    });
    return this.next;
  }
}

/** One pending timer, replaced on every schedule. */
export class Poller {
  private handle?: unknown;

  constructor(private readonly timers: Timers) {}

  schedule(ms: number, callback: () => void): void {
    this.cancel();
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined;
      callback();
    }, ms);
  }

  cancel(): void {
    if (this.handle !== undefined) {
      this.timers.clearTimeout(this.handle);
      this.handle = undefined;
    }
  }
}
