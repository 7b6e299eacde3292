// Applies one page of the change feed to what the tree holds: each change moves a workitem from
// where it was at W to where it is now (countDelta.ts), a pending audit count is settled against
// the page, the "other" groups are listed or hidden as a re-count would, and windows that lost too
// many rows (or whose count the audit corrected) are fetched again, one a page. A page that cannot be applied
// change by change changes nothing and says why, so the caller can re-count instead.
import { SEARCH_MAX_ROWS } from '../../api/paths';
import type { SearchPage } from '../../api/workitemsApi';
import { advanceWatermark, ignoresFeedQuery, isUnseen, pageFallbackReason, sawAt, type FallbackReason, type Watermark } from './changeFeed';
import { applyMoves, holdsPath, movesOf } from './countDelta';
import type { FeedSession } from './feedSession';
import { describeFetchFailure, isCancellation } from '../fetchFailure';
import { hasMoreItems, inGroupQueue, type GroupState } from '../groupState';
import { firstItemsPage } from '../itemPages';
import { leftWatermarkAt } from './stateAtTime';
import { relistOtherGroup, type TrackedTree } from './trackedGroups';
import type { TreeData } from '../treeData';

export class FeedPageApplier {
  constructor(
    private readonly data: TreeData,
    private readonly session: FeedSession,
  ) {}

  /** Applies one feed page to the tracked groups; returns why it could not (nothing changed then). */
  async apply(page: SearchPage, watermark: Watermark, tracked: TrackedTree): Promise<FallbackReason | undefined> {
    const data = this.data;
    const session = this.session;
    if (ignoresFeedQuery(page, watermark)) {
      session.stop('the server ignored the change feed query (its answer holds workitems it did not ask for)');
      return 'rejected';
    }
    const unusable = pageFallbackReason(page);
    if (unusable !== undefined) {
      return unusable;
    }
    const changed = page.items.filter((workitem) => isUnseen(workitem, watermark));
    const moves = movesOf(changed, watermark, data.dimensions);
    if (moves === undefined) {
      return 'unknownOldState';
    }
    const byId = new Map(tracked.counted.map((group) => [group.id, group]));
    const correction = session.audit.settle(watermark, (groupId) => {
      const group = byId.get(groupId);
      if (group === undefined) {
        return undefined;
      }
      const changes = moves.map((move) => ({
        workitemId: move.workitem.workitemId,
        inGroupAtW: holdsPath(group, move.from),
        inGroupAfterW: holdsPath(group, move.lastAtW),
        changedAtW: !sawAt(watermark, move.workitem.workitemId),
        leftW: leftWatermarkAt(move.workitem, watermark),
      }));
      return { modelCount: group.count, changes };
    });
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
    const windowSize = (group: GroupState): number => Math.max(data.pageSize, group.wantedRows);
    applyMoves(moves, tracked, windowSize, this.data.sortBy);
    for (const group of tracked.windows) {
      // Rows that left shrink a window; once it is down to half, it is filled up again.
      const children = group.children;
      if (children?.kind === 'items' && hasMoreItems(children) && children.items.length < windowSize(group) / 2) {
        refill.add(group);
      }
    }
    for (const group of tracked.opened) {
      relistOtherGroup(data.groupTree(), group);
    }
    for (const move of moves) {
      const id = move.workitem.workitemId;
      if (data.latest.has(id) || tracked.windows.some((group) => holdsWorkitem(group, id))) {
        data.latest.set(id, move.workitem);
      }
    }
    session.watermark = advanceWatermark(watermark, changed);
    session.notePage(changed.length);
    // One refill a page keeps a cycle's requests bounded; a window left short is still right (the
    // feed keeps its rows and count, "Load more" stays) and is filled up by a later page.
    const [next] = [...refill].sort((a, b) => fillRatio(a, windowSize(a)) - fillRatio(b, windowSize(b)));
    const first = correction === undefined ? next : (byId.get(correction.groupId) ?? next);
    const chosen = first !== undefined && refill.has(first) ? first : next;
    if (chosen !== undefined) {
      await inGroupQueue(chosen, () => this.refillWindow(chosen, windowSize(chosen)));
    }
    return undefined;
  }

  /**
   * Fetches a window's rows again and keeps the count the feed holds: a row the page shows that a
   * later feed page moves again is handled by row, so nothing is counted twice.
   */
  private async refillWindow(group: GroupState, rows: number): Promise<void> {
    const data = this.data;
    const generation = data.generation;
    try {
      const page = await data.search(group.query, 0, Math.min(rows, SEARCH_MAX_ROWS), data.abort.signal);
      if (generation !== data.generation) {
        return;
      }
      // A page that holds the whole group (by the server's own total) leaves nothing to refill:
      // when the feed's count says more, that count is what is off, and the audit corrects it.
      const children = firstItemsPage(page, group.count);
      group.children = page.count >= page.total ? { ...children, exhausted: true } : children;
      for (const item of page.items) {
        data.latest.set(item.workitemId, item);
      }
    } catch (error) {
      if (generation !== data.generation || isCancellation(error)) {
        return;
      }
      group.children = { kind: 'error', failure: describeFetchFailure(error) };
    }
  }
}

/** How full a window is: rows held over rows it shows after a refresh. */
function fillRatio(group: GroupState, rows: number): number {
  return group.children?.kind === 'items' ? group.children.items.length / rows : 1;
}

function holdsWorkitem(group: GroupState, workitemId: string): boolean {
  return group.children?.kind === 'items' && group.children.items.some((item) => item.workitemId === workitemId);
}
