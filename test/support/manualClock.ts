// The one clock of the tests and benchmarks: time and timers that move only when told to, so
// debouncing, polling, renewal and refresh schedules are checked without waiting for them.
import type { Timers } from '../../src/model/timers';

interface Pending {
  id: number;
  dueAt: number;
  /** The delay it was asked with (`fire` picks timers by it). */
  ms: number;
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

  readonly now = (): number => this.nowMs;

  setTimeout(callback: () => void, ms: number): unknown {
    this.requestedDelays.push(ms);
    const timer = { id: this.nextId++, dueAt: this.nowMs + ms, ms, callback };
    this.pending.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((timer) => timer.id !== handle);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** The delays of the timers still pending, shortest first. */
  delays(): number[] {
    return this.pending.map((timer) => timer.ms).sort((a, b) => a - b);
  }

  /** Moves time forward, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (let next = this.nextDue(target); next; next = this.nextDue(target)) {
      this.fireOne(next);
    }
    this.nowMs = target;
  }

  /** As `advance`, letting the promise callbacks a timer starts run before the next one fires. */
  async advanceAsync(ms: number, ticks = 5): Promise<void> {
    const target = this.nowMs + ms;
    for (let next = this.nextDue(target); next; next = this.nextDue(target)) {
      this.fireOne(next);
      for (let i = 0; i < ticks; i++) await Promise.resolve();
    }
    this.nowMs = target;
  }

  /** The machine sleeps: time moves on and no timer fires until something advances the clock. */
  sleep(ms: number): void {
    this.nowMs += ms;
  }

  /** Fires every pending timer asked with exactly `ms`, whatever the time; returns how many fired. */
  fire(ms: number): number {
    const due = this.pending.filter((timer) => timer.ms === ms);
    this.pending = this.pending.filter((timer) => timer.ms !== ms);
    for (const timer of due) timer.callback();
    return due.length;
  }

  private nextDue(target: number): Pending | undefined {
    return this.pending.filter((timer) => timer.dueAt <= target).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)[0];
  }

  private fireOne(timer: Pending): void {
    this.pending = this.pending.filter((candidate) => candidate !== timer);
    // A timer overdue (the machine slept) fires now, not back in time.
    this.nowMs = Math.max(this.nowMs, timer.dueAt);
    timer.callback();
  }
}
