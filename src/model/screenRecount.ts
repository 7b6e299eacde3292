// The manual Refresh's ground truth: every count and every window of rows on screen taken again
// from the server in ONE batch of parallel requests (the classic load goes level by level: the
// root's counts, then the expanded groups' counts, then their rows). A workitem group's count
// comes from its rows page's total; a parent's sub-groups are all counted, "other" included, so
// each parent's listing and the sum of its children come from the same batch.
import { SEARCH_MAX_ROWS } from '../api/paths';
import type { SearchPage } from '../api/workitemsApi';
import type { GroupState } from './groupState';
import { firstItemsPage } from './itemPages';
import { relistOtherGroup, type TrackedTree } from './changeFeed/trackedGroups';
import type { TreeData } from './treeData';

/** Recounts `tracked` (groups on screen); false when the tree was reset meanwhile. Rejects when a request fails. */
export async function recountOnScreen(data: TreeData, tracked: TrackedTree): Promise<boolean> {
  const generation = data.generation;
  const signal = data.abort.signal;
  const windows = tracked.windows;
  const counted = tracked.counted.filter((group) => !windows.includes(group));
  const rowsOf = (group: GroupState): number => Math.min(Math.max(data.pageSize, group.wantedRows), SEARCH_MAX_ROWS);
  const [counts, pages] = await Promise.all([
    Promise.all(counted.map((group) => data.count(group.query, signal))),
    Promise.all(windows.map((group): Promise<SearchPage> => data.search(group.query, 0, rowsOf(group), signal))),
  ]);
  if (generation !== data.generation) {
    return false;
  }
  counted.forEach((group, index) => {
    group.count = counts[index] ?? group.count;
  });
  windows.forEach((group, index) => {
    const page = pages[index];
    if (page === undefined) {
      return;
    }
    const children = firstItemsPage(page, page.total);
    group.children = children;
    group.count = children.total;
    group.wantedRows = children.nextStart;
    for (const item of page.items) {
      data.latest.set(item.workitemId, item);
    }
  });
  for (const group of tracked.opened) {
    relistOtherGroup(data.groupTree(), group);
    group.childrenCycle = data.cycle;
  }
  return true;
}
