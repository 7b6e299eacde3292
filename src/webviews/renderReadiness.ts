// Which render of a panel has loaded. A page posts `ready` with the id of the render it belongs
// to; opening and refreshing wait for it, because a webview that is still loading drops messages
// and, in a fresh window, can stall a second webview opened meanwhile.
import type { Timers } from '../model/timers';

interface Waiter {
  renderId: number;
  resolve(): void;
  timer: unknown;
}

export class RenderReadiness {
  private current = 0;
  private readyId = -1;
  private waiters: Waiter[] = [];

  constructor(private readonly timers: Timers) {}

  /** The id of the latest render. */
  get renderId(): number {
    return this.current;
  }

  /** Whether the page of the latest render said it is ready (and is still loaded). */
  get ready(): boolean {
    return this.readyId >= this.current;
  }

  /** Call before setting new HTML; returns the id to embed in it. */
  nextRender(): number {
    this.current += 1;
    return this.current;
  }

  /** A `ready` from the page; returns false (and changes nothing) for a render that is not the latest. */
  markReady(renderId: number): boolean {
    if (renderId !== this.current) {
      return false;
    }
    this.readyId = renderId;
    const done = this.waiters.filter((waiter) => waiter.renderId <= renderId);
    this.waiters = this.waiters.filter((waiter) => waiter.renderId > renderId);
    for (const waiter of done) {
      this.timers.clearTimeout(waiter.timer);
      waiter.resolve();
    }
    return true;
  }

  /** The page was discarded (a hidden webview); it posts `ready` again when it is shown. */
  forget(): void {
    this.readyId = -1;
  }

  /** Resolves on the latest render's `ready`; rejects with `onTimeout()` after `timeoutMs`. */
  wait(timeoutMs: number, onTimeout: () => Error): Promise<void> {
    if (this.ready) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        renderId: this.current,
        resolve,
        timer: this.timers.setTimeout(() => {
          this.waiters = this.waiters.filter((other) => other !== waiter);
          reject(onTimeout());
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves every waiter (the panel closed: there is nothing left to wait for). */
  releaseAll(): void {
    for (const waiter of this.waiters) {
      this.timers.clearTimeout(waiter.timer);
      waiter.resolve();
    }
    this.waiters = [];
  }
}
