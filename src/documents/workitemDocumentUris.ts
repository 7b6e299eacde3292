// Addresses of workitems as read-only JSON documents: one per connection and id, plus the version
// shown before the last refresh or action (`?previous`).
export const WORKITEM_SCHEME = 'ncx-workitem';

export interface WorkitemAddress {
  /** `user@host` of the connection, so two tenants' wi_1 are two documents. */
  connection: string;
  workitemId: string;
  previous: boolean;
}

/** The parts of a URI path (`/<connection>/<id>.json`) and query. */
export function workitemPath(address: WorkitemAddress): { path: string; query: string } {
  return {
    path: `/${encodeURIComponent(address.connection)}/${encodeURIComponent(address.workitemId)}.json`,
    query: address.previous ? 'previous' : '',
  };
}

export function readWorkitemPath(path: string, query: string): WorkitemAddress | undefined {
  const match = /^\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (!match?.[1] || !match[2]) {
    return undefined;
  }
  try {
    return { connection: decodeURIComponent(match[1]), workitemId: decodeURIComponent(match[2]), previous: query === 'previous' };
  } catch {
    return undefined;
  }
}

/** Keeps, per open workitem, the text shown now and the one shown before it changed. */
export class WorkitemVersions {
  private readonly versions = new Map<string, { current: string; previous?: string }>();

  private static key(connection: string, workitemId: string): string {
    return `${connection}\u0000${workitemId}`;
  }

  /** Records a fresh text; the old one becomes "previous" only when the text changed. */
  record(connection: string, workitemId: string, text: string): void {
    const key = WorkitemVersions.key(connection, workitemId);
    const known = this.versions.get(key);
    if (!known) {
      this.versions.set(key, { current: text });
    } else if (known.current !== text) {
      this.versions.set(key, { current: text, previous: known.current });
    }
  }

  current(connection: string, workitemId: string): string | undefined {
    return this.versions.get(WorkitemVersions.key(connection, workitemId))?.current;
  }

  previous(connection: string, workitemId: string): string | undefined {
    return this.versions.get(WorkitemVersions.key(connection, workitemId))?.previous;
  }

  forget(connection: string, workitemId: string): void {
    this.versions.delete(WorkitemVersions.key(connection, workitemId));
  }
}
