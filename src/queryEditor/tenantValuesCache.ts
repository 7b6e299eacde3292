// Tenant values for completion, fetched once per connection: the queue list, and the agents and
// campaigns of the most recent workitems. A failure leaves the cache empty (completion still
// offers fields and enum values) and is retried on the next request after a minute.
import type { WorkitemsApi } from '../api/workitemsApi';
import { distinctValues, EMPTY_TENANT_VALUES, type TenantValues } from './tenantValues';

const SAMPLE_ROWS = 1000;
const RETRY_AFTER_MS = 60_000;

export class TenantValuesCache {
  private readonly entries = new Map<string, { values: TenantValues; at: number; failed: boolean }>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** What is cached for `connection` now (never waits). */
  peek(connection: string): TenantValues {
    return this.entries.get(connection)?.values ?? EMPTY_TENANT_VALUES;
  }

  /** Starts loading when nothing (or only a failure over a minute old) is cached. */
  ensure(connection: string, api: () => Promise<WorkitemsApi>): Promise<void> {
    const entry = this.entries.get(connection);
    if (entry && (!entry.failed || this.now() - entry.at < RETRY_AFTER_MS)) {
      return Promise.resolve();
    }
    let loading = this.loading.get(connection);
    if (!loading) {
      loading = this.load(connection, api).finally(() => this.loading.delete(connection));
      this.loading.set(connection, loading);
    }
    return loading;
  }

  private async load(connection: string, getApi: () => Promise<WorkitemsApi>): Promise<void> {
    try {
      const api = await getApi();
      const [queues, sample] = await Promise.all([api.listQueues(), api.search({ rows: SAMPLE_ROWS, sort: 'createdAt desc' })]);
      this.entries.set(connection, {
        values: {
          queues: queues.map((queue) => ({ value: queue._id, name: queue.name })),
          agents: distinctValues(sample.items.map((item) => item.agentUsername)),
          campaigns: distinctValues(sample.items.map((item) => item.campaignId)),
        },
        at: this.now(),
        failed: false,
      });
    } catch {
      this.entries.set(connection, { values: EMPTY_TENANT_VALUES, at: this.now(), failed: true });
    }
  }
}
