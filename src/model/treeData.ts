// What every part of the tree model reads and writes: the client, the settings that shape the
// tree, the groups fetched so far, the newest version of each workitem seen, and the counters
// that tell a fetch whether what it brings back still belongs (generation) and is still current
// (cycle). The façade, the classic loader and the change feed share one instance, so a reset
// seen by one is seen by all.
import { setMaxListeners } from 'events';
import { NcxError } from '../api/errors';
import { SEARCH_MAX_ROWS } from '../api/paths';
import type { Workitem } from '../api/schemas';
import type { SearchPage, SearchParams, WorkitemsApi } from '../api/workitemsApi';
import type { GroupByMode, TreeSort } from '../config/settings';
import { dimensionsFor, groupIdOf, parentIdOf, ROOT_ID, type GroupDimension, type GroupSegment } from './groupKeys';
import { groupQuery } from './groupQueries';
import { newGroupState, type GroupState } from './groupState';
import { RequestLimiter } from './requestLimiter';
import type { GroupTree } from './changeFeed/trackedGroups';

/** Newest first: the workitems a person is looking for are usually the recent ones. */
export const ITEM_SORT = 'createdAt desc';

/** The server's sort for a row order (`longestWaiting`: the oldest, so longest in the system, first). */
export function itemSortOf(order: TreeSort): string {
  return order === 'newest' ? ITEM_SORT : 'createdAt asc';
}

/** Whether `a` comes before `b` in that order (equal times: neither, the server's order stands). */
export function sortsBefore(a: Workitem, b: Workitem, order: TreeSort): boolean {
  return order === 'newest' ? a.createdAt > b.createdAt : a.createdAt < b.createdAt;
}
/** Every request in flight listens to the model's abort signal: more than Node's default 10. */
const ABORT_LISTENERS = 64;

export interface TreeDataSettings {
  readonly api: WorkitemsApi;
  readonly groupBy: GroupByMode;
  readonly pageSize: number;
  readonly filter: string | undefined;
  readonly maxConcurrentRequests: number;
  readonly sortBy?: TreeSort;
}

export class TreeData {
  api: WorkitemsApi;
  groupBy: GroupByMode;
  /** Row order within a group. */
  sortBy: TreeSort;
  pageSize: number;
  filter: string | undefined;
  dimensions: readonly GroupDimension[];
  root: GroupState;
  readonly groups = new Map<string, GroupState>();
  readonly latest = new Map<string, Workitem>();
  /** Bumped by every reset; a fetch started in an older generation commits nothing. */
  generation = 0;
  /** Bumped by every refresh; children fetched in an older cycle are stale. */
  cycle = 0;
  /**
   * Since when the server could not be reached (ms since epoch): the tree shows what it last
   * loaded, marked as such, rather than error rows. Cleared by the next fetch that succeeds.
   */
  offlineSince: number | undefined;
  /** The clock of `offlineSince`. */
  now: () => number = Date.now;
  abort = newAbortController();
  private readonly limiter: RequestLimiter;

  constructor(settings: TreeDataSettings) {
    this.api = settings.api;
    this.groupBy = settings.groupBy;
    this.sortBy = settings.sortBy ?? 'newest';
    this.pageSize = clampPageSize(settings.pageSize);
    this.filter = normaliseFilter(settings.filter);
    this.limiter = new RequestLimiter(settings.maxConcurrentRequests);
    this.dimensions = dimensionsFor(this.groupBy);
    this.root = newGroupState(ROOT_ID, [], groupQuery(this.filter, []));
    this.offlineSince = undefined;
  }

  /** Set by a fetch that could not reach the server during the refresh cycle under way. */
  offlineThisCycle = false;

  /** The server could not be reached: from now on (unless already), the tree is offline. */
  noteOffline(): void {
    this.offlineSince ??= this.now();
    this.offlineThisCycle = true;
  }

  /** Forgets every group and workitem and cancels what is in flight; the tree starts over. */
  reset(): void {
    this.generation++;
    this.abort.abort();
    this.abort = newAbortController();
    this.groups.clear();
    this.latest.clear();
    this.dimensions = dimensionsFor(this.groupBy);
    this.root = newGroupState(ROOT_ID, [], groupQuery(this.filter, []));
  }

