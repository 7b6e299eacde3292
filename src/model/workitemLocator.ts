// Finds a workitem's row for "reveal": fetches the workitem to learn its groups, makes sure each
// group of its path is counted and listed, and pages through its group until the row is loaded.
// Every fetch goes through the same synced fetches the view uses, so the tree stays consistent.
import { groupIdOf, segmentsOf, workitemNodeIdOf, type GroupSegment } from './groupKeys';
import { workitemInGroupQuery } from './groupQueries';
import { hasMoreItems, type GroupState } from './groupState';
import type { TreeData } from './treeData';

/** How far `locate` pages through a group for a workitem before giving up. */
export const LOCATE_MAX_POSITIONS = 1000;

/** The fetches `locate` needs (FeedRefresher's). */
export interface SyncedFetches {
  ensureFresh(group: GroupState): Promise<void>;
  reloadChildren(group: GroupState): Promise<void>;
  loadNextPage(group: GroupState): Promise<void>;
}

export class WorkitemLocator {
  constructor(
    private readonly data: TreeData,
    private readonly fetches: SyncedFetches,
    private readonly emitChanges: () => void,
  ) {}

  /**
   * Loads what is needed to show a workitem: its groups and enough pages of its group. Returns the
   * id of its row, or undefined when the tree does not list it (the filter excludes it, or it is
   * further down than LOCATE_MAX_POSITIONS). Rejects with the client's error when the fetch fails.
   */
  async locate(workitemId: string): Promise<string | undefined> {
    const data = this.data;
    const generation = data.generation;
    const workitem = await data.api.fetchWorkitem(workitemId, { signal: data.abort.signal });
    if (generation !== data.generation) {
      return undefined;
    }
    data.latest.set(workitem.workitemId, workitem);
    const leaf = await this.openPath(segmentsOf(workitem, data.dimensions), generation);
    if (leaf === undefined) {
      return undefined;
    }
    const inGroup = await data.count(workitemInGroupQuery(leaf.query, workitemId), data.abort.signal);
    if (inGroup === 0 || generation !== data.generation) {
      return undefined;
    }
    const nodeId = workitemNodeIdOf(leaf.id, workitemId);
    for (;;) {
      const children = leaf.children;
      if (children?.kind !== 'items' || generation !== data.generation) {
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
      await this.fetches.loadNextPage(leaf);
    }
  }

  /** Makes sure each group of a path is counted and listed; returns the innermost one. */
  private async openPath(segments: readonly GroupSegment[], generation: number): Promise<GroupState | undefined> {
    const data = this.data;
    let parent = data.root;
    for (let depth = 0; depth < segments.length; depth++) {
      const id = groupIdOf(segments.slice(0, depth + 1));
      await this.fetches.ensureFresh(parent);
      if (!data.lists(parent, id)) {
        // The workitem may have moved since the last count: count this level again once.
        await this.fetches.reloadChildren(parent);
      }
      const child = data.groups.get(id);
      if (generation !== data.generation || child === undefined || !data.lists(parent, id)) {
        return undefined;
      }
      child.expanded = true;
      parent = child;
    }
    await this.fetches.ensureFresh(parent);
    return generation === data.generation ? parent : undefined;
  }
}
