// One page of a result in sort order, without sorting the whole result when it can be avoided:
// - createdAt (the position order): walk the bit set from the top (desc) or bottom (asc);
// - an indexed field (state, priority, queue...): visit its values in order, skip whole value
//   buckets by their count, and order only the buckets the page falls into;
// - anything else: a bounded selection of the first start+rows items.
// Ties are broken by position (createdAt, then insertion), in the direction of the first key.
import { compareValues, type SortKey } from '../query';
import { allPositions, and, andNotInto, copyBits, countBits, selectBits, type Bits } from './bitset';
import type { IndexedView } from './view';

export function pagePositions(result: Bits, keys: readonly SortKey[], start: number, rows: number, view: IndexedView): number[] {
  const tieDirection = keys[0]?.direction ?? 1;
  return page(result, keys, start, rows, tieDirection, view);
}

function page(bits: Bits, keys: readonly SortKey[], skip: number, take: number, tie: 1 | -1, view: IndexedView): number[] {
  if (take <= 0) {
    return [];
  }
  const [key, ...rest] = keys;
  if (!key) {
    return selectBits(bits, skip, take, tie);
  }
  if (key.field.name === 'createdAt' && followsPositions(key, rest, tie, view)) {
    return selectBits(bits, skip, take, key.direction);
  }
  const index = view.index(key.field.name);
  if (index) {
    return pageByBuckets(bits, key, rest, skip, take, tie, view);
  }
  return pageBySelection(bits, keys, skip, take, tie, view);
}

/** Whether ordering by createdAt (then `rest`, then position) is the same as ordering by position. */
function followsPositions(key: SortKey, rest: readonly SortKey[], tie: 1 | -1, view: IndexedView): boolean {
  // Positions are in createdAt order; only workitems sharing a millisecond need `rest` and `tie`.
  return view.createdAtStrictlyOrdered || (rest.length === 0 && key.direction === tie);
}

function pageByBuckets(
  bits: Bits,
  key: SortKey,
  rest: readonly SortKey[],
  skip: number,
  take: number,
  tie: 1 | -1,
  view: IndexedView,
): number[] {
  const index = view.index(key.field.name);
  if (!index) {
    return [];
  }
  const values = [...index.keys()].sort((a, b) => compareValues(key.field.comparison, a, b) * key.direction);
  const buckets: Array<() => Bits> = values.map((value) => () => and(bits, index.get(value) ?? new Uint32Array(0), view.scratch()));
  // Workitems without a value sort lowest: first ascending, last descending.
  const withoutValue = (): Bits => {
    const missing = copyBits(bits, view.scratch());
    andNotInto(missing, index.withAnyValue());
    return missing;
  };
  if (key.direction === 1) {
    buckets.unshift(withoutValue);
  } else {
    buckets.push(withoutValue);
  }
  const out: number[] = [];
  let toSkip = skip;
  for (const bucket of buckets) {
    const members = bucket();
    const count = countBits(members);
    if (toSkip >= count) {
      toSkip -= count;
      continue;
    }
    out.push(...page(members, rest, toSkip, take - out.length, tie, view));
    toSkip = 0;
    if (out.length >= take) {
      break;
    }
  }
  return out;
}

function pageBySelection(bits: Bits, keys: readonly SortKey[], skip: number, take: number, tie: 1 | -1, view: IndexedView): number[] {
  return pageOfPositions(allPositions(bits), keys, skip, take, view, tie);
}

/**
 * Positions number skip…skip+take-1 of `positions` in sort order (ties by position in the first
 * key's direction unless `tie` says otherwise); a bounded selection when the page is a small part.
 */
export function pageOfPositions(
  positions: ArrayLike<number>,
  keys: readonly SortKey[],
  skip: number,
  take: number,
  view: IndexedView,
  tie: 1 | -1 = keys[0]?.direction ?? 1,
): number[] {
  const [first, ...rest] = keys;
  if (!first) {
    const ordered = Array.from(positions).sort((a, b) => (a - b) * tie);
    return ordered.slice(skip, skip + take);
  }
  // The first key's values are read once: comparisons happen n log k times, reads only n times.
  // Candidates are numbered 0…n-1 by their place in `positions`.
  const primary: unknown[] = new Array(positions.length);
  for (let i = 0; i < positions.length; i++) {
    primary[i] = first.field.read(view.item(positions[i]));
  }
  const compare = (a: number, b: number): number => {
    const order = compareValues(first.field.comparison, primary[a], primary[b]);
    if (order !== 0) {
      return order * first.direction;
    }
    return compareRest(rest, positions[a], positions[b], tie, view);
  };
  const wanted = skip + take;
  const candidates = positions.length;
  const ordered =
    wanted * 4 < candidates
      ? smallest(candidates, wanted, compare)
      : Array.from({ length: candidates }, (_, i) => i).sort(compare);
  return ordered.slice(skip, wanted).map((candidate) => positions[candidate]);
}

/** Order of two workitems equal on the first key: the other keys, then position. */
export function compareRest(rest: readonly SortKey[], positionA: number, positionB: number, tie: 1 | -1, view: IndexedView): number {
  if (rest.length > 0) {
    const itemA = view.item(positionA);
    const itemB = view.item(positionB);
    for (const key of rest) {
      const next = compareValues(key.field.comparison, key.field.read(itemA), key.field.read(itemB));
      if (next !== 0) {
        return next * key.direction;
      }
    }
  }
  return (positionA - positionB) * tie;
}

/** The `count` smallest of candidates 0…n-1 in order, with a bounded max-heap: O(n log count). */
function smallest(candidates: number, count: number, compare: (a: number, b: number) => number): number[] {
  const heap: number[] = [];
  const siftUp = (start: number): void => {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compare(heap[i], heap[parent]) <= 0) {
        return;
      }
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const siftDown = (): void => {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < heap.length && compare(heap[left], heap[largest]) > 0) largest = left;
      if (right < heap.length && compare(heap[right], heap[largest]) > 0) largest = right;
      if (largest === i) {
        return;
      }
      [heap[i], heap[largest]] = [heap[largest], heap[i]];
      i = largest;
    }
  };
  for (let candidate = 0; candidate < candidates; candidate++) {
    if (heap.length < count) {
      heap.push(candidate);
      siftUp(heap.length - 1);
    } else if (compare(candidate, heap[0]) < 0) {
      heap[0] = candidate;
      siftDown();
    }
  }
  return heap.sort(compare);
}
