// `sort` is "field asc|desc" items separated by commas, e.g. "priority desc, createdAt asc"; the
// order defaults to asc. Ties are broken by creation order (createdAt, then insertion) in the
// direction of the first key, so "priority desc" lists the newest first among equals and a page
// never shuffles.
import { WORKITEM_STATES } from '../../api/domain';
import type { Workitem } from '../../api/schemas';
import { BadRequestError } from '../contracts';

export const DEFAULT_SORT = 'createdAt desc';

type Comparison = 'number' | 'lifecycle' | 'natural' | 'string';

export interface SortField {
  readonly name: string;
  readonly comparison: Comparison;
  readonly read: (workitem: Workitem) => unknown;
}

export interface SortKey {
  readonly field: SortField;
  /** 1 ascending, -1 descending. */
  readonly direction: 1 | -1;
}

export const SORT_FIELDS: ReadonlyMap<string, SortField> = new Map(
  (
    [
      { name: 'createdAt', comparison: 'number', read: (w) => w.createdAt },
      { name: 'modifiedAt', comparison: 'number', read: (w) => w.modifiedAt },
      { name: 'assignedAt', comparison: 'number', read: (w) => w.assignedAt },
      { name: 'terminatedAt', comparison: 'number', read: (w) => w.terminatedAt },
      { name: 'priority', comparison: 'number', read: (w) => w.priority },
      { name: 'state', comparison: 'lifecycle', read: (w) => w.state },
      { name: 'channelType', comparison: 'string', read: (w) => w.channelType },
      { name: 'type', comparison: 'string', read: (w) => w.type },
      { name: 'workitemId', comparison: 'natural', read: (w) => w.workitemId },
      { name: 'agentUsername', comparison: 'string', read: (w) => w.agentUsername },
      { name: 'selectedQueue', comparison: 'string', read: (w) => w.selectedQueue },
    ] satisfies SortField[]
  ).map((field) => [field.name, field]),
);

/** Parses `sort`; absent or blank means createdAt desc. Throws BadRequestError. */
export function parseSort(sort: string | undefined): SortKey[] {
  const text = sort === undefined || sort.trim() === '' ? DEFAULT_SORT : sort;
  return text.split(',').map((item) => {
    const words = item.trim().split(/\s+/);
    const [name, order = 'asc', ...extra] = words;
    const field = SORT_FIELDS.get(name);
    if (!field || name === '') {
      throw new BadRequestError(
        `Cannot sort by "${name}"; sortable fields: ${[...SORT_FIELDS.keys()].join(', ')}`,
      );
    }
    const lowerOrder = order.toLowerCase();
    if ((lowerOrder !== 'asc' && lowerOrder !== 'desc') || extra.length > 0) {
      throw new BadRequestError(`Sort order of ${name} must be asc or desc, got "${words.slice(1).join(' ')}"`);
    }
    return { field, direction: lowerOrder === 'asc' ? 1 : -1 };
  });
}

const lifecycleRank = new Map<string, number>(WORKITEM_STATES.map((state, rank) => [state, rank]));

/** Ascending comparison of two values of a field; absent values sort lowest. */
export function compareValues(comparison: Comparison, a: unknown, b: unknown): number {
  if (a === b) {
    return 0;
  }
  if (a === undefined || a === null) {
    return -1;
  }
  if (b === undefined || b === null) {
    return 1;
  }
  switch (comparison) {
    case 'number':
      return typeof a === 'number' && typeof b === 'number' ? a - b : compareText(String(a), String(b));
    case 'lifecycle': {
      // Known states in lifecycle order, values we do not know after them, alphabetically.
      const rankA = lifecycleRank.get(String(a)) ?? WORKITEM_STATES.length;
      const rankB = lifecycleRank.get(String(b)) ?? WORKITEM_STATES.length;
      return rankA !== rankB ? rankA - rankB : compareText(String(a), String(b));
    }
    case 'natural':
      return compareNatural(String(a), String(b));
    case 'string':
      return compareText(String(a), String(b));
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `wi_9` before `wi_10`: digit runs compare as numbers. */
export function compareNatural(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let endA = i;
      let endB = j;
      while (endA < a.length && isDigit(a.charCodeAt(endA))) endA++;
      while (endB < b.length && isDigit(b.charCodeAt(endB))) endB++;
      const runA = a.slice(i, endA).replace(/^0+(?=\d)/, '');
      const runB = b.slice(j, endB).replace(/^0+(?=\d)/, '');
      if (runA.length !== runB.length) {
        return runA.length - runB.length;
      }
      if (runA !== runB) {
        return runA < runB ? -1 : 1;
      }
      i = endA;
      j = endB;
    } else {
      if (ca !== cb) {
        return ca - cb;
      }
      i++;
      j++;
    }
  }
  return a.length - i - (b.length - j) || compareText(a, b);
}
