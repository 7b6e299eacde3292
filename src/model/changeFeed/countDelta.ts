// Applies the moves of a change-feed page to what the model holds: −1 along the path a workitem
// left and +1 along the path it entered, for every group whose count is current; and, in every
// open workitem group, its row removed, replaced or inserted at its sorted place (newest first),
// with `nextStart` and `total` kept so that "Load more" still asks for the right page.
import type { TreeSort } from '../../config/settings';
import { sortsBefore } from '../treeData';
import type { Workitem } from '../../api/schemas';
import { sawAt, type Watermark } from './changeFeed';
import { segmentsOf, type GroupDimension, type GroupSegment } from '../groupKeys';
import { hasMoreItems, type GroupState, type ItemLevelChildren } from '../groupState';
import { stateAtWatermark } from './stateAtTime';

export interface Move {
  readonly workitem: Workitem;
  /** Where it was listed at W; undefined when it was not listed yet. */
  readonly from: readonly GroupSegment[] | undefined;
  readonly to: readonly GroupSegment[];
  /**
   * Where a count of the workitems unchanged since W saw it, if taken before it changed: its
   * place after every event up to W, those at W the counts did not hold included.
   */
  readonly lastAtW: readonly GroupSegment[] | undefined;
}

export interface TrackedGroups {
  /** Groups whose count the feed keeps current (the root included). */
  readonly counted: readonly GroupState[];
  /** Open workitem groups whose loaded rows the feed keeps current (their count too when in `counted`). */
  readonly windows: readonly GroupState[];
}

/** Whether a workitem at `path` belongs to the group (the root holds every path). */
export function holdsPath(group: GroupState, path: readonly GroupSegment[] | undefined): boolean {
  return path !== undefined && group.segments.every((segment, depth) => path[depth]?.value === segment.value);
}

/**
 * Applies the moves in order. `windowSize(group)` is how many rows a group shows after a refresh
 * (what the user had loaded), so arrivals do not make a window grow without end.
 */
export function applyMoves(moves: readonly Move[], tracked: TrackedGroups, windowSize: (group: GroupState) => number, order: TreeSort = 'newest'): void {
  const counted = new Set(tracked.counted);
  const windows = new Set(tracked.windows);
  const touched = [...new Set([...tracked.counted, ...tracked.windows])];
  for (const move of moves) {
    for (const group of touched) {
      const inGroup = holdsPath(group, move.to);
      const delta = counted.has(group) ? Number(inGroup) - Number(holdsPath(group, move.from)) : 0;
      const children = group.children;
      if (windows.has(group) && children?.kind === 'items') {
        group.children = moveInWindow(children, move.workitem, inGroup, delta, order);
      }
      group.count += delta;
    }
  }
  for (const group of tracked.windows) {
    if (group.children?.kind === 'items') {
      // A window whose count was just taken afresh shows that count.
      group.children = { ...trimmed(group.children, windowSize(group)), total: group.count };
    }
  }
}

function moveInWindow(children: ItemLevelChildren, workitem: Workitem, inGroup: boolean, delta: number, order: TreeSort): ItemLevelChildren {
  const items = [...children.items];
  const total = children.total + delta;
  const index = items.findIndex((item) => item.workitemId === workitem.workitemId);
  if (index >= 0) {
    if (inGroup) {
      items[index] = workitem;
      return { ...children, items, total };
    }
    items.splice(index, 1);
    return { ...children, items, total, nextStart: Math.max(0, children.nextStart - 1) };
  }
  if (!inGroup) {
    return { ...children, total };
  }
  const last = items.at(-1);
  const withinWindow = !hasMoreItems(children) || (last !== undefined && !sortsBefore(last, workitem, order));
  const wasInvalid = children.issues.some((issue) => issue.workitemId === workitem.workitemId);
  if (!withinWindow && !wasInvalid) {
    return { ...children, total };
  }
  // In the tree's order; among equal times after the rows already there (their order came from the server).
  const position = items.findIndex((item) => sortsBefore(workitem, item, order));
  items.splice(position < 0 ? items.length : position, 0, workitem);
  return {
    ...children,
    items,
    total,
    // A row that failed validation before already held its position.
    issues: wasInvalid ? children.issues.filter((issue) => issue.workitemId !== workitem.workitemId) : children.issues,
    nextStart: wasInvalid ? children.nextStart : children.nextStart + 1,
  };
}

function trimmed(children: ItemLevelChildren, size: number): ItemLevelChildren {
  const excess = children.items.length - size;
  if (excess <= 0) {
    return children;
  }
  return { ...children, items: children.items.slice(0, size), nextStart: children.nextStart - excess };
}

/**
 * The moves of the changes the counts do not hold yet, or undefined when a changed workitem's
 * place at W cannot be read from its timeline (the caller re-counts instead).
 */
export function movesOf(changed: readonly Workitem[], watermark: Watermark, dimensions: readonly GroupDimension[]): Move[] | undefined {
  const moves: Move[] = [];
  for (const workitem of changed) {
    const before = stateAtWatermark(workitem, watermark);
    if (before.listed === 'unknown') {
      return undefined;
    }
    const from = before.listed ? segmentsOf({ ...workitem, state: before.state }, dimensions) : undefined;
    const last = sawAt(watermark, workitem.workitemId) ? before : stateAtWatermark(workitem, { at: watermark.at, seenAt: 'all' });
    const lastAtW = last.listed === true ? segmentsOf({ ...workitem, state: last.state }, dimensions) : last.listed === false ? undefined : from;
    moves.push({ workitem, from, to: segmentsOf(workitem, dimensions), lastAtW });
  }
  return moves;
}
