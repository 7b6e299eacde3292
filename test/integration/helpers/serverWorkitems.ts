// Workitems for a test to act on, chosen by asking the sandbox directly: the newest one in a given
// situation that no earlier test has used (tests change the states of what they touch).
import type { NcxClient } from '../../../src/api/client';
import type { Workitem } from '../../../src/api/schemas';

const used = new Set<string>();

/** The newest workitem matching `q` that no test took before; it is marked as taken. */
export async function takeWorkitem(server: NcxClient, q: string): Promise<Workitem> {
  const page = await server.search({ q, rows: 50, sort: 'createdAt desc' });
  const workitem = page.items.find((item) => !used.has(item.workitemId));
  if (workitem === undefined) {
    throw new Error(`the sandbox has no unused workitem matching ${q} (${page.total} match)`);
  }
  used.add(workitem.workitemId);
  return workitem;
}

/** The sandbox's current version of a workitem. */
export function serverWorkitem(server: NcxClient, workitemId: string): Promise<Workitem> {
  return server.fetchWorkitem(workitemId);
}
