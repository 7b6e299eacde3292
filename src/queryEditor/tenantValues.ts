// Values seen in the connected tenant, offered by completion: queues (from the queue list), agents
// and campaigns (from a sample of recent workitems, since NCX has no agent or campaign list
// endpoint we use). Kept per connection; never server text in a label without `shown()` upstream.

export interface TenantValue {
  /** What the query needs (an id or a user name). */
  value: string;
  /** A readable name, when the tenant has one. */
  name?: string;
}

export interface TenantValues {
  queues: TenantValue[];
  agents: TenantValue[];
  campaigns: TenantValue[];
}

export const EMPTY_TENANT_VALUES: TenantValues = { queues: [], agents: [], campaigns: [] };

/** Distinct values of the sample, most frequent first, at most `limit`. */
export function distinctValues(values: Iterable<string | undefined>, limit = 200): TenantValue[] {
  const counts = new Map<string, number>();
  for (const value of values) {
    if (value !== undefined && value !== '') {
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([value]) => ({ value }));
}
