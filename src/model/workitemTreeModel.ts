// The Workitems tree as data, fed by a WorkitemsApi: counts first, children only for expanded
// groups, items a page at a time, a cache keyed by stable node ids, refreshes that read one page
// of changes (the change feed) instead of re-counting what is on screen, and change events that
// name exactly the rows that changed.
import { setMaxListeners } from 'events';
import { NcxError } from '../api/errors';
import { SEARCH_MAX_ROWS } from '../api/paths';
import type { Workitem } from '../api/schemas';
import type { SearchPage, ValidationIssue, WorkitemsApi } from '../api/workitemsApi';
import type { GroupByMode } from '../config/settings';
import {
  advanceWatermark,
  feedParams,
  ignoresFeedQuery,
  isUnseen,
  pageFallbackReason,
  PROBE_PARAMS,
  watermarkFromProbe,
  type FallbackReason,
  type Watermark,
} from './changeFeed';
import { applyMoves, changesCountOf, movesOf } from './countDelta';
import { ModelEmitter, type ModelEvent } from './events';
import { FeedSession, type TreeModelStats } from './feedSession';
import { describeFetchFailure, isCancellation, type FetchFailure } from './fetchFailure';
import {
  dimensionsFor,
  groupIdOf,
  knownValuesOf,
  OTHER_GROUP_VALUE,
  parentIdOf,
  ROOT_ID,
  segmentsOf,
  workitemNodeIdOf,
  type GroupDimension,
  type GroupSegment,
} from './groupKeys';
import { groupQuery, workitemInGroupQuery } from './groupQueries';
import { hasMoreItems, newGroupState, renderChildren, type GroupState, type ItemLevelChildren } from './groupState';
import type { GroupCount, ModelChange, ModelLoad, ModelNode } from './modelNodes';
import { RequestLimiter } from './requestLimiter';
import { ShownNodes } from './shownNodes';
import { relistOtherGroup, trackedGroupsOf, type GroupTree, type TrackedTree } from './trackedGroups';

export const DEFAULT_PAGE_SIZE = 100;
/** Newest first: the workitems a person is looking for are usually the recent ones. */
export const ITEM_SORT = 'createdAt desc';
/** How far `locate` pages through a group for a workitem before giving up. */
export const LOCATE_MAX_POSITIONS = 1000;
/** First paint (at most ~10 counts) goes out in one go; larger refreshes queue behind it. */
const DEFAULT_MAX_CONCURRENT_REQUESTS = 12;
/** Every request in flight listens to the model's abort signal: more than Node's default 10. */
const ABORT_LISTENERS = 64;

export interface WorkitemTreeModelOptions {
  api: WorkitemsApi;
  groupBy?: GroupByMode;
  /** Workitems per page (the `tree.pageSize` setting). */
  pageSize?: number;
  /** The user's `q`, ANDed with every group's query. */
  filter?: string;
  maxConcurrentRequests?: number;
}

export type { TreeModelStats } from './feedSession';

export interface FeedStopped {
  readonly reason: string;
}

type FeedOutcome = { readonly page: SearchPage } | { readonly reason: FallbackReason };

export type RootStatus =
  | { readonly kind: 'notLoaded' }
  | { readonly kind: 'failed'; readonly failure: FetchFailure }
  | { readonly kind: 'loaded'; readonly total: number };

export class WorkitemTreeModel {
  private api: WorkitemsApi;
  private groupBy: GroupByMode;
  private pageSize: number;
  private filter: string | undefined;
  private dimensions: readonly GroupDimension[];
  private root: GroupState;
  private readonly groups = new Map<string, GroupState>();
  private readonly shown = new ShownNodes();
  /** Parents the view is waiting for right now; they are recorded when it gets them. */
  private readonly viewWaiting = new Set<string>();
  private readonly busy = new Map<string, string>();
  private readonly latest = new Map<string, Workitem>();
  /** Bumped by every reset; a fetch started in an older generation commits nothing. */
  private generation = 0;
  /** Bumped by every refresh; children fetched in an older cycle are stale. */
  private cycle = 0;
  private abort = newAbortController();
  private refreshing: Promise<void> | undefined;
  private readonly limiter: RequestLimiter;
  private readonly changeEmitter = new ModelEmitter<ModelChange>();
  private readonly loadEmitter = new ModelEmitter<ModelLoad>();
  private readonly feedEmitter = new ModelEmitter<FeedStopped>();
  private readonly feed = new FeedSession((reason) => this.feedEmitter.fire({ reason }));

