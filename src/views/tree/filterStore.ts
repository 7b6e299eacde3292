// The tree's filter, kept per workspace (ExtensionContext.workspaceState) and per tenant (a filter
// for one customer's queues means nothing on another's), and checked with the same parser as the
// search before it is used: a stored value from an older version, or one edited by hand, must not
// break the tree.
import { validateQuery } from '../../api/queryBuilder';
import * as z from '../../api/zodMini';

/** The one filter of the single-connection versions: still every tenant's until it has its own. */
export const FILTER_STATE_KEY = 'workitemInspector.tree.filter';
/** Each tenant's filter by name ('' where none is set). */
export const TENANT_FILTERS_KEY = 'workitemInspector.tree.filters';

const TenantFiltersSchema = z.record(z.string(), z.string());

/** The part of `vscode.Memento` the store needs. */
export interface KeyValueState {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export type FilterCheck = { ok: true; filter: string | undefined } | { ok: false; message: string };

/** A blank filter means "no filter". */
export function checkFilter(text: string | undefined): FilterCheck {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') {
    return { ok: true, filter: undefined };
  }
  const check = validateQuery(trimmed);
  return check.ok ? { ok: true, filter: trimmed } : { ok: false, message: check.message };
}

export class TreeFilterStore {
  constructor(private readonly state: KeyValueState) {}

  /** The tenant's stored filter, or undefined when none is stored or it is not a valid query. */
  read(tenant?: string): string | undefined {
    const own = tenant === undefined ? undefined : this.filters()[tenant.toLowerCase()];
    const stored = z.string().safeParse(own ?? this.state.get(FILTER_STATE_KEY));
    if (!stored.success) {
      return undefined;
    }
    const check = checkFilter(stored.data);
    return check.ok ? check.filter : undefined;
  }

  async write(filter: string | undefined, tenant?: string): Promise<void> {
    if (tenant === undefined) {
      await this.state.update(FILTER_STATE_KEY, filter);
      return;
    }
    await this.state.update(TENANT_FILTERS_KEY, { ...this.filters(), [tenant.toLowerCase()]: filter ?? '' });
  }

  private filters(): Record<string, string> {
    const parsed = TenantFiltersSchema.safeParse(this.state.get(TENANT_FILTERS_KEY));
    return parsed.success ? parsed.data : {};
  }
}
