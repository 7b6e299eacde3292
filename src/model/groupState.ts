// What the model knows about one group (or the root): its count and, once fetched, its children.
// Rendering turns that into the rows the view shows; fetching lives in groupLoader.ts.
import type { Workitem } from '../api/schemas';
import type { ValidationIssue } from '../api/workitemsApi';
import type { FetchFailure } from './fetchFailure';
import { childIdOf, ROOT_ID, workitemNodeIdOf, type GroupSegment } from './groupKeys';
import type { ModelNode } from './modelNodes';

export type ChildrenState = GroupLevelChildren | ItemLevelChildren | FailedChildren;

export interface GroupLevelChildren {
  readonly kind: 'groups';
  /** Sub-groups in display order, zero counts included (they are hidden, but still counted). */
  readonly slotIds: readonly string[];
}

export interface ItemLevelChildren {
  readonly kind: 'items';
  readonly items: readonly Workitem[];
  readonly issues: readonly ValidationIssue[];
  /** Offset of the next page: every position fetched so far, valid or not. */
  readonly nextStart: number;
  readonly total: number;
  /** Set when the server answered an empty page before reaching `total`. */
  readonly exhausted: boolean;
  /** A failed "Load more": shown as an error row after the items instead of the load-more row. */
  readonly moreFailure?: FetchFailure;
}

export interface FailedChildren {
  readonly kind: 'error';
  readonly failure: FetchFailure;
}

export interface GroupState {
  readonly id: string;
  readonly segments: readonly GroupSegment[];
  /** The group's `q` (the user's filter included); undefined matches everything. */
  readonly query: string | undefined;
  count: number;
  children: ChildrenState | undefined;
  /** Refresh cycle in which the children were last fetched; older means stale. */
  childrenCycle: number;
  expanded: boolean;
  /** How many positions the user had loaded, kept so a refresh or a retry fetches as many again. */
  wantedRows: number;
  /** Serialises fetches of this group (a refresh and a "Load more" must not interleave). */
  queue: Promise<void>;
}

export function newGroupState(id: string, segments: readonly GroupSegment[], query: string | undefined): GroupState {
  return {
    id,
    segments,
    query,
    count: 0,
    children: undefined,
    childrenCycle: -1,
    expanded: false,
    wantedRows: 0,
    queue: Promise.resolve(),
  };
}

/** Runs fetches of one group one after the other (a refresh and a "Load more" must not interleave). */
export function inGroupQueue(group: GroupState, task: () => Promise<void>): Promise<void> {
  const run = group.queue.then(task);
  group.queue = run.catch(() => undefined);
  return run;
}

export function hasMoreItems(children: ItemLevelChildren): boolean {
  return !children.exhausted && children.nextStart < children.total;
}

export function distinctWorkitemCount(issues: readonly ValidationIssue[]): number {
  return new Set(issues.map((issue) => issue.workitemId)).size;
}

/**
 * The rows under a group. `lookupGroup` resolves sub-group ids; `busyText` gives the spinner text
 * of a workitem being acted on.
 */
export function renderChildren(
  group: GroupState,
  lookupGroup: (id: string) => GroupState | undefined,
  busyText: (workitemId: string) => string | undefined,
): ModelNode[] {
  const parentId = group.id;
  const children = group.children;
  if (children === undefined) {
    return [];
  }
  if (children.kind === 'error') {
    return [{ id: childIdOf(parentId, 'error'), parentId, kind: 'error', ...children.failure }];
  }
  const rows: ModelNode[] = [];
  if (children.kind === 'groups') {
    for (const slotId of children.slotIds) {
      const slot = lookupGroup(slotId);
      const segment = slot?.segments[slot.segments.length - 1];
      if (slot && segment && slot.count > 0) {
        rows.push({
          id: slot.id,
          parentId,
          kind: 'group',
          dimension: segment.dimension,
          value: segment.value,
          segments: slot.segments,
          count: slot.count,
        });
      }
    }
  } else {
    for (const workitem of children.items) {
      const busy = busyText(workitem.workitemId);
      rows.push({
        id: workitemNodeIdOf(parentId, workitem.workitemId),
        parentId,
        kind: 'workitem',
        workitem,
        ...(busy === undefined ? {} : { busy }),
      });
    }
    if (children.issues.length > 0) {
      rows.push({
        id: childIdOf(parentId, 'issues'),
        parentId,
        kind: 'issues',
        invalidCount: distinctWorkitemCount(children.issues),
        issues: children.issues,
      });
    }
    if (children.moreFailure) {
      rows.push({ id: childIdOf(parentId, 'error'), parentId, kind: 'error', ...children.moreFailure });
    } else if (hasMoreItems(children)) {
      rows.push({
        id: childIdOf(parentId, 'more'),
        parentId,
        kind: 'loadMore',
        loaded: children.nextStart,
        total: children.total,
      });
    }
  }
  // An empty root is the view's business (its welcome text); an expanded group says so itself.
  if (rows.length === 0 && parentId !== ROOT_ID) {
    rows.push({ id: childIdOf(parentId, 'empty'), parentId, kind: 'empty' });
  }
  return rows;
}
