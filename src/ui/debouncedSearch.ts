// Search-as-you-type without a request per keystroke: only the text that stayed unchanged for
// `delayMs` is searched, a newer text aborts the older request, and a late answer to a text the
// user has already changed is dropped instead of overwriting the newer one.
import { realTimers, type Timers } from '../model/timers';

export interface DebouncedSearchHandlers<R> {
  search(text: string, signal: AbortSignal): Promise<R>;
  onResult(text: string, result: R): void;
  onError(text: string, error: unknown): void;
  onBusy(busy: boolean): void;
}

export class DebouncedSearch<R> {
  private timer: unknown;
  private running: AbortController | undefined;
  private disposed = false;

  constructor(
    private readonly handlers: DebouncedSearchHandlers<R>,
    private readonly delayMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The text changed: search it once it has been stable for the delay (or now, when `immediate`). */
  update(text: string, immediate = false): void {
    if (this.disposed) {
      return;
    }
    this.cancelTimer();
    if (immediate) {
      void this.start(text);
      return;
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.start(text);
    }, this.delayMs);
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.running?.abort();
    this.running = undefined;
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private async start(text: string): Promise<void> {
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    this.handlers.onBusy(true);
    try {
      const result = await this.handlers.search(text, controller.signal);
      if (!controller.signal.aborted) {
        this.handlers.onResult(text, result);
      }
    } catch (error) {
      if (!controller.signal.aborted) {
        this.handlers.onError(text, error);
      }
    } finally {
      if (this.running === controller) {
        this.running = undefined;
        this.handlers.onBusy(false);
      }
    }
  }
}
