// Fakes of the tree, the panels and the settings that record what the commands asked of them.
import type { Workitem } from '../../../../src/api/schemas';
import type { ValidationIssue } from '../../../../src/api/workitemsApi';
import type { DetailPanelHooks, SettingsHooks, WorkitemTreeHooks } from '../../../../src/commands/context';
import { parseSettings, type GroupByMode, type Settings } from '../../../../src/config/settings';

export class FakeTree implements WorkitemTreeHooks {
  /** Every setBusy call, in order: [id, text | undefined]. */
  readonly busy: Array<[string, string | undefined]> = [];
  refreshes = 0;
  /** What each action's end showed: its answer, or undefined (refused, failed, or answered `{}`). */
  readonly answers: Array<Workitem | undefined> = [];
  /** The filter of the connection in use. */
  filter: string | undefined;
  /** Each other connection's filter as the commands set it (run on its row); undefined once cleared. */
  readonly tenantFilters = new Map<string, string | undefined>();
  /** The connections refreshed on their own rows, in order. */
  readonly refreshedTenants: string[] = [];
  readonly revealed: string[] = [];
  readonly loadedMore: unknown[] = [];
  readonly retried: unknown[] = [];
  selection: Workitem[] = [];
  revealFails = false;
  /** Each connection's grouping as the commands set it ('' for the one in use). */
  readonly groupings = new Map<string, GroupByMode>();
  /** The grouping a connection without its own has (the setting's). */
  defaultGroupBy: GroupByMode = 'stateChannel';

  groupBy(tenant?: string): GroupByMode {
    return this.groupings.get(tenant ?? '') ?? this.defaultGroupBy;
  }

  setGroupBy(mode: GroupByMode, tenant?: string): void {
    this.groupings.set(tenant ?? '', mode);
  }

  refresh(tenant?: string): void {
    if (tenant === undefined) this.refreshes++;
    else this.refreshedTenants.push(tenant);
  }

  showAnswer(workitem: Workitem | undefined): void {
    this.answers.push(workitem);
  }

  currentFilter(tenant?: string): string | undefined {
    return tenant === undefined ? this.filter : this.tenantFilters.get(tenant);
  }

  setFilter(query: string, tenant?: string): void {
    if (tenant === undefined) this.filter = query;
    else this.tenantFilters.set(tenant, query);
  }

  clearFilter(tenant?: string): void {
    if (tenant === undefined) this.filter = undefined;
    else this.tenantFilters.set(tenant, undefined);
  }

  setBusy(workitemId: string, text: string | undefined): void {
    this.busy.push([workitemId, text]);
  }

  async reveal(workitemId: string): Promise<void> {
    if (this.revealFails) {
      throw new Error(`${workitemId} is not in the tree`);
    }
    this.revealed.push(workitemId);
  }

  async loadMore(node: unknown): Promise<void> {
    this.loadedMore.push(node);
  }

  async retry(node: unknown): Promise<void> {
    this.retried.push(node);
  }

  selectedWorkitems(): Workitem[] {
    return this.selection;
  }
}

export class FakePanels implements DetailPanelHooks {
  readonly opened: Array<{ id: string; issues?: readonly ValidationIssue[] }> = [];
  readonly refreshed: Array<string | undefined> = [];

  async open(workitemId: string, issues?: readonly ValidationIssue[]): Promise<void> {
    this.opened.push({ id: workitemId, issues });
  }

  refresh(workitemId?: string): void {
    this.refreshed.push(workitemId);
  }

  readonly shown: Workitem[] = [];

  show(workitem: Workitem): void {
    this.shown.push(workitem);
  }
}

export class FakeSettings implements SettingsHooks {
  values: Settings = parseSettings(() => undefined);

  get(): Settings {
    return this.values;
  }
}
