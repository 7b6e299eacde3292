// What the sandbox itself says the tree should show: counts per state / channel, asked one query
// at a time, written independently of the extension's own query builder.
import { CHANNEL_TYPES, WORKITEM_STATES } from '../../../src/api/domain';
import type { NcxClient } from '../../../src/api/client';

export interface ValueCount {
  readonly value: string;
  readonly count: number;
}

/** How the tree names the group of values outside the known lists. */
export const OTHER_VALUE = '~other';

function within(filter: string | undefined, term: string): string {
  return filter === undefined ? term : `(${filter}) AND ${term}`;
}

async function countsOver(
  server: NcxClient,
  field: 'state' | 'channelType',
  values: readonly string[],
  filter: string | undefined,
): Promise<ValueCount[]> {
  const [total, ...counts] = await Promise.all([
    server.count(filter),
    ...values.map((value) => server.count(within(filter, `${field}:${value}`))),
  ]);
  const known = values.map((value, index) => ({ value, count: counts[index] })).filter((entry) => entry.count > 0);
  const rest = total - counts.reduce((sum, count) => sum + count, 0);
  return rest > 0 ? [...known, { value: OTHER_VALUE, count: rest }] : known;
}

/** Non-empty state groups in lifecycle order (what the root of "state, then channel" shows). */
export function stateCounts(server: NcxClient, filter?: string): Promise<ValueCount[]> {
  return countsOver(server, 'state', WORKITEM_STATES, filter);
}

/** Non-empty channel groups, optionally within a filter such as `state:active`. */
export function channelCounts(server: NcxClient, filter?: string): Promise<ValueCount[]> {
  return countsOver(server, 'channelType', CHANNEL_TYPES, filter);
}

/** Counts as the tree reports them (`rootGroupCounts()`), reduced to value and count. */
export function valueCounts(groups: ReadonlyArray<{ value: string; count: number }>): ValueCount[] {
  return groups.map(({ value, count }) => ({ value, count }));
}
