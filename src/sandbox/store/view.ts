import type { Workitem } from '../../api/schemas';
import type { Interval } from '../query';
import type { FieldIndex } from './fieldIndex';

/** What query evaluation and ordering need to see of the store. */
export interface IndexedView {
  readonly size: number;
  /** Words of a bit set covering every position. */
  readonly words: number;
  item(position: number): Workitem;
  index(field: string): FieldIndex | undefined;
  positionOf(workitemId: string): number | undefined;
  /** Positions [from, to) whose createdAt lies in the interval (positions are in createdAt order). */
  createdAtSpan(interval: Interval): [number, number] | undefined;
  /** Whether createdAt strictly increases with the position (no two workitems share a millisecond). */
  readonly createdAtStrictlyOrdered: boolean;
  /** Whether createdAt never decreases with the position. */
  readonly createdAtOrdered: boolean;
}
