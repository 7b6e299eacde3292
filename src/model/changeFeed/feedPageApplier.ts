// Applies one page of the change feed to what the tree holds: each change moves a workitem from
// where it was at W to where it is now (countDelta.ts), a pending audit count is settled against
// the page, the "other" groups are listed or hidden as a re-count would, and windows that lost too
// many rows (or whose count the audit corrected) are fetched again, one a page. A page that cannot be applied
// change by change changes nothing and says why, so the caller can re-count instead.
import { SEARCH_MAX_ROWS } from '../../api/paths';
import type { SearchPage } from '../../api/workitemsApi';
import { advanceWatermark, ignoresFeedQuery, isUnseen, pageFallbackReason, sawAt, type FallbackReason, type Watermark } from './changeFeed';
import { applyMoves, holdsPath, movesOf, type Move } from './countDelta';
import type { Workitem } from '../../api/schemas';
import type { AheadChange, FeedSession } from './feedSession';
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
      // The audit reads the counts as they stood at W: without the changes applied ahead of it.
      return { modelCount: group.count - aheadDelta(group, session.ahead.values()), changes };
    });
    const refill = new Set<GroupState>();
    if (correction !== undefined) {
      const group = byId.get(correction.groupId);
      if (group !== undefined) {
        group.count = correction.count + aheadDelta(group, session.ahead.values());
        if (tracked.windows.includes(group)) {
          // Its rows are likely wrong too.
          refill.add(group);
        }
      }
    }
    const windowSize = (group: GroupState): number => Math.max(data.pageSize, group.wantedRows);
    // A change the counts already hold (applied ahead) moves from where they hold it now.
    const placed = moves.map((move) => {
      const ahead = session.ahead.get(move.workitem.workitemId);
      if (ahead === undefined) return move;
      session.ahead.delete(move.workitem.workitemId);
      return { ...move, from: ahead.now };
    });
    applyMoves(placed, tracked, windowSize, this.data.sortBy);
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
    this.keepLatest(moves, tracked);
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
   * Applies one change before the feed brings it (an action's answer, the workitem as it is now):
   * moved from where the counts hold it to where it is, and remembered, so the feed page that
   * brings it moves it no further and an audit still reads the counts as they stood at W. False
   * when its place at W cannot be read from its timeline.
   */
  applyAhead(workitem: Workitem, watermark: Watermark, tracked: TrackedTree): boolean {
    const modifiedAt = workitem.modifiedAt;
    if (modifiedAt === undefined) return false;
    const earlier = this.session.ahead.get(workitem.workitemId);
    // An answer older than one already applied (two actions answered out of order) changes nothing.
    if (earlier !== undefined && earlier.modifiedAt >= modifiedAt) return true;
    const [move] = movesOf([workitem], watermark, this.data.dimensions) ?? [];
    if (move === undefined) return false;
    const windowSize = (group: GroupState): number => Math.max(this.data.pageSize, group.wantedRows);
    applyMoves([{ ...move, from: earlier?.now ?? move.from }], tracked, windowSize, this.data.sortBy);
    for (const group of tracked.opened) {
      relistOtherGroup(this.data.groupTree(), group);
    }
    this.keepLatest([move], tracked);
    this.session.ahead.set(workitem.workitemId, { modifiedAt, atW: earlier?.atW ?? move.from, now: move.to });
    return true;
  }

  /** The newest version of each moved workitem the tree lists (its rows and tooltips read it). */
  private keepLatest(moves: readonly Move[], tracked: TrackedTree): void {
    for (const move of moves) {
      const id = move.workitem.workitemId;
      if (this.data.latest.has(id) || tracked.windows.some((group) => holdsWorkitem(group, id))) {
        this.data.latest.set(id, move.workitem);
      }
    }
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

/** How far the changes applied ahead of W moved a group's count. */
export function aheadDelta(group: GroupState, ahead: Iterable<AheadChange>): number {
  let delta = 0;
  for (const change of ahead) delta += Number(holdsPath(group, change.now)) - Number(holdsPath(group, change.atW));
  return delta;
}

/** How full a window is: rows held over rows it shows after a refresh. */
function fillRatio(group: GroupState, rows: number): number {
  return group.children?.kind === 'items' ? group.children.items.length / rows : 1;
}

function holdsWorkitem(group: GroupState, workitemId: string): boolean {
  return group.children?.kind === 'items' && group.children.items.some((item) => item.workitemId === workitemId);
}
