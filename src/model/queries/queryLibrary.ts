// The queries a developer ran and kept, per tenant: the last HISTORY_LIMIT run (newest first, a
// query run again moves to the top instead of filling the list), and the saved ones, which may
// be pinned to the Workitems tree as live groups. Kept in globalState through a schema, so a
// stored value from a hand edit or an older version is dropped entry by entry, never fatal.
import * as z from '../../api/zodMini';
import { ModelEmitter, type ModelEvent } from '../events';
import type { StoredState } from '../storedState';

export const QUERY_LIBRARY_KEY = 'workitemInspector.queryLibrary';
export const HISTORY_LIMIT = 50;
/** Beyond this, a saved query is refused: the list is a library, not a store of generated text. */
export const SAVED_LIMIT = 200;
const TEXT_LIMIT = 10_000;
const NAME_LIMIT = 200;

const QueryShape = {
  q: z.string().check(z.maxLength(TEXT_LIMIT)),
  sort: z.optional(z.string().check(z.maxLength(200))),
  columns: z.array(z.string().check(z.maxLength(100))).check(z.maxLength(50)),
};

const HistoryEntrySchema = z.object({ ...QueryShape, ranAt: z.number() });
const SavedQuerySchema = z.object({
  ...QueryShape,
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  name: z.string().check(z.minLength(1), z.maxLength(NAME_LIMIT)),
  pinned: z.boolean(),
});

export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
export type SavedQuery = z.infer<typeof SavedQuerySchema>;
/** What a query is, wherever it was written (an editor, a results panel, a tree group). */
export type LibraryQuery = Pick<HistoryEntry, 'q' | 'sort' | 'columns'>;

interface TenantQueries {
  history: HistoryEntry[];
  saved: SavedQuery[];
}

/** Keeps every valid entry of a stored value: one bad entry costs that entry, not the library. */
function readStored(raw: unknown): Map<string, TenantQueries> {
  const tenants = new Map<string, TenantQueries>();
  if (typeof raw !== 'object' || raw === null) return tenants;
  for (const [tenant, value] of Object.entries(raw as Record<string, unknown>)) {
    const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    const valid = <T>(schema: z.ZodMiniType<T>, list: unknown): T[] =>
      Array.isArray(list) ? list.flatMap((entry) => {
        const parsed = schema.safeParse(entry);
        return parsed.success ? [parsed.data] : [];
      }) : [];
    tenants.set(tenant, {
      history: valid(HistoryEntrySchema, record['history']).slice(0, HISTORY_LIMIT),
      saved: valid(SavedQuerySchema, record['saved']).slice(0, SAVED_LIMIT),
    });
  }
  return tenants;
}

function sameQuery(a: LibraryQuery, b: LibraryQuery): boolean {
  return a.q.trim() === b.q.trim() && (a.sort ?? '') === (b.sort ?? '');
}

function copyOf(query: LibraryQuery): LibraryQuery {
  return { q: query.q.trim(), ...(query.sort ? { sort: query.sort } : {}), columns: [...query.columns] };
}

export class QueryLibrary {
  private tenants: Map<string, TenantQueries>;
  private readonly changed = new ModelEmitter<void>();
  private nextId = 0;

  /** Fires after every change (a run recorded, a query saved, pinned, renamed or removed). */
  readonly onDidChange: ModelEvent<void> = this.changed.event;

  constructor(
    private readonly state: StoredState,
    private readonly now: () => number = Date.now,
  ) {
    this.tenants = readStored(state.get(QUERY_LIBRARY_KEY));
  }

  history(tenant: string): readonly HistoryEntry[] {
    return this.tenants.get(tenant)?.history ?? [];
  }

  saved(tenant: string): readonly SavedQuery[] {
    return this.tenants.get(tenant)?.saved ?? [];
  }

  pinned(tenant: string): readonly SavedQuery[] {
    return this.saved(tenant).filter((query) => query.pinned);
  }

  find(tenant: string, id: string): SavedQuery | undefined {
    return this.saved(tenant).find((query) => query.id === id);
  }

  /** A query was run: it goes to the top of the tenant's history (once), the oldest past the limit drops. */
  async recordRun(tenant: string, query: LibraryQuery): Promise<void> {
    const entries = this.entriesOf(tenant);
    entries.history = [{ ...copyOf(query), ranAt: this.now() }, ...entries.history.filter((entry) => !sameQuery(entry, query))].slice(
      0,
      HISTORY_LIMIT,
    );
    await this.store();
  }

  async clearHistory(tenant: string): Promise<void> {
    this.entriesOf(tenant).history = [];
    await this.store();
  }

  /** Saves under `name` (a name already used is replaced: saving again is how a query is updated). */
  async save(tenant: string, name: string, query: LibraryQuery): Promise<SavedQuery> {
    const cleanName = checkedName(name);
    const entries = this.entriesOf(tenant);
    const existing = entries.saved.find((saved) => saved.name === cleanName);
    if (existing === undefined && entries.saved.length >= SAVED_LIMIT) {
      throw new RangeError(`At most ${SAVED_LIMIT} queries can be saved for one tenant; remove one first.`);
    }
    const saved: SavedQuery = { ...copyOf(query), id: existing?.id ?? this.newId(), name: cleanName, pinned: existing?.pinned ?? false };
    entries.saved = existing === undefined ? [...entries.saved, saved] : entries.saved.map((entry) => (entry === existing ? saved : entry));
    await this.store();
    return saved;
  }

  async rename(tenant: string, id: string, name: string): Promise<void> {
    const cleanName = checkedName(name);
    const entries = this.entriesOf(tenant);
    if (entries.saved.some((saved) => saved.name === cleanName && saved.id !== id)) {
      throw new RangeError(`A saved query is already named '${cleanName}'.`);
    }
    entries.saved = entries.saved.map((saved) => (saved.id === id ? { ...saved, name: cleanName } : saved));
    await this.store();
  }

  async remove(tenant: string, id: string): Promise<void> {
    const entries = this.entriesOf(tenant);
    entries.saved = entries.saved.filter((saved) => saved.id !== id);
    await this.store();
  }

  async setPinned(tenant: string, id: string, pinned: boolean): Promise<void> {
    const entries = this.entriesOf(tenant);
    entries.saved = entries.saved.map((saved) => (saved.id === id ? { ...saved, pinned } : saved));
    await this.store();
  }

  private entriesOf(tenant: string): TenantQueries {
    let entries = this.tenants.get(tenant);
    if (entries === undefined) {
      entries = { history: [], saved: [] };
      this.tenants.set(tenant, entries);
    }
    return entries;
  }

  private newId(): string {
    const taken = new Set([...this.tenants.values()].flatMap((entries) => entries.saved.map((saved) => saved.id)));
    let id: string;
    do {
      id = `${this.now().toString(36)}-${(this.nextId++).toString(36)}`;
    } while (taken.has(id));
    return id;
  }

  private async store(): Promise<void> {
    this.changed.fire();
    await this.state.update(QUERY_LIBRARY_KEY, Object.fromEntries(this.tenants));
  }
}

function checkedName(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (clean === '') throw new RangeError('Give the query a name.');
  if (clean.length > NAME_LIMIT) throw new RangeError(`A query's name has at most ${NAME_LIMIT} characters.`);
  return clean;
}
