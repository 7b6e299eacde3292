// The Workitems tree as data, fed by a WorkitemsApi: counts first, children only for expanded
// groups, items a page at a time, a cache keyed by stable node ids, refreshes that read one page
// of changes (the change feed) instead of re-counting what is on screen, and change events that
// name exactly the rows that changed. This class is the face the view, the commands and the tests
// talk to; the work is done by its parts: TreeData (what is held), GroupLoader (the classic
// fetches), FeedRefresher and FeedPageApplier (the change feed), WorkitemLocator (reveal).
import type { Workitem } from '../api/schemas';
import type { WorkitemsApi } from '../api/workitemsApi';
import type { GroupByMode, TreeSort } from '../config/settings';
import type { FallbackReason } from './changeFeed/changeFeed';
import { ModelEmitter, type ModelEvent } from './events';
import { FeedPageApplier } from './changeFeed/feedPageApplier';
import { FeedRefresher } from './changeFeed/feedRefresher';
import { FeedSession, type TreeModelStats } from './changeFeed/feedSession';
import type { FetchFailure } from './fetchFailure';
import { parentIdOf, ROOT_ID } from './groupKeys';
import { groupQuery } from './groupQueries';
import { GroupLoader } from './groupLoader';
import { renderChildren, type GroupState } from './groupState';
import type { GroupCount, ModelChange, ModelLoad, ModelNode } from './modelNodes';
import { ShownNodes } from './shownNodes';
import { clampPageSize, normaliseFilter, TreeData } from './treeData';
import { WorkitemLocator } from './workitemLocator';

export { ITEM_SORT } from './treeData';
export { LOCATE_MAX_POSITIONS } from './workitemLocator';
export type { TreeModelStats } from './changeFeed/feedSession';

export const DEFAULT_PAGE_SIZE = 100;
/** First paint (at most ~10 counts) goes out in one go; larger refreshes queue behind it. */
const DEFAULT_MAX_CONCURRENT_REQUESTS = 12;

export interface WorkitemTreeModelOptions {
  api: WorkitemsApi;
  groupBy?: GroupByMode;
  /** Workitems per page (the `tree.pageSize` setting). */
  pageSize?: number;
  /** The user's `q`, ANDed with every group's query. */
  filter?: string;
  maxConcurrentRequests?: number;
  /** The `tree.changeFeed` setting (default on). */
  changeFeed?: boolean;
  /** The `tree.sortBy` setting (default newest first). */
  sortBy?: TreeSort;
  /** The clock of "offline since". */
  now?: () => number;
}

export interface FeedStopped {
  /** Why, and that every refresh re-counts the groups on screen from now on. */
  readonly reason: string;
}

export interface FeedFallback {
  readonly reason: FallbackReason;
}

export type RootStatus =
  | { readonly kind: 'notLoaded' }
  | { readonly kind: 'failed'; readonly failure: FetchFailure }
  | { readonly kind: 'loaded'; readonly total: number };

export class WorkitemTreeModel {
  private readonly data: TreeData;
  private readonly shown = new ShownNodes();
  /** Parents the view is waiting for right now; they are recorded when it gets them. */
  private readonly viewWaiting = new Set<string>();
  private readonly busy = new Map<string, string>();
  private refreshing: Promise<void> | undefined;
  private readonly changeEmitter = new ModelEmitter<ModelChange>();
  private readonly loadEmitter = new ModelEmitter<ModelLoad>();
  private readonly feedEmitter = new ModelEmitter<FeedStopped>();
  private readonly fallbackEmitter = new ModelEmitter<FeedFallback>();
  private readonly feed = new FeedSession({
    stopped: (reason) => this.feedEmitter.fire({ reason }),
    fellBack: (reason) => this.fallbackEmitter.fire({ reason }),
  });
  private readonly refresher: FeedRefresher;
  private readonly locator: WorkitemLocator;

  /** Rows whose rendering changed; ROOT_ID means the top level. */
  readonly onDidChange: ModelEvent<ModelChange> = this.changeEmitter.event;
  /** A group's (or the root's) children were fetched, successfully or not. */
  readonly onDidLoad: ModelEvent<ModelLoad> = this.loadEmitter.event;
  /** The server refused the change feed: from now on every refresh re-counts what is on screen. */
  readonly onDidStopFeed: ModelEvent<FeedStopped> = this.feedEmitter.event;
  /** A refresh (or the sync before a fetch) re-counted instead of applying a feed page, and why. */
  readonly onDidFallBack: ModelEvent<FeedFallback> = this.fallbackEmitter.event;

  constructor(options: WorkitemTreeModelOptions) {
    this.data = new TreeData({
      api: options.api,
      groupBy: options.groupBy ?? 'stateChannel',
      pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
      filter: options.filter,
      maxConcurrentRequests: options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS,
      sortBy: options.sortBy ?? 'newest',
    });
    if (options.now) this.data.now = options.now;
    const loaded = (load: ModelLoad): void => this.loadEmitter.fire(load);
    const loader = new GroupLoader(this.data, { countsKeptByFeed: () => this.refresher.keepsCounts(), loaded });
    const applier = new FeedPageApplier(this.data, this.feed);
    this.refresher = new FeedRefresher({ data: this.data, session: this.feed, loader, applier, loaded });
    this.locator = new WorkitemLocator(this.data, this.refresher, () => this.emitChanges());
    this.feed.setEnabled(options.changeFeed ?? true);
  }

