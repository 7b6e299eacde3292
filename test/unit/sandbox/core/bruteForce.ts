// A deliberately naive reference: filter every workitem, sort them all, slice the page. The store's
// indexed answers must equal it.
import { WORKITEM_STATES } from '../../../../src/api/domain';
import type { Workitem } from '../../../../src/api/schemas';

export type Order = 'number' | 'lifecycle' | 'natural' | 'string';
export interface ReferenceKey {
  read: (workitem: Workitem) => unknown;
  order: Order;
  direction: 1 | -1;
}

const collator = new Intl.Collator('en', { numeric: true });

function compare(order: Order, a: unknown, b: unknown): number {
  const missingA = a === undefined || a === null;
  const missingB = b === undefined || b === null;
  if (missingA || missingB) {
    return missingA === missingB ? 0 : missingA ? -1 : 1;
  }
  switch (order) {
    case 'number':
      return Number(a) - Number(b);
    case 'lifecycle': {
      const rank = (value: unknown): number => {
        const index = (WORKITEM_STATES as readonly unknown[]).indexOf(value);
        return index < 0 ? WORKITEM_STATES.length : index;
      };
      return rank(a) - rank(b) || (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
    }
    case 'natural':
      return collator.compare(String(a), String(b));
    case 'string':
      return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  }
}

/**
 * Matching workitems in order: by the keys, then by creation (createdAt, then the order of `items`)
 * in the first key's direction.
 */
export function referenceSearch(
  items: readonly Workitem[],
  predicate: (workitem: Workitem) => boolean,
  keys: readonly ReferenceKey[],
): Workitem[] {
  const tie = keys[0]?.direction ?? 1;
  return items
    .map((workitem, position) => ({ workitem, position }))
    .filter(({ workitem }) => predicate(workitem))
    .sort((a, b) => {
      for (const key of keys) {
        const order = compare(key.order, key.read(a.workitem), key.read(b.workitem)) * key.direction;
        if (order !== 0) {
          return order;
        }
      }
      return (a.workitem.createdAt - b.workitem.createdAt || a.position - b.position) * tie;
    })
    .map(({ workitem }) => workitem);
}

export const NEWEST_FIRST: ReferenceKey[] = [{ read: (w) => w.createdAt, order: 'number', direction: -1 }];

/** In creation order: createdAt, then the order of `items`. */
export function byCreation(items: readonly Workitem[]): Workitem[] {
  return referenceSearch(items, () => true, []);
}

export function ids(workitems: readonly Workitem[]): string[] {
  return workitems.map((workitem) => workitem.workitemId);
}
