// The `q` of each group: the user's filter ANDed with one term per grouping level, written with
// the API's query builder (values quoted and escaped, compound operands parenthesised). The "other"
// group of a level is everything NOT in the known values, so workitems with a state or channel we
// have never seen still have a place in the tree.
import { and, anyOf, not, raw, term, type Query } from '../api/queryBuilder';
import { fieldOf, knownValuesOf, OTHER_GROUP_VALUE, type GroupSegment } from './groupKeys';

export function segmentQuery(segment: GroupSegment): Query {
  const field = fieldOf(segment.dimension);
  if (segment.value === OTHER_GROUP_VALUE) {
    return not(anyOf(field, knownValuesOf(segment.dimension)));
  }
  return term(field, segment.value);
}

/**
 * The query of the group at `segments` under the user's filter; `undefined` means "everything".
 * Throws RangeError when the filter cannot be read (callers validate it first).
 */
export function groupQuery(filter: string | undefined, segments: readonly GroupSegment[]): string | undefined {
  return textOf(and(raw(filter ?? ''), ...segments.map(segmentQuery)));
}

/** The one workitem `workitemId`, provided it is in the group of query `q`. */
export function workitemInGroupQuery(q: string | undefined, workitemId: string): string {
  return and(raw(q ?? ''), term('workitemId', workitemId)).toString();
}

function textOf(query: Query): string | undefined {
  return query.matchesAll ? undefined : query.toString();
}
