// The tree's filter, kept per workspace (ExtensionContext.workspaceState) and checked with the
// same parser as the search before it is used: a stored value from an older version, or one
// edited by hand, must not break the tree.
import { validateQuery } from '../../api/queryBuilder';
import * as z from '../../api/zodMini';

export const FILTER_STATE_KEY = 'workitemInspector.tree.filter';

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

  /** The stored filter, or undefined when none is stored or it is not a valid query. */
  read(): string | undefined {
    const stored = z.string().safeParse(this.state.get(FILTER_STATE_KEY));
    if (!stored.success) {
      return undefined;
    }
    const check = checkFilter(stored.data);
    return check.ok ? check.filter : undefined;
  }

  async write(filter: string | undefined): Promise<void> {
    await this.state.update(FILTER_STATE_KEY, filter);
  }
}
