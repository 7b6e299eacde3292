// Saved queries pinned to the Workitems tree: each a live group at the top, with its total and,
// while expanded, its first page. A refresh sends one request per pinned group — a count
// (rows=0) while it is collapsed, the page while it is expanded — on the tree's own refresh
// cycle, so a pin costs what an expanded group costs and a collapsed one almost nothing. A pin
// shows its own query: the tree's filter narrows the state groups, not a query the user saved.
import { isNcxError } from '../../api/errors';
import type { Workitem } from '../../api/schemas';
import type { ValidationIssue, WorkitemsApi } from '../../api/workitemsApi';
import { ModelEmitter, type ModelEvent } from '../events';
import type { SavedQuery } from './queryLibrary';

export interface PinnedGroup {
  readonly query: SavedQuery;
  /** The total matching, once known. */
  readonly count: number | undefined;
  /** The first page, newest version (empty until expanded and loaded). */
  readonly items: readonly Workitem[];
  readonly issues: readonly ValidationIssue[];
  readonly expanded: boolean;
  /** Why the last refresh of this group failed (its last count and rows stay shown). */
  readonly failure: string | undefined;
}

interface GroupData {
  query: SavedQuery;
  count: number | undefined;
  items: Workitem[];
  issues: ValidationIssue[];
  expanded: boolean;
  failure: string | undefined;
}

export class PinnedGroups {
  private groups: GroupData[] = [];
  private readonly changed = new ModelEmitter<void>();

  readonly onDidChange: ModelEvent<void> = this.changed.event;

  constructor(
    private readonly api: () => Promise<WorkitemsApi>,
    private readonly pageSize: () => number,
  ) {}

  list(): readonly PinnedGroup[] {
    return this.groups;
  }

  find(id: string): PinnedGroup | undefined {
    return this.groups.find((group) => group.query.id === id);
  }

  /** The pinned queries now (in order); a group whose query changed starts over. Loads what is new. */
  setPins(pins: readonly SavedQuery[]): void {
    // A pin whose query changed gets a new record, so an answer still on its way for the old
    // query lands on the record nobody lists any more.
    const before = new Map(this.groups.map((group) => [group.query.id, group]));
    const fresh: GroupData[] = [];
    this.groups = pins.map((query) => {
      const known = before.get(query.id);
      if (known !== undefined && known.query.q === query.q && known.query.sort === query.sort) {
        known.query = query;
        return known;
      }
      const group: GroupData = {
        query,
        count: undefined,
        items: [],
        issues: [],
        expanded: known?.expanded ?? false,
        failure: undefined,
      };
      fresh.push(group);
      return group;
    });
    this.changed.fire();
    if (fresh.length > 0) void this.load(fresh);
  }

  /** Expanding loads the page (one request); collapsing keeps what was shown, and refreshes only count. */
  async setExpanded(id: string, expanded: boolean): Promise<void> {
    const group = this.groups.find((candidate) => candidate.query.id === id);
    if (group === undefined || group.expanded === expanded) return;
    group.expanded = expanded;
    if (expanded) await this.load([group]);
  }

  /** One request per pinned group, all at once. Never rejects: a failure is kept on its group. */
  async refresh(): Promise<void> {
    await this.load(this.groups);
  }

  /** Takes a workitem's newest version (an action's answer) into the groups listing it. */
  applyWorkitem(workitem: Workitem): void {
    let touched = false;
    for (const group of this.groups) {
      const index = group.items.findIndex((item) => item.workitemId === workitem.workitemId);
      if (index >= 0) {
        group.items = group.items.map((item, at) => (at === index ? workitem : item));
        touched = true;
      }
    }
    if (touched) this.changed.fire();
  }

  private async load(groups: readonly GroupData[]): Promise<void> {
    if (groups.length === 0) return;
    let api: WorkitemsApi;
    try {
      api = await this.api();
    } catch (error) {
      for (const group of groups) group.failure = messageOf(error);
      this.changed.fire();
      return;
    }
    await Promise.all(groups.map((group) => this.loadOne(api, group)));
    this.changed.fire();
  }

  private async loadOne(api: WorkitemsApi, group: GroupData): Promise<void> {
    const q = group.query.q === '' ? undefined : group.query.q;
    try {
      if (group.expanded) {
        const page = await api.search({ ...(q === undefined ? {} : { q }), ...(group.query.sort ? { sort: group.query.sort } : {}), rows: this.pageSize() });
        group.items = page.items;
        group.issues = page.issues;
        group.count = page.total;
      } else {
        const count = await api.count(q);
        group.count = count;
      }
      group.failure = undefined;
    } catch (error) {
      group.failure = messageOf(error);
    }
  }
}

function messageOf(error: unknown): string {
  return isNcxError(error) || error instanceof Error ? error.message : String(error);
}