  /** Rows whose rendering changed; ROOT_ID means the top level. */
  readonly onDidChange: ModelEvent<ModelChange> = this.changeEmitter.event;
  /** A group's (or the root's) children were fetched, successfully or not. */
  readonly onDidLoad: ModelEvent<ModelLoad> = this.loadEmitter.event;
  /** The server refused the change feed: from now on every refresh re-counts what is on screen. */
  readonly onDidStopFeed: ModelEvent<FeedStopped> = this.feedEmitter.event;

  constructor(options: WorkitemTreeModelOptions) {
    this.api = options.api;
    this.groupBy = options.groupBy ?? 'stateChannel';
    this.pageSize = clampPageSize(options.pageSize ?? DEFAULT_PAGE_SIZE);
    this.filter = normaliseFilter(options.filter);
    this.limiter = new RequestLimiter(options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS);
    this.dimensions = dimensionsFor(this.groupBy);
    this.root = newGroupState(ROOT_ID, [], groupQuery(this.filter, []));
  }

  // ---- what the view reads -------------------------------------------------------------------

  /** The rows under a group (ROOT_ID for the top level), fetching them first if needed. */
  async getChildren(parentId: string = ROOT_ID): Promise<ModelNode[]> {
    const group = this.groupOf(parentId);
    if (group === undefined) {
      return [];
    }
    if (parentId !== ROOT_ID) {
      group.expanded = true;
    }
    if (group.children === undefined || this.isStale(group)) {
      this.viewWaiting.add(parentId);
      try {
        await this.ensureFresh(group);
        this.emitChanges();
      } finally {
        this.viewWaiting.delete(parentId);
      }
    }
    if (group !== this.groupOf(parentId)) {
      return []; // reset while fetching: the view has been told to start over
    }
    const nodes = this.render(group);
    this.shown.record(parentId, nodes);
    return nodes;
  }

  /** A row by id, as last rendered (undefined when its parent is not loaded or it is gone). */
  findNode(id: string): ModelNode | undefined {
    const parent = this.groupOf(parentIdOf(id));
    return parent ? this.render(parent).find((node) => node.id === id) : undefined;
  }

  getParentId(id: string): string | undefined {
    return id === ROOT_ID ? undefined : parentIdOf(id);
  }

  /** The newest version of a workitem the model has seen. */
  getWorkitem(workitemId: string): Workitem | undefined {
    return this.latest.get(workitemId);
  }

  /** The `q` a group's rows are fetched with (undefined: everything, or no such group). */
  groupQueryOf(groupId: string): string | undefined {
    return this.groupOf(groupId)?.query;
  }

  getFilter(): string | undefined {
    return this.filter;
  }

  getGroupBy(): GroupByMode {
    return this.groupBy;
  }

  getPageSize(): number {
    return this.pageSize;
  }

  rootStatus(): RootStatus {
    const children = this.root.children;
    if (children === undefined) {
      return { kind: 'notLoaded' };
    }
    if (children.kind === 'error') {
      return { kind: 'failed', failure: children.failure };
    }
    return { kind: 'loaded', total: this.root.count };
  }

  /** The visible top-level groups and their counts (empty when not grouped or not loaded). */
  rootGroupCounts(): GroupCount[] {
    return this.render(this.root).flatMap((node) =>
      node.kind === 'group' ? [{ id: node.id, dimension: node.dimension, value: node.value, count: node.count }] : [],
    );
  }

  // ---- what the view and the commands change -------------------------------------------------

  /** Expansion reported by the view: only expanded groups are refreshed. */
  async setExpanded(groupId: string, expanded: boolean): Promise<void> {
    const group = this.groups.get(groupId);
    if (group === undefined) {
      return;
    }
    group.expanded = expanded;
    if (expanded && group.children !== undefined && this.isStale(group)) {
      await this.ensureFresh(group);
      this.emitChanges();
    }
  }

