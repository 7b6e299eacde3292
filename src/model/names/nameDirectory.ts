// Names for the ids a workitem carries (its queue, agent, disposition, campaign), read through their
// schema types once per connection and again when stale, so every surface can say
// `Retention (q_retention)`. Reading is lazy and never waits: a name not known yet, or an id no list
// holds, shows as the id itself, and listeners hear when names arrive so surfaces can draw again.
// Names are server text: surfaces pass what this returns through `shown` / `l10n.t` like any other.
import type { Queue, User } from '../../api/schemas';
import type { WorkitemsApi } from '../../api/workitemsApi';

export const NAMED_KINDS = ['queue', 'agent', 'disposition', 'campaign'] as const;
export type NamedKind = (typeof NAMED_KINDS)[number];

/** Names older than this are read again (in the background; the old ones show meanwhile). */
export const NAMES_STALE_AFTER_MS = 5 * 60_000;
/** A list that could not be read is tried again after this long, not on every row drawn. */
export const NAMES_RETRY_AFTER_MS = 30_000;
/** Agents read for names: enough for a large contact centre, bounded like every list walk. */
export const NAMED_AGENTS_MAX = 5000;

/** What a surface needs: a name when one is known, and the label it shows. */
export interface NameLookup {
  nameOf(kind: NamedKind, id: string | undefined): string | undefined;
  /** `Name (id)`, or the id alone when no name is known (or the name is the id). */
  labelOf(kind: NamedKind, id: string): string;
}

/** For surfaces drawn without a connection (tests, the error page): every id as itself. */
export const NO_NAMES: NameLookup = {
  nameOf: () => undefined,
  labelOf: (_kind, id) => id,
};

export function labelWithName(name: string | undefined, id: string): string {
  return name === undefined || name.trim() === '' || name === id ? id : `${name} (${id})`;
}

/** A person's name as the user list gives it: `name`, else first and last, else the user name. */
export function userDisplayName(user: User): string {
  const full = [user.firstName, user.lastName].filter(Boolean).join(' ');
  return user.name ?? (full || user.username || user._id);
}

function sameNames(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, name] of a) if (b.get(id) !== name) return false;
  return true;
}

type NamesApi = Pick<WorkitemsApi, 'listQueues' | 'listUsers' | 'listDispositions' | 'listCampaigns'>;

interface KindState {
  names: ReadonlyMap<string, string>;
  loadedAt?: number;
  failedAt?: number;
  loading?: Promise<void>;
}

function emptyStates(): Record<NamedKind, KindState> {
  return { queue: { names: new Map() }, agent: { names: new Map() }, disposition: { names: new Map() }, campaign: { names: new Map() } };
}

export interface NameDirectoryOptions {
  now?: () => number;
  staleAfterMs?: number;
  retryAfterMs?: number;
}

export class NameDirectory implements NameLookup {
  private states = emptyStates();
  private queueList: readonly Queue[] = [];
  private queuesById: ReadonlyMap<string, Queue> = new Map();
  /** Bumped by reset(): a list read for the previous connection must not land in this one. */
  private generation = 0;
  private readonly listeners = new Set<(kind: NamedKind) => void>();
  private readonly now: () => number;
  private readonly staleAfterMs: number;
  private readonly retryAfterMs: number;

  constructor(
    private readonly api: NamesApi,
    options: NameDirectoryOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.staleAfterMs = options.staleAfterMs ?? NAMES_STALE_AFTER_MS;
    this.retryAfterMs = options.retryAfterMs ?? NAMES_RETRY_AFTER_MS;
  }

  nameOf(kind: NamedKind, id: string | undefined): string | undefined {
    if (id === undefined || id === '') return undefined;
    this.readIfDue(kind);
    return this.states[kind].names.get(id);
  }

  labelOf(kind: NamedKind, id: string): string {
    return labelWithName(this.nameOf(kind, id), id);
  }

  /** Every queue known, with its SLAs (read on first use). */
  queues(): readonly Queue[] {
    this.readIfDue('queue');
    return this.queueList;
  }

  /** One queue (its SLAs), when known. */
  queue(queueId: string): Queue | undefined {
    this.readIfDue('queue');
    return this.queuesById.get(queueId);
  }

  /** Called with the kind whose names changed. */
  onDidChange(listener: (kind: NamedKind) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Forgets every name (the connection changed). */
  reset(): void {
    this.generation++;
    this.states = emptyStates();
    this.queueList = [];
    this.queuesById = new Map();
  }

  /** Reads one kind now (joining a read under way); a failure leaves the names it had. */
  load(kind: NamedKind): Promise<void> {
    const state = this.states[kind];
    if (state.loading) return state.loading;
    const generation = this.generation;
    const loading = this.read(kind).then(
      ({ names, queues }) => {
        if (generation !== this.generation) return;
        const changed = !sameNames(this.states[kind].names, names);
        this.states[kind] = { names, loadedAt: this.now() };
        if (queues) {
          this.queueList = queues;
          this.queuesById = new Map(queues.map((queue) => [queue._id, queue]));
        }
        // A stale list read again with the same names redraws nothing.
        if (changed) this.listeners.forEach((listener) => listener(kind));
      },
      () => {
        if (generation !== this.generation) return;
        this.states[kind] = { names: state.names, ...(state.loadedAt !== undefined ? { loadedAt: state.loadedAt } : {}), failedAt: this.now() };
      },
    );
    state.loading = loading;
    return loading;
  }

  /** Reads these kinds in the background when they are due (not yet read, or stale). */
  prefetch(kinds: readonly NamedKind[]): void {
    kinds.forEach((kind) => this.readIfDue(kind));
  }

  loadAll(): Promise<void> {
    return Promise.all(NAMED_KINDS.map((kind) => this.load(kind))).then(() => undefined);
  }

  private readIfDue(kind: NamedKind): void {
    const state = this.states[kind];
    if (state.loading) return;
    const now = this.now();
    if (state.failedAt !== undefined && now - state.failedAt < this.retryAfterMs) return;
    if (state.failedAt === undefined && state.loadedAt !== undefined && now - state.loadedAt < this.staleAfterMs) return;
    void this.load(kind);
  }

  private async read(kind: NamedKind): Promise<{ names: Map<string, string>; queues?: readonly Queue[] }> {
    const names = new Map<string, string>();
    switch (kind) {
      case 'queue': {
        const queues = await this.api.listQueues();
        for (const queue of queues) names.set(queue._id, queue.name);
        return { names, queues };
      }
      case 'agent': {
        // Workitems name their agent by user name, time events by user id: both resolve.
        for (const user of await this.api.listUsers(undefined, { rows: NAMED_AGENTS_MAX })) {
          const name = userDisplayName(user);
          names.set(user._id, name);
          if (user.username !== undefined) names.set(user.username, name);
        }
        return { names };
      }
      case 'disposition': {
        for (const disposition of await this.api.listDispositions()) {
          names.set(disposition._id, disposition.name);
          if (disposition.dispositionId !== undefined) names.set(disposition.dispositionId, disposition.name);
        }
        return { names };
      }
      case 'campaign': {
        for (const campaign of await this.api.listCampaigns()) {
          names.set(campaign._id, campaign.name);
          if (campaign.campaignId !== undefined) names.set(campaign.campaignId, campaign.name);
        }
        return { names };
      }
    }
  }
}
