// The refresh driven by the change feed. A cycle sends one `modifiedAt` page and applies it to
// the counts and rows held (feedPageApplier.ts), audits one count every third cycle in that same
// request (auditedFeed.ts), and re-counts the classic way (groupLoader.ts) when the feed cannot be
// trusted: no watermark W yet, a filter, more changes than a page, a server that refused the feed. Every fetch the view asks for runs
// under the model-wide feed lock, and a group fetched while the feed keeps the others is bracketed
// by a feed page, so the counts of all groups stand at the same moment.
import type { SearchPage } from '../../api/workitemsApi';
import { feedParams, isUnseen, PROBE_PARAMS, watermarkFromProbe, type FallbackReason, type Watermark } from './changeFeed';
import type { Workitem } from '../../api/schemas';
import { auditedFeedParams, splitAuditedFeed } from './auditedFeed';
import { holdsPath } from './countDelta';
import type { FeedPageApplier } from './feedPageApplier';
import type { FeedSession } from './feedSession';
import type { GroupLoader } from '../groupLoader';
import { parentIdOf, ROOT_ID, segmentsOf } from '../groupKeys';
import { inGroupQueue, type GroupState } from '../groupState';
import type { ModelLoad } from '../modelNodes';
import { recountOnScreen } from '../screenRecount';
import { trackedGroupsOf, type TrackedTree } from './trackedGroups';
import type { TreeData } from '../treeData';
import { describeFetchFailure, isCancellation } from '../fetchFailure';

type FeedOutcome = { readonly page: SearchPage } | { readonly reason: FallbackReason } | { readonly offline: true };

export interface FeedRefresherParts {
  readonly data: TreeData;
  readonly session: FeedSession;
  readonly loader: GroupLoader;
  readonly applier: FeedPageApplier;
  /** A refresh cycle brought the whole tree up to date from a feed page. */
  loaded(load: ModelLoad): void;
}

export class FeedRefresher {
  private readonly data: TreeData;
  private readonly session: FeedSession;
  private readonly loader: GroupLoader;
  private readonly applier: FeedPageApplier;
  private readonly loaded: (load: ModelLoad) => void;

  constructor(parts: FeedRefresherParts) {
    this.data = parts.data;
    this.session = parts.session;
    this.loader = parts.loader;
    this.applier = parts.applier;
    this.loaded = parts.loaded;
  }

  /** Whether the counts are kept by the feed (rather than taken from each answer). */
  keepsCounts(): boolean {
    return this.session.keepsCounts(this.data.filter);
  }

  /**
   * Shows what an action answered (the workitem as it is now) without a request: applied to the
   * counts and rows held as a feed page would apply it. False when the feed does not keep the
   * counts now (a filter, no W yet, a stale root, a timeline that does not say where it was):
   * then a refresh has to.
   */
  applyAnswer(workitem: Workitem): boolean {
    const data = this.data;
    const watermark = this.session.watermark;
    const root = data.root;
    const rootCurrent = (root.children?.kind === 'groups' || root.children?.kind === 'items') && !data.isStale(root);
    if (!this.keepsCounts() || watermark === undefined || !rootCurrent) return false;
    // A feed page already brought this version (or a newer one).
    if (!isUnseen(workitem, watermark)) return true;
    return this.applier.applyAhead(workitem, watermark, trackedGroupsOf(data.groupTree(), undefined));
  }

  // ---- the fetches the view asks for, synced with the feed ------------------------------------

  /** Fetches a group's children unless they are current. */
  ensureFresh(group: GroupState): Promise<void> {
    return this.withFeedLock(() =>
      inGroupQueue(group, async () => {
        if (group.children === undefined || this.data.isStale(group)) {
          await this.loadSynced(group);
        }
      }),
    );
  }

  /** Fetches a group's children again, current or not (retry, or a path that moved). */
  reloadChildren(group: GroupState): Promise<void> {
    return this.withFeedLock(() => inGroupQueue(group, () => this.loadSynced(group)));
  }

  /** The next page of a workitem group, after the rows held are brought to the server's present. */
  loadNextPage(group: GroupState): Promise<void> {
    return this.withFeedLock(() =>
      inGroupQueue(group, async () => {
        if (this.keepsCounts()) {
          await this.syncWithFeed(undefined);
        }
        await this.loader.fetchNextPage(group);
      }),
    );
  }

  /** One refresh cycle of a tree whose root has been fetched (queued behind the root's fetches). */
  refreshLoadedTree(generation: number): Promise<void> {
    const root = this.data.root;
    return this.withFeedLock(() => inGroupQueue(root, () => this.refreshCycle(generation)));
  }