  /** The `tree.changeFeed` setting changed. */
  setChangeFeed(enabled: boolean): void {
    this.feed.setEnabled(enabled);
  }

  // ---- what the view reads -------------------------------------------------------------------

  /** The rows under a group (ROOT_ID for the top level), fetching them first if needed. */
  async getChildren(parentId: string = ROOT_ID): Promise<ModelNode[]> {
    const group = this.data.groupOf(parentId);
    if (group === undefined) {
      return [];
    }
    if (parentId !== ROOT_ID) {
      group.expanded = true;
    }
    if (group.children === undefined || this.data.isStale(group)) {
      this.viewWaiting.add(parentId);
      try {
        await this.refresher.ensureFresh(group);
        this.emitChanges();
      } finally {
        this.viewWaiting.delete(parentId);
      }
    }
    if (group !== this.data.groupOf(parentId)) {
      return []; // reset while fetching: the view has been told to start over
    }
    const nodes = this.render(group);
    this.shown.record(parentId, nodes);
    return nodes;
  }

  /** A row by id, as last rendered (undefined when its parent is not loaded or it is gone). */
  findNode(id: string): ModelNode | undefined {
    const parent = this.data.groupOf(parentIdOf(id));
    return parent ? this.render(parent).find((node) => node.id === id) : undefined;
  }

  getParentId(id: string): string | undefined {
    return id === ROOT_ID ? undefined : parentIdOf(id);
  }

  /** The newest version of a workitem the model has seen. */
  getWorkitem(workitemId: string): Workitem | undefined {
    return this.data.latest.get(workitemId);
  }

  /** The `q` a group's rows are fetched with (undefined: everything, or no such group). */
  groupQueryOf(groupId: string): string | undefined {
    return this.data.groupOf(groupId)?.query;
  }

  getFilter(): string | undefined {
    return this.data.filter;
  }

  getGroupBy(): GroupByMode {
    return this.data.groupBy;
  }

  getPageSize(): number {
    return this.data.pageSize;
  }

  rootStatus(): RootStatus {
    const root = this.data.root;
    const children = root.children;
    if (children === undefined) {
      return { kind: 'notLoaded' };
    }
    if (children.kind === 'error') {
      return { kind: 'failed', failure: children.failure };
    }
    return { kind: 'loaded', total: root.count };
  }

  /**
   * Since when the server could not be reached (ms since epoch), while the tree shows what it
   * last loaded instead of error rows; undefined when the last refresh reached it.
   */
  offlineSince(): number | undefined {
    return this.data.offlineSince;
  }

  /** The visible top-level groups and their counts (empty when not grouped or not loaded). */
  rootGroupCounts(): GroupCount[] {
    return this.render(this.data.root).flatMap((node) =>
      node.kind === 'group' ? [{ id: node.id, dimension: node.dimension, value: node.value, count: node.count }] : [],
    );
  }

  stats(): TreeModelStats {
    return this.feed.stats();
  }

  // ---- what the view and the commands change -------------------------------------------------

  /** Expansion reported by the view: only expanded groups are refreshed. */
  async setExpanded(groupId: string, expanded: boolean): Promise<void> {
    const group = this.data.groups.get(groupId);
    if (group === undefined) {
      return;
    }
    group.expanded = expanded;
    if (expanded && group.children !== undefined && this.data.isStale(group)) {
      await this.refresher.ensureFresh(group);
      this.emitChanges();
    }
  }

  /**
   * Brings what is on screen up to date: one page of the change feed applied to the counts and
   * rows held, or (no watermark, a filter, too many changes…) every visible group re-counted.
   */
  refresh(): Promise<void> {
    // A refresh asked while one runs is that one.
    return this.refreshing ?? this.runRefresh((generation) => this.refresher.refreshLoadedTree(generation));
  }

  /**
   * Shows what an action answered (the workitem as it is now) in the counts and rows held, with no
   * request; false when only a refresh can (the change feed does not keep the counts now).
   */
  applyAnswer(workitem: Workitem): boolean {
    return this.applyAnswers([workitem]);
  }

  /** As applyAnswer, for workitems as they are after their changes, oldest first; the view redraws once. */
  applyAnswers(workitems: readonly Workitem[]): boolean {
    // A feed cycle in flight is fine: its page either brings these changes (moved no further) or not.
    let applied = true;
    for (const workitem of workitems) {
      if (!this.refresher.applyAnswer(workitem)) {
        applied = false;
        break;
      }
    }
    this.emitChanges();
    return applied;
  }

  /**
   * The manual Refresh: every count and row on screen taken again from the server (ground truth,
   * whatever the change feed held), in one batch of parallel requests, and a fresh watermark.
   */
  recount(): Promise<void> {
    return this.runRefresh((generation) => this.refresher.recountLoadedTree(generation));
  }