  /**
   * After a feed page moved W on, the children it did not keep (those of collapsed groups) no
   * longer stand at W: they must be fetched again when shown, even within the same refresh cycle,
   * or the changes the page carried past them would be lost for good.
   */
  markStaleExcept(current: readonly GroupState[]): void {
    const keep = new Set(current);
    for (const group of [this.root, ...this.groups.values()]) {
      if (group.children !== undefined && !keep.has(group)) {
        group.childrenCycle = -1;
      }
    }
  }

  /**
   * Forgets the workitems no loaded window lists any more. Rows are what a person can act on, so
   * only theirs need the newest version; without this, a tree refreshed for hours would keep every
   * workitem that ever passed through an open group.
   */
  forgetUnlisted(): void {
    const listed = new Set<string>();
    for (const group of [this.root, ...this.groups.values()]) {
      if (group.children?.kind === 'items') {
        for (const item of group.children.items) {
          listed.add(item.workitemId);
        }
      }
    }
    for (const workitemId of this.latest.keys()) {
      if (!listed.has(workitemId)) {
        this.latest.delete(workitemId);
      }
    }
  }

  /** Nothing in flight commits anything any more. */
  dispose(): void {
    this.generation++;
    this.abort.abort();
  }

  groupOf(id: string): GroupState | undefined {
    return id === ROOT_ID ? this.root : this.groups.get(id);
  }

  /** The state of a sub-group, created on first use and kept until the next reset. */
  slot(parent: GroupState, segment: GroupSegment): GroupState {
    const segments = [...parent.segments, segment];
    const id = groupIdOf(segments);
    let state = this.groups.get(id);
    if (state === undefined) {
      state = newGroupState(id, segments, groupQuery(this.filter, segments));
      this.groups.set(id, state);
    }
    return state;
  }

  isStale(group: GroupState): boolean {
    return group.childrenCycle < this.cycle;
  }

  isLeaf(group: GroupState): boolean {
    return group.segments.length >= this.dimensions.length;
  }

  /** Whether `parent` shows the sub-group `childId` as a row (listed, and holding workitems). */
  lists(parent: GroupState, childId: string): boolean {
    const children = parent.children;
    return children?.kind === 'groups' && children.slotIds.includes(childId) && (this.groups.get(childId)?.count ?? 0) > 0;
  }

  /** A group is on screen only if every group above it lists it. */
  isListed(group: GroupState): boolean {
    if (group.id === ROOT_ID) {
      return true;
    }
    const parent = this.groupOf(parentIdOf(group.id));
    return parent !== undefined && this.isListed(parent) && this.lists(parent, group.id);
  }

  /** The groups as the change feed's bookkeeping (trackedGroups.ts) walks them. */
  groupTree(): GroupTree {
    return {
      root: this.root,
      dimensions: this.dimensions,
      slot: (parent, segment) => this.slot(parent, segment),
      isStale: (group) => this.isStale(group),
    };
  }

  count(q: string | undefined, signal: AbortSignal): Promise<number> {
    return this.limiter.run(() => {
      throwIfAborted(signal);
      return this.api.count(q, { signal });
    });
  }

  /** A page of a group's workitems, in the tree's row order. */
  search(q: string | undefined, start: number, rows: number, signal: AbortSignal): Promise<SearchPage> {
    return this.limiter.run(() => {
      throwIfAborted(signal);
      return this.api.search({ ...(q === undefined ? {} : { q }), start, rows, sort: itemSortOf(this.sortBy) }, { signal });
    });
  }

  /** A search with parameters of its own (the change feed's probe and pages). */
  searchWith(params: SearchParams, signal: AbortSignal): Promise<SearchPage> {
    return this.limiter.run(() => {
      throwIfAborted(signal);
      return this.api.search(params, { signal });
    });
  }
}

export function normaliseFilter(filter: string | undefined): string | undefined {
  const trimmed = filter?.trim();
  return trimmed ? trimmed : undefined;
}

export function clampPageSize(pageSize: number): number {
  return Math.min(Math.max(Math.floor(pageSize), 1), SEARCH_MAX_ROWS);
}

function newAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(ABORT_LISTENERS, controller.signal);
  return controller;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) {
    throw new NcxError('cancelled', 'The tree was reset before the request was sent');
  }
}
