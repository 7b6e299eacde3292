// A page in the order of a time-indexed field (modifiedAt) without sorting the result: walk the
// index's entries from the low end (asc) or the high end (desc), keep those in the result, and stop
// once the page is full. Entries of one time are in position order, which is the tie order; other
// sort keys, when given, order each run of equal times.
import type { SortKey } from '../query';
import { hasBit, type Bits } from './bitset';
import { compareRest } from './order';
import type { TimeIndex } from './timeIndex';
import type { IndexedView } from './view';

export function pageByTime(index: TimeIndex, result: Bits, keys: readonly SortKey[], skip: number, take: number, view: IndexedView): number[] {
  const [first, ...rest] = keys;
  const direction = first.direction;
  const wanted = skip + take;
  const out: number[] = [];
  const count = index.entryCount;
  let entry = direction === 1 ? 0 : count - 1;
  while (entry >= 0 && entry < count && out.length < wanted) {
    const time = index.timeAt(entry);
    const run: number[] = [];
    while (entry >= 0 && entry < count && index.timeAt(entry) === time) {
      if (index.isLive(entry)) {
        const position = index.positionAt(entry);
        if (hasBit(result, position)) {
          run.push(position);
        }
      }
      entry += direction;
    }
    if (rest.length > 0 && run.length > 1) {
      run.sort((a, b) => compareRest(rest, a, b, direction, view));
    }
    for (const position of run) {
      out.push(position);
    }
  }
  return out.slice(skip, wanted);
}
