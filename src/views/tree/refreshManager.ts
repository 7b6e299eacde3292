// Polls the tree every `refreshIntervalSeconds`, only while the view is visible, never when the
// interval is 0, and never two refreshes at once (the next wait starts when a refresh ends).
// No `vscode` import: the view and the timers come in, so the schedule is tested in Node.
import { realTimers, type Timers } from '../../model/timers';

export interface VisibilitySource {
  readonly visible: boolean;
  onDidChangeVisibility(listener: (event: { readonly visible: boolean }) => void): { dispose(): void };
}


export interface RefreshManagerOptions {
  view: VisibilitySource;
  /** Read at every scheduling, so a settings change applies at the next wait. */
  intervalSeconds: () => number;
  refresh: () => Promise<void>;
  timers?: Timers;
  now?: () => number;
  /** A refresh failure is reported here and polling goes on. */
  onError?: (error: unknown) => void;
}

export class RefreshManager {
  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly subscription: { dispose(): void };
  private timer: unknown;
  private running = false;
  private disposed = false;
  private lastRefreshAt: number;

  constructor(private readonly options: RefreshManagerOptions) {
    this.timers = options.timers ?? realTimers;
    this.now = options.now ?? Date.now;
    // The view fetched its rows when it appeared; that counts as the first refresh.
    this.lastRefreshAt = this.now();
    this.subscription = options.view.onDidChangeVisibility(() => this.reschedule());
    this.reschedule();
  }

  /** Call when the interval setting changed. */
  reschedule(): void {
    this.cancelTimer();
    if (this.disposed || this.running || !this.options.view.visible) {
      return;
    }
    const intervalMs = this.intervalMs();
    if (intervalMs === undefined) {
      return;
    }
    // Coming back into view after a long time refreshes at once; otherwise the wait resumes.
    const wait = Math.max(0, this.lastRefreshAt + intervalMs - this.now());
    this.timer = this.timers.setTimeout(() => void this.tick(), wait);
  }

  /** A refresh made by hand also restarts the wait. */
  noteRefreshed(): void {
    this.lastRefreshAt = this.now();
    this.reschedule();
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.subscription.dispose();
  }

  private intervalMs(): number | undefined {
    const seconds = this.options.intervalSeconds();
    return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (this.disposed || !this.options.view.visible || this.intervalMs() === undefined) {
      return;
    }
    this.running = true;
    try {
      await this.options.refresh();
    } catch (error) {
      this.options.onError?.(error);
    } finally {
      this.running = false;
      this.lastRefreshAt = this.now();
    }
    this.reschedule();
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
