// The classic way the tree gets its rows: a group's sub-groups counted one request each, a
// workitem group's rows fetched a page at a time. Refreshes without the change feed, and every
// group the feed does not keep, come through here. A failure becomes an error row in place of
// the rows it was fetching; a fetch from before a reset commits nothing.
import { SEARCH_MAX_ROWS } from '../api/paths';
import type { SearchPage } from '../api/workitemsApi';
import { describeFetchFailure, isCancellation } from './fetchFailure';
import { knownValuesOf, OTHER_GROUP_VALUE, ROOT_ID } from './groupKeys';
import { hasMoreItems, inGroupQueue, type GroupState, type ItemLevelChildren } from './groupState';
import { firstItemsPage, mergeIssues, mergeItems } from './itemPages';
import type { ModelLoad } from './modelNodes';
import type { TreeData } from './treeData';

export interface GroupLoaderHooks {
  /** Whether the change feed keeps the counts, so a page's own total is older news. */
  countsKeptByFeed(): boolean;
  /** A group's (or the root's) children were fetched, successfully or not. */
  loaded(load: ModelLoad): void;
}

export class GroupLoader {
  constructor(
    private readonly data: TreeData,
    private readonly hooks: GroupLoaderHooks,
  ) {}

  /**
   * Fetches a group's children; a failure becomes an error row in their place. With
   * `refreshExpanded`, the open groups beneath are fetched again too (a refresh cycle).
   * `rootTotal`: the root's total from an answer already under way (the change feed's probe
   * searches everything), so it costs no count of its own; undefined when that answer failed.
   */
  async load(group: GroupState, refreshExpanded: boolean, countKept = false, rootTotal?: Promise<number | undefined>): Promise<void> {
    const data = this.data;
    const generation = data.generation;
    let ok = true;
    try {
      if (data.isLeaf(group)) {
        await this.loadItems(group, generation, countKept);
      } else {
        await this.loadSubgroups(group, refreshExpanded, generation, rootTotal);
      }
    } catch (error) {
      if (generation !== data.generation || isCancellation(error)) {
        return;
      }
      const failure = describeFetchFailure(error);
      const held = group.children !== undefined && group.children.kind !== 'error';
      if (failure.reason === 'unreachable' && held) {
        // A lost link: the rows last loaded stay, marked stale by the model (see offlineSince).
        data.noteOffline();
      } else {
        group.children = { kind: 'error', failure };
      }
      ok = false;
    }
    if (generation === data.generation) {
      group.childrenCycle = data.cycle;
      this.hooks.loaded({ parentId: group.id, ok });
    }
  }

  /** The next page of a workitem group, appended to the rows it holds. */
  async fetchNextPage(group: GroupState): Promise<void> {
    const data = this.data;
    const children = group.children;
    if (children?.kind !== 'items' || (!hasMoreItems(children) && !children.moreFailure)) {
      return;
    }
    const generation = data.generation;
    try {
      const page = await data.search(group.query, children.nextStart, data.pageSize, data.abort.signal);
      if (generation !== data.generation) {
        return;
      }
      // The feed keeps the count as of W; a total taken now may already hold the next page's changes.
      const total = this.hooks.countsKeptByFeed() ? group.count : page.total;
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
      if (generation !== data.generation || isCancellation(error)) {
        return;
      }
      // Keep what was loaded: only the next page failed.
      group.children = { ...children, moreFailure: describeFetchFailure(error) };
    }
  }

  /** A refresh reaches each group once per cycle, even if the view fetched it meanwhile. */
  private refreshGroup(group: GroupState): Promise<void> {
    const cycle = this.data.cycle;
    return inGroupQueue(group, async () => {
      if (group.childrenCycle !== cycle) {
        await this.load(group, true);
      }
    });
  }

  /**
   * Counts each sub-group (one request each, in parallel). The "other" sub-group is only counted
   * when the parent's total exceeds the known sub-groups' sum, or when it was listed before.
   * During a refresh, expanded sub-groups are refreshed too; an expanded workitem group takes its
   * count from its own page rather than from a separate count request.
   */
  private async loadSubgroups(
    group: GroupState,
    refreshExpanded: boolean,
    generation: number,
    rootTotal: Promise<number | undefined> | undefined,
  ): Promise<void> {
    const data = this.data;
    const signal = data.abort.signal;
    const dimension = data.dimensions[group.segments.length];
    const known = knownValuesOf(dimension).map((value) => data.slot(group, { dimension, value }));
    const other = data.slot(group, { dimension, value: OTHER_GROUP_VALUE });
    const previous = group.children?.kind === 'groups' ? group.children.slotIds : [];
    const listed = previous.includes(other.id) ? [...known, other] : known;
    // Only groups on screen (count > 0) can be expanded in the view; a hidden one is just counted.
    const isOpen = (slot: GroupState): boolean => slot.expanded && slot.children !== undefined && slot.count > 0;
    const countsItself = (slot: GroupState): boolean => refreshExpanded && isOpen(slot) && data.isLeaf(slot);
    const counted = listed.filter((slot) => !countsItself(slot));

    const isRoot = group.id === ROOT_ID;
    const countRoot = async (): Promise<number> => (await rootTotal) ?? data.count(group.query, signal);
    // One wave: the sub-groups' counts and the root's total side by side.
    const [total, ...counts] = await Promise.all([
      isRoot ? countRoot() : Promise.resolve(group.count),
      ...counted.map((slot) => data.count(slot.query, signal)),
    ]);
    if (generation !== data.generation) {
      return;
    }
    counted.forEach((slot, index) => (slot.count = counts[index]));
    if (isRoot) {
      group.count = total;
    }
    if (refreshExpanded) {
      const expanded = listed.filter(isOpen);
      await Promise.all(expanded.map((slot) => this.refreshGroup(slot)));
      if (generation !== data.generation) {
        return;
      }
    }
    let slotIds = listed.map((slot) => slot.id);
    const knownSum = known.reduce((sum, slot) => sum + slot.count, 0);
    if (!listed.includes(other) && total > knownSum) {
      const otherCount = await data.count(other.query, signal);
      if (generation !== data.generation) {
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

  /**
   * The first pages of a workitem group: as many positions as the user had loaded, one request.
   * `countKept`: the change feed keeps the group's count, which the page's total must not replace.
   */
  private async loadItems(group: GroupState, generation: number, countKept: boolean): Promise<void> {
    const data = this.data;
    const rows = Math.min(Math.max(data.pageSize, group.wantedRows), SEARCH_MAX_ROWS);
    const page = await data.search(group.query, 0, rows, data.abort.signal);
    if (generation !== data.generation) {
      return;
    }
    this.acceptPage(group, firstItemsPage(page, countKept ? group.count : page.total), page);
  }

  private acceptPage(group: GroupState, children: ItemLevelChildren, page: SearchPage): void {
    group.children = children;
    group.count = children.total;
    group.wantedRows = children.nextStart;
    for (const item of page.items) {
      this.data.latest.set(item.workitemId, item);
    }
  }
}
