// Which groups the change feed keeps current: the root, every sub-group of a group whose children
// are current and open (their counts), and every open workitem group (its rows). The rest (the
// children of collapsed groups) stays as a re-count left it, stale, fetched again on expansion.
import { knownValuesOf, OTHER_GROUP_VALUE, type GroupDimension, type GroupSegment } from '../groupKeys';
import type { TrackedGroups } from './countDelta';
import type { GroupState } from '../groupState';

export interface GroupTree {
  readonly root: GroupState;
  readonly dimensions: readonly GroupDimension[];
  /** The sub-group of `parent` at `segment`, created on first use. */
  slot(parent: GroupState, segment: GroupSegment): GroupState;
  /** Children fetched before the last refresh cycle: not current. */
  isStale(group: GroupState): boolean;
}

export interface TrackedTree extends TrackedGroups {
  /** Groups whose children are current and on screen (the root first). */
  readonly opened: readonly GroupState[];
}

/**
 * The groups the feed keeps. `excluded` is being fetched right now: its sub-groups' counts (and
 * the root's own) are taken fresh, so the feed must not move them too. A workitem group's own
 * count stays with the feed: its rows page's total is taken at a moment the next page may already
 * include, so trusting it would count a change twice.
 */
export function trackedGroupsOf(tree: GroupTree, excluded: GroupState | undefined): TrackedTree {
  const counted: GroupState[] = [];
  const windows: GroupState[] = [];
  const opened: GroupState[] = [];
  const visit = (group: GroupState): void => {
    const children = group.children;
    if (children === undefined || children.kind === 'error' || tree.isStale(group)) {
      return;
    }
    opened.push(group);
    if (children.kind === 'items') {
      windows.push(group);
      return;
    }
    const dimension = tree.dimensions[group.segments.length];
    for (const value of [...knownValuesOf(dimension), OTHER_GROUP_VALUE]) {
      const slot = tree.slot(group, { dimension, value });
      if (group !== excluded) {
        counted.push(slot);
      }
      // Kept at zero too (hidden, its rows an empty list the feed keeps filling): when it holds
      // workitems again, the view shows it open at once, with nothing to fetch.
      if (slot.expanded) {
        visit(slot);
      }
    }
  };
  visit(tree.root);
  return {
    counted: excluded === tree.root ? counted : [tree.root, ...counted],
    windows: windows.filter((group) => group !== excluded),
    opened,
  };
}

/** The "other" group is listed while it holds workitems, as a re-count would list it. */
export function relistOtherGroup(tree: GroupTree, group: GroupState): void {
  const children = group.children;
  if (children?.kind !== 'groups') {
    return;
  }
  const other = tree.slot(group, { dimension: tree.dimensions[group.segments.length], value: OTHER_GROUP_VALUE });
  const listed = children.slotIds.includes(other.id);
  if (listed && other.count <= 0) {
    group.children = { kind: 'groups', slotIds: children.slotIds.filter((id) => id !== other.id) };
  } else if (!listed && other.count > 0) {
    group.children = { kind: 'groups', slotIds: [...children.slotIds, other.id] };
  }
}
