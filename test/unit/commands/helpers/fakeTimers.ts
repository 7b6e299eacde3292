// Timers the test advances by hand, so debouncing and scheduling are checked without waiting.
import type { Timers } from '../../../../src/model/timers';

interface Pending {
  id: number;
  dueAt: number;
  callback: () => void;
}

export class ManualClock implements Timers {
  private nowMs: number;
  private nextId = 1;
  private pending: Pending[] = [];
  /** Every delay asked for, in order. */
  readonly requestedDelays: number[] = [];

  constructor(startMs = Date.UTC(2026, 0, 15, 9, 0, 0)) {
    this.nowMs = startMs;
  }

  now = (): number => this.nowMs;

  setTimeout(callback: () => void, ms: number): unknown {
    this.requestedDelays.push(ms);
    const timer = { id: this.nextId++, dueAt: this.nowMs + ms, callback };
    this.pending.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((timer) => timer.id !== handle);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Moves time forward, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (;;) {
      const next = [...this.pending].sort((a, b) => a.dueAt - b.dueAt)[0];
      if (!next || next.dueAt > target) {
        break;
      }
      this.pending = this.pending.filter((timer) => timer !== next);
      this.nowMs = next.dueAt;
      next.callback();
    }
    this.nowMs = target;
  }
}
