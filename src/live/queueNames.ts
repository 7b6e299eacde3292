// Queue ids to names for the live surfaces, read once per connection (a failure leaves ids shown).
import type { Queue } from '../api/schemas';
import type { WorkitemsApi } from '../api/workitemsApi';

export class QueueNames {
  private names = new Map<string, string>();
  private list: readonly Queue[] = [];
  private loading: Promise<void> | undefined;

  constructor(private readonly api: WorkitemsApi) {}

  nameOf(queueId: string | undefined): string | undefined {
    if (queueId === undefined) return undefined;
    if (this.loading === undefined) void this.load();
    return this.names.get(queueId);
  }

  /** All queues known (id → name). */
  all(): ReadonlyMap<string, string> {
    return this.names;
  }

  /** Every queue known, with its SLAs (loading them on first use). */
  queues(): readonly Queue[] {
    if (this.loading === undefined) void this.load();
    return this.list;
  }

  /** Forgets the names (the connection changed). */
  reset(): void {
    this.names = new Map();
    this.list = [];
    this.loading = undefined;
  }

  load(): Promise<void> {
    this.loading ??= this.api.listQueues().then(
      (queues) => {
        this.list = queues;
        this.names = new Map(queues.map((queue) => [queue._id, queue.name]));
      },
      () => {
        // Retried at the next connection change; rows show ids meanwhile.
      },
    );
    return this.loading;
  }
}
