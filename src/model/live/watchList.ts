// Watched workitems: a support engineer watches a call to hear of its next changes (state, agent,
// queue) without keeping its panel in front. A watch is kept per tenant in the extension's global
// storage (it survives a reload), compares each change it hears with what it saw last, and ends by
// itself when the workitem is dispositioned. No `vscode` import: the storage comes in.
import * as z from '../../api/zodMini';
import type { Workitem } from '../../api/schemas';

/** At most this many watches per tenant: a notification each, so more would be noise. */
export const MAX_WATCHES = 50;

const SeenSchema = z.object({
  state: z.string(),
  agentUsername: z.optional(z.string()),
  selectedQueue: z.optional(z.string()),
  priority: z.optional(z.number()),
  modifiedAt: z.optional(z.number()),
});
export type Seen = z.infer<typeof SeenSchema>;

const WatchSchema = z.object({
  tenant: z.string(),
  workitemId: z.string().check(z.minLength(1), z.maxLength(200)),
  since: z.number(),
  seen: z.optional(SeenSchema),
});
export type Watch = z.infer<typeof WatchSchema>;

export interface WatchStorage {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

const STORAGE_KEY = 'workitemInspector.watches';

/** One field that changed since the watch last saw the workitem. */
export interface WatchedChange {
  readonly field: 'state' | 'agent' | 'queue' | 'priority';
  readonly from: string | undefined;
  readonly to: string | undefined;
}

export interface WatchNotice {
  readonly watch: Watch;
  readonly workitem: Workitem;
  readonly changes: readonly WatchedChange[];
  /** The workitem was dispositioned: the watch ended with this notice. */
  readonly ended: boolean;
}

export function seenOf(workitem: Workitem): Seen {
  return {
    state: workitem.state,
    ...(workitem.agentUsername !== undefined ? { agentUsername: workitem.agentUsername } : {}),
    ...(workitem.selectedQueue !== undefined ? { selectedQueue: workitem.selectedQueue } : {}),
    ...(workitem.priority !== undefined ? { priority: workitem.priority } : {}),
    ...(workitem.modifiedAt !== undefined ? { modifiedAt: workitem.modifiedAt } : {}),
  };
}

function changesBetween(before: Seen | undefined, after: Seen): WatchedChange[] {
  if (before === undefined) return [{ field: 'state', from: undefined, to: after.state }];
  const changes: WatchedChange[] = [];
  const compare = (field: WatchedChange['field'], from: string | number | undefined, to: string | number | undefined): void => {
    if (from !== to) changes.push({ field, from: from === undefined ? undefined : String(from), to: to === undefined ? undefined : String(to) });
  };
  compare('state', before.state, after.state);
  compare('agent', before.agentUsername, after.agentUsername);
  compare('queue', before.selectedQueue, after.selectedQueue);
  compare('priority', before.priority, after.priority);
  return changes;
}

export type WatchResult = { ok: true } | { ok: false; reason: 'already' | 'full' };

export class WatchList {
  private watches: Watch[];
  private readonly listeners = new Set<(membership: boolean) => void>();

  constructor(
    private readonly storage: WatchStorage,
    private readonly now: () => number = Date.now,
  ) {
    this.watches = WatchList.read(storage.get(STORAGE_KEY));
  }

  /** What storage held, minus anything damaged (one bad entry costs only itself). */
  private static read(raw: unknown): Watch[] {
    if (!Array.isArray(raw)) return [];
    const watches: Watch[] = [];
    for (const entry of raw) {
      const parsed = WatchSchema.safeParse(entry);
      if (parsed.success && !watches.some((watch) => watch.tenant === parsed.data.tenant && watch.workitemId === parsed.data.workitemId)) {
        watches.push(parsed.data);
      }
    }
    return watches;
  }

  /** The watches of one tenant, newest first. */
  of(tenant: string): readonly Watch[] {
    return this.watches.filter((watch) => watch.tenant === tenant).sort((a, b) => b.since - a.since);
  }

  isWatched(tenant: string, workitemId: string): boolean {
    return this.watches.some((watch) => watch.tenant === tenant && watch.workitemId === workitemId);
  }

  async watch(tenant: string, workitemId: string, workitem?: Workitem): Promise<WatchResult> {
    if (this.isWatched(tenant, workitemId)) return { ok: false, reason: 'already' };
    if (this.of(tenant).length >= MAX_WATCHES) return { ok: false, reason: 'full' };
    this.watches.push({ tenant, workitemId, since: this.now(), ...(workitem ? { seen: seenOf(workitem) } : {}) });
    await this.save(true);
    return { ok: true };
  }

  async unwatch(tenant: string, workitemIds: readonly string[]): Promise<number> {
    const before = this.watches.length;
    this.watches = this.watches.filter((watch) => watch.tenant !== tenant || !workitemIds.includes(watch.workitemId));
    if (this.watches.length !== before) await this.save(true);
    return before - this.watches.length;
  }

  async clear(tenant: string): Promise<number> {
    return this.unwatch(tenant, this.of(tenant).map((watch) => watch.workitemId));
  }

  /**
   * A workitem of `tenant` as it is now (a live change, a refresh, an action's answer). Returns a
   * notice when it is watched and something it shows changed since the watch last saw it; a
   * dispositioned workitem ends its watch.
   */
  async observe(tenant: string, workitem: Workitem): Promise<WatchNotice | undefined> {
    const watch = this.watches.find((candidate) => candidate.tenant === tenant && candidate.workitemId === workitem.workitemId);
    if (!watch) return undefined;
    const seen = seenOf(workitem);
    // An older copy than the one seen (a feed page behind a socket message) says nothing new.
    if (watch.seen?.modifiedAt !== undefined && seen.modifiedAt !== undefined && seen.modifiedAt < watch.seen.modifiedAt) return undefined;
    const changes = changesBetween(watch.seen, seen);
    const ended = workitem.state === 'dispositioned';
    if (changes.length === 0 && !ended) {
      if (watch.seen?.modifiedAt !== seen.modifiedAt) {
        // Kept for the next comparison; nothing shown changed, so nobody is told.
        this.replace(watch, { ...watch, seen });
        await this.save(undefined);
      }
      return undefined;
    }
    const updated: Watch = { ...watch, seen };
    if (ended) {
      this.watches = this.watches.filter((candidate) => candidate !== watch);
    } else {
      this.replace(watch, updated);
    }
    await this.save(ended);
    return { watch: updated, workitem, changes, ended };
  }

  /**
   * Called when watches start or end (`membership` true) or a watch saw its workitem change what
   * it shows (false): the Watched view draws again on both, a panel's Watch button on the first.
   */
  onDidChange(listener: (membership: boolean) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private replace(old: Watch, next: Watch): void {
    this.watches = this.watches.map((candidate) => (candidate === old ? next : candidate));
  }

  /** Stores the watches; tells the listeners unless `membership` is undefined (nothing shown changed). */
  private async save(membership: boolean | undefined): Promise<void> {
    await this.storage.update(STORAGE_KEY, this.watches);
    if (membership !== undefined) this.listeners.forEach((listener) => listener(membership));
  }
}
