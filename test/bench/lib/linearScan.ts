// The baseline the indexed store is compared with: the same compiled query (the sandbox's own
// parser, field readers and matchers) turned into one predicate, tested against every workitem
// in a plain loop. No index, no position order: a page is every match, sorted, then sliced.
import type { Workitem } from '../../../src/api/schemas';
import { compileQuery, predicateOf } from '../../../src/sandbox/query';

export type Predicate = (workitem: Workitem) => boolean;

export function compilePredicate(q: string | undefined): Predicate {
  return predicateOf(compileQuery(q));
}

export function scanCount(workitems: readonly Workitem[], predicate: Predicate): number {
  let total = 0;
  for (let i = 0; i < workitems.length; i++) {
    if (predicate(workitems[i])) {
      total++;
    }
  }
  return total;
}

export type ScanOrder = (a: Workitem, b: Workitem) => number;

export const NEWEST_FIRST: ScanOrder = (a, b) => b.createdAt - a.createdAt;

/** Least recently modified first; workitems never modified (no modifiedAt) before all others. */
export const MODIFIED_ASC: ScanOrder = (a, b) => (a.modifiedAt ?? -Infinity) - (b.modifiedAt ?? -Infinity) || a.createdAt - b.createdAt;

/** The first `rows` matches in `order` (newest first unless told), and the total. */
export function scanPage(
  workitems: readonly Workitem[],
  predicate: Predicate,
  rows: number,
  order: ScanOrder = NEWEST_FIRST,
): { total: number; page: Workitem[] } {
  const matches: Workitem[] = [];
  for (let i = 0; i < workitems.length; i++) {
    if (predicate(workitems[i])) {
      matches.push(workitems[i]);
    }
  }
  matches.sort(order);
  return { total: matches.length, page: matches.slice(0, rows) };
}