  /**
   * The manual Refresh: what is on screen counted again in one batch (screenRecount.ts), W probed
   * alongside, and the audit swept over the new counts. A failed request falls back to the
   * classic load, which says per group what failed.
   */
  recountLoadedTree(generation: number): Promise<void> {
    const root = this.data.root;
    return this.withFeedLock(() =>
      inGroupQueue(root, async () => {
        const data = this.data;
        const rootCurrent = root.children?.kind === 'groups' || root.children?.kind === 'items';
        if (generation !== data.generation) {
          return;
        }
        if (!rootCurrent) {
          data.cycle++;
          return this.loadWithProbe(true);
        }
        const tracked = trackedGroupsOf(data.groupTree(), undefined);
        data.cycle++;
        this.session.audit.forget();
        this.session.watermark = undefined;
        const probe = this.usable() ? this.probeWatermark() : undefined;
        let recounted: boolean;
        try {
          recounted = await recountOnScreen(data, tracked);
        } catch {
          await probe;
          return this.loadWithProbe(true);
        }
        if (recounted && probe !== undefined) {
          this.session.settleFrom(probe, () => generation === data.generation);
          this.session.audit.sweep();
        }
        if (recounted) {
          this.loaded({ parentId: ROOT_ID, ok: true });
        }
      }),
    );
  }

  // ---- internals -------------------------------------------------------------------------------

  private usable(): boolean {
    return this.session.usable(this.data.filter);
  }

  /** Feed pages and the fetches they bracket run one at a time (taken before a group's queue). */
  private withFeedLock(task: () => Promise<void>): Promise<void> {
    return this.usable() ? this.session.exclusive(task) : task();
  }

  private async refreshCycle(generation: number): Promise<void> {
    const data = this.data;
    const root = data.root;
    const watermark = this.session.watermark;
    const rootCurrent = (root.children?.kind === 'groups' || root.children?.kind === 'items') && !data.isStale(root);
    this.session.noteCycle();
    if (this.usable() && watermark !== undefined && rootCurrent) {
      const tracked = trackedGroupsOf(data.groupTree(), undefined);
      data.cycle++;
      const audited = this.groupToAudit(tracked);
      const outcome = audited === undefined ? await this.fetchFeed(watermark) : await this.fetchAuditedFeed(watermark, audited);
      if (generation !== data.generation) {
        return;
      }
      if ('offline' in outcome) {
        // What is held stays current as far as anyone can know (marked offline), so the next
        // cycle asks the same one feed page again rather than re-counting every group.
        data.noteOffline();
        for (const group of tracked.opened) {
          group.childrenCycle = data.cycle;
        }
        this.loaded({ parentId: ROOT_ID, ok: false });
        return;
      }
      const reason = 'reason' in outcome ? outcome.reason : await this.applier.apply(outcome.page, watermark, tracked);
      if (generation !== data.generation) {
        return;
      }
      if (reason === undefined) {
        for (const group of tracked.opened) {
          group.childrenCycle = data.cycle;
        }
        this.loaded({ parentId: ROOT_ID, ok: true });
        return;
      }
      this.session.noteFallback(reason);
    } else {
      if (this.usable() && rootCurrent) {
        this.session.noteFallback('noWatermark');
      }
      data.cycle++;
    }
    await this.loadWithProbe(true);
  }

  /**
   * The classic load of the root, W probed in the same wave as the counts. Without a filter the
   * probe searches everything, so its total is the root's count: no count of its own, and the
   * root's total and W come from one answer. The probe goes out right behind the sub-groups'
   * counts (on a server that answers one at a time it cannot hold them up). A change between the
   * probe and a sub-group's count is counted twice or not at all either way round (the audit
   * heals both). The tree is shown as soon as the counts are in; the next fetch under the feed
   * lock waits for W.
   */
  private async loadWithProbe(refreshExpanded: boolean): Promise<void> {
    const data = this.data;
    const generation = data.generation;
    this.session.audit.forget();
    this.session.watermark = undefined;
    if (!this.usable()) {
      return this.loader.load(data.root, refreshExpanded);
    }
    let sent: (page: Promise<SearchPage | undefined>) => void = () => undefined;
    const probePage = new Promise<SearchPage | undefined>((resolve) => (sent = resolve));
    const rootTotal = data.root.query === undefined ? probePage.then((page) => page?.total) : undefined;
    const loading = this.loader.load(data.root, refreshExpanded, false, rootTotal);
    sent(this.probePage());
    const probe = probePage.then((page) => (page === undefined ? undefined : watermarkFromProbe(page)));
    await loading;
    // A root that failed to load may have left open groups at an older moment than the probe.
    this.session.settleFrom(probe, () => generation === data.generation && data.root.children?.kind !== 'error');
    this.session.audit.sweep();
  }

  /**
   * Loads a group's children; when the feed keeps the counts, the groups already held are brought
   * up to the same moment by a feed page sent just before the group's own requests.
   */
  private async loadSynced(group: GroupState): Promise<void> {
    const data = this.data;
    const watermark = this.session.watermark;
    if (!this.usable()) {
      return this.loader.load(group, false);
    }
    if (watermark === undefined) {
      // Without W nothing is kept by the feed: the root is loaded whole, with a fresh W.
      return group === data.root ? this.loadWithProbe(true) : this.loader.load(group, false);
    }
    const generation = data.generation;
    const tracked = trackedGroupsOf(data.groupTree(), group);
    const countKept = data.isLeaf(group) && tracked.counted.includes(group);
    const feed = this.fetchFeed(watermark);
    await this.loader.load(group, false, countKept);
    await this.settleSync(await feed, watermark, tracked, generation, group);
    const children = group.children;
    if (countKept && generation === data.generation && children?.kind === 'items') {
      // The page applied just now moved the count the rows were loaded with.
      group.children = { ...children, total: group.count };
    }
  }

