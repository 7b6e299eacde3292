// Turns the pages a workitem group is fetched in into the rows it holds. Pages are fetched by
// offset while the list moves underneath, so a workitem can come back in a later page: it keeps
// its place and takes the newer data, instead of showing twice.
import type { Workitem } from '../api/schemas';
import type { SearchPage, ValidationIssue } from '../api/workitemsApi';
import type { ItemLevelChildren } from './groupState';

/** A group's rows from one page that starts at position 0. */
export function firstItemsPage(page: SearchPage, total: number): ItemLevelChildren {
  return {
    kind: 'items',
    items: mergeItems([], page.items),
    issues: mergeIssues([], page.issues),
    nextStart: page.count,
    total,
    exhausted: page.count === 0,
  };
}

/** Appends a page; a workitem seen again (the list shifted under us) keeps its place, newest data. */
export function mergeItems(existing: readonly Workitem[], incoming: readonly Workitem[]): Workitem[] {
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

export function mergeIssues(existing: readonly ValidationIssue[], incoming: readonly ValidationIssue[]): ValidationIssue[] {
  const key = (issue: ValidationIssue): string => `${issue.workitemId}\u0000${issue.path}`;
  const seen = new Set(existing.map(key));
  return [...existing, ...incoming.filter((issue) => !seen.has(key(issue)) && seen.add(key(issue)))];
}