  private runRefresh(cycle: (generation: number) => Promise<void>): Promise<void> {
    if (this.refreshing) {
      // A recount asked while a cycle runs goes right after it: that cycle may not have re-counted.
      return this.refreshing.then(() => this.runRefresh(cycle));
    }
    const data = this.data;
    const generation = data.generation;
    const run: Promise<void> = (async () => {
      data.offlineThisCycle = false;
      const wasOffline = data.offlineSince !== undefined;
      if (data.root.children !== undefined) {
        await cycle(generation);
      } else {
        data.cycle++;
      }
      if (generation === data.generation) {
        // A whole cycle without an unreachable server: the link is back.
        if (!data.offlineThisCycle) data.offlineSince = undefined;
        data.forgetUnlisted();
        this.emitChanges();
        if (wasOffline !== (data.offlineSince !== undefined)) this.loadEmitter.fire({ parentId: ROOT_ID, ok: data.offlineSince === undefined });
      }
    })().finally(() => {
      if (this.refreshing === run) {
        this.refreshing = undefined;
      }
    });
    this.refreshing = run;
    return run;
  }

  /** Fetches the next page of the group that owns a "Load more" row (or its failed-page row). */
  async loadMore(nodeId: string): Promise<void> {
    const group = this.data.groupOf(parentIdOf(nodeId));
    if (group === undefined) {
      return;
    }
    await this.refresher.loadNextPage(group);
    this.emitChanges();
  }

  /** Fetches again whatever failed where an error row stands. */
  async retry(errorNodeId: string): Promise<void> {
    const group = this.data.groupOf(parentIdOf(errorNodeId));
    if (group === undefined) {
      return;
    }
    if (group.children?.kind === 'items' && group.children.moreFailure) {
      return this.loadMore(errorNodeId);
    }
    await this.refresher.reloadChildren(group);
    this.emitChanges();
  }

  /** Marks a workitem as being acted on ("Holding…"); `undefined` clears the mark. */
  setBusy(workitemId: string, text: string | undefined): void {
    if (text === undefined) {
      this.busy.delete(workitemId);
    } else {
      this.busy.set(workitemId, text);
    }
    this.emitChanges();
  }

  getBusy(workitemId: string): string | undefined {
    return this.busy.get(workitemId);
  }

  /** Throws RangeError (and changes nothing) when the filter cannot be read: validate it first. */
  setFilter(filter: string | undefined): void {
    const next = normaliseFilter(filter);
    if (next !== this.data.filter) {
      groupQuery(next, []);
      this.data.filter = next;
      this.reset();
    }
  }

  setGroupBy(mode: GroupByMode): void {
    if (mode !== this.data.groupBy) {
      this.data.groupBy = mode;
      this.reset();
    }
  }

  /** Row order within groups: everything is fetched again in the new order. */
  setSortBy(sortBy: TreeSort): void {
    if (sortBy !== this.data.sortBy) {
      this.data.sortBy = sortBy;
      this.reset();
    }
  }

  setPageSize(pageSize: number): void {
    const next = clampPageSize(pageSize);
    if (next !== this.data.pageSize) {
      this.data.pageSize = next;
      this.reset();
    }
  }

  /** Swaps the client (sign-in, sign-out, sandbox restart): everything is fetched again. */
  setApi(api: WorkitemsApi): void {
    this.data.api = api;
    this.feed.allowAgain();
    this.reset();
  }

  /** Forgets everything fetched (the client behind the same api changed) and starts over. */
  reload(): void {
    this.reset();
  }

  /**
   * Loads what is needed to show a workitem: its groups and enough pages of its group. Returns the
   * id of its row, or undefined when the tree does not list it (the filter excludes it, or it is
   * further down than LOCATE_MAX_POSITIONS). Rejects with the client's error when the fetch fails.
   */
  locate(workitemId: string): Promise<string | undefined> {
    return this.locator.locate(workitemId);
  }

  dispose(): void {
    this.data.dispose();
    this.changeEmitter.dispose();
    this.loadEmitter.dispose();
    this.feedEmitter.dispose();
    this.fallbackEmitter.dispose();
  }

  // ---- internals -----------------------------------------------------------------------------

  private reset(): void {
    this.data.reset();
    this.shown.clear();
    this.refreshing = undefined;
    this.feed.reset();
    this.changeEmitter.fire({ nodeIds: [ROOT_ID] });
  }

  private render(group: GroupState): ModelNode[] {
    return renderChildren(
      group,
      (id) => this.data.groups.get(id),
      (workitemId) => this.busy.get(workitemId),
    );
  }

  private emitChanges(): void {
    const nodeIds = this.shown.collectChanges((parentId) => {
      const group = this.data.groupOf(parentId);
      return group !== undefined && this.data.isListed(group) ? this.render(group) : undefined;
    }, this.viewWaiting);
    if (nodeIds.length > 0) {
      this.changeEmitter.fire({ nodeIds });
    }
  }
}
