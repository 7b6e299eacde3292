// Timers that only move when told to: the refresh manager's schedule is driven cycle by cycle while
// its refreshes go to a real server.
import type { Timers } from '../../../src/model/timers';

interface Pending {
  id: number;
  at: number;
  callback: () => void;
}

export class FakeClock implements Timers {
  private time = 0;
  private nextId = 1;
  private pending: Pending[] = [];

  readonly now = (): number => this.time;

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.push({ id, at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((timer) => timer.id !== handle);
  }

  get scheduled(): number {
    return this.pending.length;
  }

  /** Moves time on by `ms`, firing (in order) the timers that fall due. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.pending.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) {
        break;
      }
      this.pending = this.pending.filter((timer) => timer !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = until;
  }
}
