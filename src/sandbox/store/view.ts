import type { Workitem } from '../../api/schemas';
import type { Interval } from '../query';
import type { Bits } from './bitset';
import type { FieldIndex } from './fieldIndex';
import type { TimeIndex } from './timeIndex';

/** What query evaluation and ordering need to see of the store. */
export interface IndexedView {
  readonly size: number;
  /** Words of a bit set covering every position. */
  readonly words: number;
  /**
   * A zeroed bit set of `words` words for intermediate results. Scratch sets are recycled when
   * the current search ends: a query at 1M workitems would otherwise allocate a few 125 KB
   * arrays per request and keep the garbage collector busy.
   */
  scratch(): Bits;
  /** Every position (read only). */
  everything(): Bits;
  item(position: number): Workitem;
  index(field: string): FieldIndex | undefined;
  /** The value-ordered index of a time field that changes (modifiedAt), if there is one. */
  timeIndex(field: string): TimeIndex | undefined;
  positionOf(workitemId: string): number | undefined;
  /** Positions [from, to) whose createdAt lies in the interval (positions are in createdAt order). */
  createdAtSpan(interval: Interval): [number, number];
  /** Whether createdAt strictly increases with the position (no two workitems share a millisecond). */
  readonly createdAtStrictlyOrdered: boolean;
}
