// What a tree model remembers about its change feed: the watermark W, whether the server refused
// the feed (then it is not asked again), the lock that keeps a feed page and the counts taken
// alongside it from interleaving with another one, the audit, and counters for the benchmark.
import { NcxError } from '../../api/errors';
import type { FallbackReason, Watermark } from './changeFeed';
import { CountAudit, type AuditStats } from './countAudit';
import type { GroupSegment } from '../groupKeys';

/**
 * A change applied before the feed brought it (an action's answer): where the counts held the
 * workitem at W, and where they hold it now. The feed page that brings it moves it from `now`, and
 * an audit reads the counts as they stood at W.
 */
export interface AheadChange {
  readonly modifiedAt: number;
  readonly atW: readonly GroupSegment[] | undefined;
  readonly now: readonly GroupSegment[];
}

/** How the refreshes of a model went, for the benchmark and the tests. */
export interface TreeModelStats extends AuditStats {
  /** Refresh cycles run against a loaded tree. */
  readonly cycles: number;
  /** Cycles (and syncs before a fetch) settled by one page of the change feed. */
  readonly feedPages: number;
  /** Changed workitems those pages applied (versions the counts did not hold yet). */
  readonly feedChanges: number;
  /** Cycles or syncs that re-counted instead, by reason. */
  readonly fallbacks: Readonly<Partial<Record<FallbackReason, number>>>;
  /** Why the feed is no longer used by this model (undefined: it is, or a filter is set). */
  readonly feedStopped: string | undefined;
}

/** What the owner of a session hears about, to pass on to whoever watches the tree. */
export interface FeedSessionListener {
  /** The feed will not be used again (until `allowAgain`); `reason` says why and what happens instead. */
  stopped(reason: string): void;
  /** A cycle or a sync re-counted instead of applying a feed page. */
  fellBack(reason: FallbackReason): void;
}

/** Consecutive fallbacks after which the feed stands down for the session. */
export const FALLBACKS_BEFORE_STANDING_DOWN = 3;

export class FeedSession {
  private mark: Watermark | undefined;
  /** Changes the counts hold ahead of W, by workitem id (see AheadChange). */
  readonly ahead = new Map<string, AheadChange>();
  readonly audit = new CountAudit();
  private stopped: string | undefined;
  private lock: Promise<void> = Promise.resolve();
  /** The probe of the last full load, settling W (it never rejects). */
  private pending: Promise<void> = Promise.resolve();
  private cycles = 0;
  private feedPages = 0;
  /** Changes in the last feed page applied: how many the next one will likely hold. */
  lastPageChanges = 0;
  private feedChanges = 0;
  private readonly fallbacks: Partial<Record<FallbackReason, number>> = {};
  /** Fallbacks since the last page applied: a feed that keeps falling back costs more than re-counting. */
  private fallbacksInARow = 0;
  /** The `tree.changeFeed` setting. */
  private enabled = true;

  constructor(private readonly listener: FeedSessionListener) {}

  /** Where the counts stand in the server's history; undefined: the next refresh re-counts. */
  get watermark(): Watermark | undefined {
    return this.mark;
  }

  /** A re-count (no W) takes counts that already hold every change applied ahead. */
  set watermark(watermark: Watermark | undefined) {
    if (watermark === undefined) this.ahead.clear();
    this.mark = watermark;
  }

  /**
   * With a filter the feed cannot be used: a workitem that leaves the filter has a new version
   * that no longer matches `q`, so the feed would never report it. Filtered trees re-count.
   */
  usable(filter: string | undefined): boolean {
    return this.enabled && this.stopped === undefined && filter === undefined;
  }

  /** The `tree.changeFeed` setting: off, every refresh re-counts what is on screen. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) {
      this.watermark = undefined;
      this.audit.forget();
    }
  }

  /** Whether counts are kept by the feed (rather than taken from each answer). */
  keepsCounts(filter: string | undefined): boolean {
    return this.usable(filter) && this.watermark !== undefined;
  }

  /** Runs `task` after every earlier one and after the pending probe has settled W. */
  exclusive(task: () => Promise<void>): Promise<void> {
    const run = this.lock.then(() => this.pending).then(task);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** W comes from this probe; the tree need not wait for it, the next feed fetch does. */
  settleFrom(probe: Promise<Watermark | undefined>, stillValid: () => boolean): void {
    this.pending = probe.then((watermark) => {
      if (watermark !== undefined && stillValid()) {
        this.ahead.clear();
        this.watermark = watermark;
      }
    });
  }

  /** The tree starts over: fetches of the old one commit nothing, the new one need not queue. */
  reset(): void {
    this.watermark = undefined;
    this.audit.forget();
    this.lock = Promise.resolve();
    this.pending = Promise.resolve();
  }

  /** Another server may well answer the feed. */
  allowAgain(): void {
    this.stopped = undefined;
    this.fallbacksInARow = 0;
  }

  /** A 400 means this server cannot answer the feed's query or sort: it never will, so stop asking. */
  stopIfRejected(error: unknown): boolean {
    if (!(error instanceof NcxError) || (error.kind !== 'badRequest' && error.details.status !== 400)) {
      return false;
    }
    this.stop(`the server rejected the change feed query (${error.message})`);
    return true;
  }

  stop(why: string): void {
    if (this.stopped === undefined) {
      this.stopped = `${why}; every refresh re-counts the groups on screen`;
      this.watermark = undefined;
      this.listener.stopped(this.stopped);
    }
  }

  noteCycle(): void {
    this.cycles++;
  }

  notePage(changes: number): void {
    this.lastPageChanges = changes;
    this.feedPages++;
    this.feedChanges += changes;
    this.fallbacksInARow = 0;
  }

  /**
   * A cycle re-counted instead. A feed that cannot place what changed (timelines that do not say
   * where a workitem was) falls back every cycle and then costs a feed page on top of the
   * re-count: after FALLBACKS_BEFORE_STANDING_DOWN in a row it stands down for the session.
   */
  noteFallback(reason: FallbackReason): void {
    this.fallbacks[reason] = (this.fallbacks[reason] ?? 0) + 1;
    this.listener.fellBack(reason);
    if (reason === 'noWatermark' || reason === 'failed' || reason === 'rejected') {
      // A probe or a request that failed says nothing about whether the feed can place changes
      // (and a rejected feed has stopped already).
      return;
    }
    this.fallbacksInARow++;
    if (this.fallbacksInARow >= FALLBACKS_BEFORE_STANDING_DOWN) {
      this.stop(`the change feed fell back to re-counting ${this.fallbacksInARow} cycles in a row (last: ${reason}), which costs more than re-counting alone`);
    }
  }

  stats(): TreeModelStats {
    return {
      cycles: this.cycles,
      feedPages: this.feedPages,
      feedChanges: this.feedChanges,
      fallbacks: { ...this.fallbacks },
      feedStopped: this.stopped,
      ...this.audit.stats(),
    };
  }
}