  private async syncWithFeed(excluded: GroupState | undefined): Promise<void> {
    const watermark = this.session.watermark;
    if (watermark === undefined) {
      return;
    }
    const generation = this.data.generation;
    const tracked = trackedGroupsOf(this.data.groupTree(), excluded);
    await this.settleSync(await this.fetchFeed(watermark), watermark, tracked, generation);
  }

  private async settleSync(outcome: FeedOutcome, watermark: Watermark, tracked: TrackedTree, generation: number, loaded?: GroupState): Promise<void> {
    if (generation !== this.data.generation) {
      return;
    }
    const reason =
      'offline' in outcome ? 'failed' : 'reason' in outcome ? outcome.reason : await this.applier.apply(outcome.page, watermark, tracked);
    if (generation !== this.data.generation) {
      return;
    }
    if (reason !== undefined) {
      this.session.noteFallback(reason);
      // The next refresh re-counts everything on screen and takes a fresh W.
      this.session.watermark = undefined;
      return;
    }
    this.data.markStaleExcept([...tracked.opened, ...(loaded === undefined ? [] : [loaded])]);
    if (loaded !== undefined && !this.data.isLeaf(loaded)) {
      this.session.audit.sweep();
    }
  }

  private async probeWatermark(): Promise<Watermark | undefined> {
    const page = await this.probePage();
    return page === undefined ? undefined : watermarkFromProbe(page);
  }

  /** The newest change (undefined when the probe failed; a 400 stops the feed). */
  private async probePage(): Promise<SearchPage | undefined> {
    try {
      // The signal of the tree that asked: a probe queued across a reset is cancelled, not sent.
      return await this.data.searchWith(PROBE_PARAMS, this.data.abort.signal);
    } catch (error) {
      this.session.stopIfRejected(error);
      return undefined;
    }
  }

  private async fetchFeed(watermark: Watermark): Promise<FeedOutcome> {
    try {
      const page = await this.data.searchWith(feedParams(watermark), this.data.abort.signal);
      return { page };
    } catch (error) {
      return this.feedFailure(error);
    }
  }

  /** Every third feed cycle (every cycle in a sweep), one listed group's count is audited (see countAudit.ts). */
  private groupToAudit(tracked: TrackedTree): GroupState | undefined {
    const data = this.data;
    const candidates = tracked.counted
      .filter((group) => group === data.root || this.isListedIn(group))
      .map((group) => group.id);
    const groupId = this.session.audit.nextToCount(candidates);
    return groupId === undefined ? undefined : data.groupOf(groupId);
  }

  /**
   * The feed page with the audit of `group` in the same request (auditedFeed.ts): the audit is
   * recorded against W, and the page applied next, this very one, settles it. An answer cut short
   * of W costs a plain feed page (the audit waits for its next turn); one that cannot be applied
   * falls back as a plain feed page would.
   */
  private async fetchAuditedFeed(watermark: Watermark, group: GroupState): Promise<FeedOutcome> {
    const data = this.data;
    let answer: SearchPage;
    try {
      answer = await data.searchWith(auditedFeedParams(group.query, watermark, this.session.lastPageChanges), data.abort.signal);
    } catch (error) {
      // Refused (a 400) like a plain feed page: the server cannot answer the feed, stop asking.
      return this.feedFailure(error);
    }
    const split = splitAuditedFeed(answer, watermark, (workitem) => holdsPath(group, segmentsOf(workitem, data.dimensions)));
    if (split.kind === 'fallback' && split.reason === 'overflow') {
      // More changes than the rows asked for: the plain feed page says whether they fit in one.
      return this.fetchFeed(watermark);
    }
    if (split.kind === 'fallback') {
      return { reason: split.reason };
    }
    if (split.kind === 'ignored') {
      this.session.stop('the server ignored the change feed query (its answer is not in the order asked for)');
      return { reason: 'rejected' };
    }
    if (split.marker !== undefined) {
      this.session.audit.record(group.id, split.marker, watermark, watermark.at);
    }
    return { page: split.page };
  }

  /**
   * A feed page that failed. When the server cannot be reached, the tree keeps what it holds and
   * the watermark too: the next cycle asks the same one page again (not a wave of counts that
   * would all fail the same way), and catches up on everything that changed meanwhile.
   */
  private feedFailure(error: unknown): FeedOutcome {
    if (this.session.stopIfRejected(error)) return { reason: 'rejected' };
    if (!isCancellation(error) && describeFetchFailure(error).reason === 'unreachable') return { offline: true };
    return { reason: 'failed' };
  }

  /** Whether its parent lists it among its sub-groups, shown or at zero. */
  private isListedIn(group: GroupState): boolean {
    const parent = this.data.groupOf(parentIdOf(group.id));
    return parent?.children?.kind === 'groups' && parent.children.slotIds.includes(group.id);
  }
}
