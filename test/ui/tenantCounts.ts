// What a tenant's Workitems tree must show, read from its own server: the UI checks compare the
// tree's state rows with these, never with numbers written into the check.
import { signIn } from '../../src/api/auth';
import { NcxClient } from '../../src/api/client';
import type { RunningSandbox } from '../../src/sandbox';

export const STATE_ROW = /^(inqueue|offered|accepted|active|hold|conference|terminated|dispositioned) · /;

/** A client of the sandbox signed in as its admin, for reading what the tree must show. */
export async function adminOf(sandbox: RunningSandbox): Promise<NcxClient> {
  const grant = await signIn({ loginUrl: sandbox.url, username: 'admin', password: 'admin-password' });
  return new NcxClient({ location: grant.location, token: () => grant.token, retries: 0 });
}

/**
 * What the tree's state rows say for a tenant, read from its server: `hold · 12`, for each state it
 * has (among the workitems `filter` matches, when given).
 */
export async function stateLabels(admin: NcxClient, filter?: string): Promise<string[]> {
  const states = ['inqueue', 'offered', 'accepted', 'active', 'hold', 'conference', 'terminated', 'dispositioned'];
  const counts = await Promise.all(states.map((state) => admin.count(filter === undefined ? `state:${state}` : `state:${state} AND (${filter})`)));
  return states.flatMap((state, index) => ((counts[index] ?? 0) > 0 ? [`${state} · ${counts[index] ?? 0}`] : []));
}

/** The rows (aria labels may say more after the count) are the expected ones, in any order. */
export function sameLabels(rows: readonly string[], expected: readonly string[]): boolean {
  return rows.length === expected.length && expected.every((label) => rows.some((row) => row === label || row.startsWith(`${label} `) || row.startsWith(`${label},`)));
}

/** The state rows listed right under the row that starts with `tenant` (up to the next row of another kind). */
export function stateRowsUnder(labels: readonly string[], tenant: string): string[] {
  const start = labels.findIndex((label) => label.startsWith(tenant));
  const next = labels.findIndex((label, index) => index > start && !STATE_ROW.test(label));
  return start < 0 ? [] : labels.slice(start + 1, next < 0 ? undefined : next);
}