  /**
   * Brings what is on screen up to date: one page of the change feed applied to the counts and
   * rows held, or (no watermark, a filter, too many changes…) every visible group re-counted.
   */
  refresh(): Promise<void> {
    if (this.refreshing) {
      return this.refreshing;
    }
    const generation = this.generation;
    const run: Promise<void> = (async () => {
      if (this.root.children !== undefined) {
        const root = this.root;
        await this.withFeedLock(() => this.exclusive(root, () => this.refreshCycle(generation)));
      } else {
        this.cycle++;
      }
      if (generation === this.generation) {
        this.emitChanges();
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
    const group = this.groupOf(parentIdOf(nodeId));
    if (group === undefined) {
      return;
    }
    await this.loadNextPage(group);
    this.emitChanges();
  }

  stats(): TreeModelStats {
    return this.feed.stats();
  }

  /** Fetches again whatever failed where an error row stands. */
  async retry(errorNodeId: string): Promise<void> {
    const group = this.groupOf(parentIdOf(errorNodeId));
    if (group === undefined) {
      return;
    }
    if (group.children?.kind === 'items' && group.children.moreFailure) {
      return this.loadMore(errorNodeId);
    }
    await this.reloadChildren(group);
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
    if (next !== this.filter) {
      groupQuery(next, []);
      this.filter = next;
      this.reset();
    }
  }

  setGroupBy(mode: GroupByMode): void {
    if (mode !== this.groupBy) {
      this.groupBy = mode;
      this.reset();
    }
  }

  setPageSize(pageSize: number): void {
    const next = clampPageSize(pageSize);
    if (next !== this.pageSize) {
      this.pageSize = next;
      this.reset();
    }
  }

  /** Swaps the client (sign-in, sign-out, sandbox restart): everything is fetched again. */
  setApi(api: WorkitemsApi): void {
    this.api = api;
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
  async locate(workitemId: string): Promise<string | undefined> {
    const generation = this.generation;
    const workitem = await this.api.fetchWorkitem(workitemId, { signal: this.abort.signal });
    if (generation !== this.generation) {
      return undefined;
    }
    this.latest.set(workitem.workitemId, workitem);
    const leaf = await this.openPath(segmentsOf(workitem, this.dimensions), generation);
    if (leaf === undefined) {
      return undefined;
    }
    const inGroup = await this.count(workitemInGroupQuery(leaf.query, workitemId), this.abort.signal);
    if (inGroup === 0 || generation !== this.generation) {
      return undefined;
    }
    const nodeId = workitemNodeIdOf(leaf.id, workitemId);
    for (;;) {
      const children = leaf.children;
      if (children?.kind !== 'items' || generation !== this.generation) {
        return undefined;
      }
      if (children.items.some((item) => item.workitemId === workitemId)) {
        this.emitChanges();
        return nodeId;
      }
      if (!hasMoreItems(children) || children.moreFailure || children.nextStart >= LOCATE_MAX_POSITIONS) {
        this.emitChanges();
        return undefined;
      }
      await this.loadNextPage(leaf);
    }
  }

  dispose(): void {
    this.generation++;
    this.abort.abort();
    this.changeEmitter.dispose();
    this.loadEmitter.dispose();
    this.feedEmitter.dispose();
  }

  // ---- fetching ------------------------------------------------------------------------------

  private reset(): void {
    this.generation++;
    this.abort.abort();
    this.abort = newAbortController();
    this.groups.clear();
    this.latest.clear();
    this.shown.clear();
    this.refreshing = undefined;
    this.feed.reset();
    this.dimensions = dimensionsFor(this.groupBy);
    this.root = newGroupState(ROOT_ID, [], groupQuery(this.filter, []));
    this.changeEmitter.fire({ nodeIds: [ROOT_ID] });
  }

  private groupOf(id: string): GroupState | undefined {
    return id === ROOT_ID ? this.root : this.groups.get(id);
  }

  private isStale(group: GroupState): boolean {
    return group.childrenCycle < this.cycle;
  }

  private isLeaf(group: GroupState): boolean {
    return group.segments.length >= this.dimensions.length;
  }

  /** Runs fetches of one group one after the other. */
  private exclusive(group: GroupState, task: () => Promise<void>): Promise<void> {
    const run = group.queue.then(task);
    group.queue = run.catch(() => undefined);
    return run;
  }

  private ensureFresh(group: GroupState): Promise<void> {
    return this.withFeedLock(() =>
      this.exclusive(group, async () => {
        if (group.children === undefined || this.isStale(group)) {
          await this.loadSynced(group);
        }
      }),
    );
  }

  private reloadChildren(group: GroupState): Promise<void> {
    return this.withFeedLock(() => this.exclusive(group, () => this.loadSynced(group)));
  }

  /** The next page of a workitem group, after the rows held are brought to the server's present. */
  private loadNextPage(group: GroupState): Promise<void> {
    return this.withFeedLock(() =>
      this.exclusive(group, async () => {
        if (this.feed.keepsCounts(this.filter)) {
          await this.syncWithFeed(undefined);
        }
        await this.fetchNextPage(group);
      }),
    );
  }

  /** A refresh reaches each group once per cycle, even if the view fetched it meanwhile. */
  private refreshGroup(group: GroupState): Promise<void> {
    const cycle = this.cycle;
    return this.exclusive(group, async () => {
      if (group.childrenCycle !== cycle) {
        await this.load(group, true);
      }
    });
  }

  /** Fetches a group's children; a failure becomes an error row in their place. */
  private async load(group: GroupState, refreshExpanded: boolean): Promise<void> {
    const generation = this.generation;
    let ok = true;
    try {
      if (this.isLeaf(group)) {
        await this.loadItems(group, generation);
      } else {
        await this.loadSubgroups(group, refreshExpanded, generation);
      }
    } catch (error) {
      if (generation !== this.generation || isCancellation(error)) {
        return;
      }
      group.children = { kind: 'error', failure: describeFetchFailure(error) };
      ok = false;
    }
    if (generation === this.generation) {
      group.childrenCycle = this.cycle;
      this.loadEmitter.fire({ parentId: group.id, ok });
    }
  }

  /**
   * Counts each sub-group (one request each, in parallel). The "other" sub-group is only counted
   * when the parent's total exceeds the known sub-groups' sum, or when it was listed before.
   * During a refresh, expanded sub-groups are refreshed too; an expanded workitem group takes its
   * count from its own page rather than from a separate count request.
   */
  private async loadSubgroups(group: GroupState, refreshExpanded: boolean, generation: number): Promise<void> {
    const signal = this.abort.signal;
    const dimension = this.dimensions[group.segments.length];
    const known = knownValuesOf(dimension).map((value) => this.slot(group, { dimension, value }));
    const other = this.slot(group, { dimension, value: OTHER_GROUP_VALUE });
    const previous = group.children?.kind === 'groups' ? group.children.slotIds : [];
    const listed = previous.includes(other.id) ? [...known, other] : known;
    // Only groups on screen (count > 0) can be expanded in the view; a hidden one is just counted.
    const isOpen = (slot: GroupState): boolean => slot.expanded && slot.children !== undefined && slot.count > 0;
    const countsItself = (slot: GroupState): boolean => refreshExpanded && isOpen(slot) && this.isLeaf(slot);
    const counted = listed.filter((slot) => !countsItself(slot));

    const isRoot = group.id === ROOT_ID;
    const [total, ...counts] = await Promise.all([
      isRoot ? this.count(group.query, signal) : Promise.resolve(group.count),
      ...counted.map((slot) => this.count(slot.query, signal)),
    ]);
    if (generation !== this.generation) {
      return;
    }
    counted.forEach((slot, index) => (slot.count = counts[index]));
    if (isRoot) {
      group.count = total;
    }
    if (refreshExpanded) {
      const expanded = listed.filter(isOpen);
      await Promise.all(expanded.map((slot) => this.refreshGroup(slot)));
      if (generation !== this.generation) {
        return;
      }
    }
    let slotIds = listed.map((slot) => slot.id);
    const knownSum = known.reduce((sum, slot) => sum + slot.count, 0);
    if (!listed.includes(other) && total > knownSum) {
      const otherCount = await this.count(other.query, signal);
      if (generation !== this.generation) {
        return;
      }
      other.count = otherCount;
      if (otherCount > 0) {
        slotIds = [...slotIds, other.id];
      }
    } else if (listed.includes(other) && other.count === 0) {
      slotIds = slotIds.filter((id) => id !== other.id);
    }
    group.children = { kind: 'groups', slotIds };
  }

  /** The first pages of a workitem group: as many positions as the user had loaded, one request. */
  private async loadItems(group: GroupState, generation: number): Promise<void> {
    const rows = Math.min(Math.max(this.pageSize, group.wantedRows), SEARCH_MAX_ROWS);
    const page = await this.search(group.query, 0, rows, this.abort.signal);
    if (generation !== this.generation) {
      return;
    }
    const children: ItemLevelChildren = {
      kind: 'items',
      items: mergeItems([], page.items),
      issues: mergeIssues([], page.issues),
      nextStart: page.count,
      total: page.total,
      exhausted: page.count === 0,
    };
    this.acceptPage(group, children, page);
  }

  private async fetchNextPage(group: GroupState): Promise<void> {
    const children = group.children;
    if (children?.kind !== 'items' || (!hasMoreItems(children) && !children.moreFailure)) {
      return;
    }
    const generation = this.generation;
    try {
      const page = await this.search(group.query, children.nextStart, this.pageSize, this.abort.signal);
      if (generation !== this.generation) {
        return;
      }
      // The feed keeps the count as of W; a total taken now may already hold the next page's changes.
      const total = this.feed.keepsCounts(this.filter) ? group.count : page.total;
      this.acceptPage(
        group,
        {
          kind: 'items',
          items: mergeItems(children.items, page.items),
          issues: mergeIssues(children.issues, page.issues),
          nextStart: children.nextStart + page.count,
          total,
          exhausted: page.count === 0,
        },
        page,
      );
    } catch (error) {
      if (generation !== this.generation || isCancellation(error)) {
        return;
      }
      // Keep what was loaded: only the next page failed.
      group.children = { ...children, moreFailure: describeFetchFailure(error) };
    }
  }

  private acceptPage(group: GroupState, children: ItemLevelChildren, page: SearchPage): void {
    group.children = children;
    group.count = children.total;
    group.wantedRows = children.nextStart;
    for (const item of page.items) {
      this.latest.set(item.workitemId, item);
    }
  }

  /** Makes sure each group of a path is counted and listed; returns the innermost one. */
  private async openPath(segments: readonly GroupSegment[], generation: number): Promise<GroupState | undefined> {
    let parent = this.root;
    for (let depth = 0; depth < segments.length; depth++) {
      const id = groupIdOf(segments.slice(0, depth + 1));
      await this.ensureFresh(parent);
      if (!this.lists(parent, id)) {
        // The workitem may have moved since the last count: count this level again once.
        await this.reloadChildren(parent);
      }
      const child = this.groups.get(id);
      if (generation !== this.generation || child === undefined || !this.lists(parent, id)) {
        return undefined;
      }
      child.expanded = true;
      parent = child;
    }
    await this.ensureFresh(parent);
    return generation === this.generation ? parent : undefined;
  }

  private lists(parent: GroupState, childId: string): boolean {
    const children = parent.children;
    return children?.kind === 'groups' && children.slotIds.includes(childId) && (this.groups.get(childId)?.count ?? 0) > 0;
  }

  /** The state of a sub-group, created on first use and kept until the next reset. */
  private slot(parent: GroupState, segment: GroupSegment): GroupState {
    const segments = [...parent.segments, segment];
    const id = groupIdOf(segments);
    let state = this.groups.get(id);
    if (state === undefined) {
      state = newGroupState(id, segments, groupQuery(this.filter, segments));
      this.groups.set(id, state);
    }
    return state;
  }

  private count(q: string | undefined, signal: AbortSignal): Promise<number> {
    return this.limiter.run(() => {
      throwIfAborted(signal);
      return this.api.count(q, { signal });
    });
  }

  private search(q: string | undefined, start: number, rows: number, signal: AbortSignal): Promise<SearchPage> {
    return this.limiter.run(() => {
      throwIfAborted(signal);
      return this.api.search({ ...(q === undefined ? {} : { q }), start, rows, sort: ITEM_SORT }, { signal });
    });
  }

  // ---- change feed ---------------------------------------------------------------------------

  private feedUsable(): boolean {
    return this.feed.usable(this.filter);
  }

  /** Feed pages and the fetches they bracket run one at a time (taken before a group's queue). */
  private withFeedLock(task: () => Promise<void>): Promise<void> {
    return this.feedUsable() ? this.feed.exclusive(task) : task();
  }

  private async refreshCycle(generation: number): Promise<void> {
    const root = this.root;
    const watermark = this.feed.watermark;
    const rootCurrent = (root.children?.kind === 'groups' || root.children?.kind === 'items') && !this.isStale(root);
    this.feed.noteCycle();
    if (this.feedUsable() && watermark !== undefined && rootCurrent) {
      const tracked = trackedGroupsOf(this.groupTree(), undefined);
      this.cycle++;
      const outcome = await this.fetchFeed(watermark);
      if (generation !== this.generation) {
        return;
      }
      const reason = 'reason' in outcome ? outcome.reason : await this.applyFeedPage(outcome.page, watermark, tracked);
      if (generation !== this.generation) {
        return;
      }
      if (reason === undefined) {
        for (const group of tracked.opened) {
          group.childrenCycle = this.cycle;
        }
        this.loadEmitter.fire({ parentId: ROOT_ID, ok: true });
        await this.auditOneCount(tracked, generation);
        return;
      }
      this.feed.noteFallback(reason);
    } else {
      if (this.feedUsable() && rootCurrent) {
        this.feed.noteFallback('noWatermark');
      }
      this.cycle++;
    }
    await this.loadWithProbe(true);
  }

  /**
   * The classic load of the root, W probed right behind the counts. A change between the two is
   * counted twice or not at all either way round (the audit heals both); behind, the probe cannot
   * delay first paint on a server that answers one request at a time. The tree is shown as soon as
   * the counts are in; the next fetch under the feed lock waits for W instead.
   */
  private async loadWithProbe(refreshExpanded: boolean): Promise<void> {
    const generation = this.generation;
    this.feed.audit.forget();
    this.feed.watermark = undefined;
    const loading = this.load(this.root, refreshExpanded);
    const probe = this.feedUsable() ? this.probeWatermark() : undefined;
    await loading;
    if (probe !== undefined) {
      // A root that failed to load may have left open groups at an older moment than the probe.
      this.feed.settleFrom(probe, () => generation === this.generation && this.root.children?.kind !== 'error');
    }
  }

  /**
   * Loads a group's children; when the feed keeps the counts, the groups already held are brought
   * up to the same moment by a feed page sent just before the group's own requests.
   */
  private async loadSynced(group: GroupState): Promise<void> {
    const watermark = this.feed.watermark;
    if (!this.feedUsable()) {
      return this.load(group, false);
    }
    if (watermark === undefined) {
      // Without W nothing is kept by the feed: the root is loaded whole, with a fresh W.
      return group === this.root ? this.loadWithProbe(true) : this.load(group, false);
    }
    const generation = this.generation;
    const tracked = trackedGroupsOf(this.groupTree(), group);
    const feed = this.fetchFeed(watermark);
    await this.load(group, false);
    await this.settleSync(await feed, watermark, tracked, generation);
  }

  private async syncWithFeed(excluded: GroupState | undefined): Promise<void> {
    const watermark = this.feed.watermark;
    if (watermark === undefined) {
      return;
    }
    const generation = this.generation;
    const tracked = trackedGroupsOf(this.groupTree(), excluded);
    await this.settleSync(await this.fetchFeed(watermark), watermark, tracked, generation);
  }

  private async settleSync(outcome: FeedOutcome, watermark: Watermark, tracked: TrackedTree, generation: number): Promise<void> {
    if (generation !== this.generation) {
      return;
    }
    const reason = 'reason' in outcome ? outcome.reason : await this.applyFeedPage(outcome.page, watermark, tracked);
    if (reason !== undefined && generation === this.generation) {
      this.feed.noteFallback(reason);
      // The next refresh re-counts everything on screen and takes a fresh W.
      this.feed.watermark = undefined;
    }
  }

  private groupTree(): GroupTree {
    return {
      root: this.root,
      dimensions: this.dimensions,
      slot: (parent, segment) => this.slot(parent, segment),
      isStale: (group) => this.isStale(group),
    };
  }

  private async probeWatermark(): Promise<Watermark | undefined> {
    try {
      const page = await this.limiter.run(() => {
        throwIfAborted(this.abort.signal);
        return this.api.search(PROBE_PARAMS, { signal: this.abort.signal });
      });
      return watermarkFromProbe(page);
    } catch (error) {
      this.feed.stopIfRejected(error);
      return undefined;
    }
  }

  private async fetchFeed(watermark: Watermark): Promise<FeedOutcome> {
    const signal = this.abort.signal;
    try {
      const page = await this.limiter.run(() => {
        throwIfAborted(signal);
        return this.api.search(feedParams(watermark), { signal });
      });
      return { page };
    } catch (error) {
      return { reason: this.feed.stopIfRejected(error) ? 'rejected' : 'failed' };
    }
  }

  /** Applies one feed page to the tracked groups; returns why it could not (nothing changed then). */
  private async applyFeedPage(page: SearchPage, watermark: Watermark, tracked: TrackedTree): Promise<FallbackReason | undefined> {
    if (ignoresFeedQuery(page, watermark)) {
      this.feed.stop('the server ignored the change feed query (its answer holds workitems it did not ask for)');
      return 'rejected';
    }
    const unusable = pageFallbackReason(page);
    if (unusable !== undefined) {
      return unusable;
    }
    const changed = page.items.filter((workitem) => isUnseen(workitem, watermark));
    const moves = movesOf(changed, watermark, this.dimensions);
    if (moves === undefined) {
      return 'unknownOldState';
    }
    const byId = new Map(tracked.counted.map((group) => [group.id, group]));
    const correction = this.feed.audit.settle(
      (groupId) => {
        const group = byId.get(groupId);
        return group === undefined || moves.some((move) => changesCountOf(group, move));
      },
      (groupId) => byId.get(groupId)?.count,
    );
    const refill = new Set<GroupState>();
    if (correction !== undefined) {
      const group = byId.get(correction.groupId);
      if (group !== undefined) {
        group.count = correction.count;
        if (tracked.windows.includes(group)) {
          // Its rows are likely wrong too.
          refill.add(group);
        }
      }
    }
    const windowSize = (group: GroupState): number => Math.max(this.pageSize, group.wantedRows);
    applyMoves(moves, tracked, windowSize);
    for (const group of tracked.windows) {
      // Rows that left shrink a window; once it is down to half, it is filled up again.
      const children = group.children;
      if (children?.kind === 'items' && hasMoreItems(children) && children.items.length < windowSize(group) / 2) {
        refill.add(group);
      }
    }
    for (const group of tracked.opened) {
      relistOtherGroup(this.groupTree(), group);
    }
    for (const move of moves) {
      const id = move.workitem.workitemId;
      if (this.latest.has(id) || tracked.windows.some((group) => holdsWorkitem(group, id))) {
        this.latest.set(id, move.workitem);
      }
    }
    this.feed.watermark = advanceWatermark(watermark, changed);
    this.feed.notePage();
    await Promise.all([...refill].map((group) => this.exclusive(group, () => this.refillWindow(group, windowSize(group)))));
    return undefined;
  }

  /**
   * Fetches a window's rows again and keeps the count the feed holds: a row the page shows that a
   * later feed page moves again is handled by row, so nothing is counted twice.
   */
  private async refillWindow(group: GroupState, rows: number): Promise<void> {
    const generation = this.generation;
    try {
      const page = await this.search(group.query, 0, Math.min(rows, SEARCH_MAX_ROWS), this.abort.signal);
      if (generation !== this.generation) {
        return;
      }
      group.children = {
        kind: 'items',
        items: mergeItems([], page.items),
        issues: mergeIssues([], page.issues),
        nextStart: page.count,
        total: group.count,
        exhausted: page.count === 0,
      };
      for (const item of page.items) {
        this.latest.set(item.workitemId, item);
      }
    } catch (error) {
      if (generation !== this.generation || isCancellation(error)) {
        return;
      }
      group.children = { kind: 'error', failure: describeFetchFailure(error) };
    }
  }

  /** Every third feed cycle, one listed group's count is taken again (see countAudit.ts). */
  private async auditOneCount(tracked: TrackedTree, generation: number): Promise<void> {
    const candidates = tracked.counted
      .filter((group) => group === this.root || this.isListedIn(group))
      .map((group) => group.id);
    const groupId = this.feed.audit.nextToCount(candidates);
    const group = groupId === undefined ? undefined : this.groupOf(groupId);
    if (groupId === undefined || group === undefined) {
      return;
    }
    try {
      const count = await this.count(group.query, this.abort.signal);
      if (generation === this.generation) {
        this.feed.audit.record(groupId, count);
      }
    } catch {
      // A failed audit count only delays the check to the next rotation.
    }
  }

  private isListedIn(group: GroupState): boolean {
    const parent = this.groupOf(parentIdOf(group.id));
    return parent?.children?.kind === 'groups' && parent.children.slotIds.includes(group.id);
  }

  // ---- change reporting ----------------------------------------------------------------------

  private render(group: GroupState): ModelNode[] {
    return renderChildren(
      group,
      (id) => this.groups.get(id),
      (workitemId) => this.busy.get(workitemId),
    );
  }

  /** A group is on screen only if every group above it lists it. */
  private isListed(group: GroupState): boolean {
    if (group.id === ROOT_ID) {
      return true;
    }
    const parent = this.groupOf(parentIdOf(group.id));
    return parent !== undefined && this.isListed(parent) && this.lists(parent, group.id);
  }

  private emitChanges(): void {
    const nodeIds = this.shown.collectChanges((parentId) => {
      const group = this.groupOf(parentId);
      return group !== undefined && this.isListed(group) ? this.render(group) : undefined;
    }, this.viewWaiting);
    if (nodeIds.length > 0) {
      this.changeEmitter.fire({ nodeIds });
    }
  }
}

function holdsWorkitem(group: GroupState, workitemId: string): boolean {
  return group.children?.kind === 'items' && group.children.items.some((item) => item.workitemId === workitemId);
}

function newAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(ABORT_LISTENERS, controller.signal);
  return controller;
}

function normaliseFilter(filter: string | undefined): string | undefined {
  const trimmed = filter?.trim();
  return trimmed ? trimmed : undefined;
}

function clampPageSize(pageSize: number): number {
  return Math.min(Math.max(Math.floor(pageSize), 1), SEARCH_MAX_ROWS);
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) {
    throw new NcxError('cancelled', 'The tree was reset before the request was sent');
  }
}

/** Appends a page; a workitem seen again (the list shifted under us) keeps its place, newest data. */
function mergeItems(existing: readonly Workitem[], incoming: readonly Workitem[]): Workitem[] {
  const merged = [...existing];
  const index = new Map(merged.map((item, position) => [item.workitemId, position]));
  for (const item of incoming) {
    const position = index.get(item.workitemId);
    if (position === undefined) {
      index.set(item.workitemId, merged.length);
      merged.push(item);
    } else {
      merged[position] = item;
    }
  }
  return merged;
}

function mergeIssues(existing: readonly ValidationIssue[], incoming: readonly ValidationIssue[]): ValidationIssue[] {
  const key = (issue: ValidationIssue): string => `${issue.workitemId}\u0000${issue.path}`;
  const seen = new Set(existing.map(key));
  return [...existing, ...incoming.filter((issue) => !seen.has(key(issue)) && seen.add(key(issue)))];
}
