// What the commands need from the rest of the extension, as narrow interfaces: the real tree,
// panels and connection satisfy them in `extension.ts`, fakes satisfy them in the unit tests.
import type { ProtectionHooks } from './protection';
import type { WatchHooks } from './watch';
import type { NameLookup } from '../model/names/nameDirectory';
import type { Workitem } from '../api/schemas';
import type { ValidationIssue, WorkitemsApi } from '../api/workitemsApi';
import type { GroupByMode, Settings } from '../config/settings';
import type { ConnectionState, SignInRequest } from '../connection/connection';
import type { Log } from '../log/log';
import type { Ui } from '../ui/ui';
import type { TenantHooks } from './tenantHooks';
import type { ProfileHooks } from './connections';
import type { OtherTenantHooks } from './otherTenantScope';

export interface WorkitemTreeHooks {
  /** The Refresh command: every count and row on screen taken again from the server, or `tenant`'s tree alone (its row). */
  refresh(tenant?: string): void;
  /**
   * After an action: its answer (the workitem as it is now) shown in the counts and rows held,
   * with no request while the change feed keeps them; otherwise, and without an answer, one
   * ordinary refresh cycle.
   */
  showAnswer(workitem: Workitem | undefined): void;
  /** The filter the tree shows now for the connection in use, or for `tenant` (to prefill "Filter…"). */
  currentFilter(tenant?: string): string | undefined;
  setFilter(query: string, tenant?: string): void;
  clearFilter(tenant?: string): void;
  /** Shows `text` with a spinner on the workitem's row; undefined removes it. */
  setBusy(workitemId: string, text: string | undefined): void;
  /** Reveals and selects the workitem's row (loading its group when needed). */
  reveal(workitemId: string): Promise<void>;
  loadMore(node: unknown): Promise<void>;
  retry(node: unknown): Promise<void>;
  /** The workitems selected in the tree. */
  selectedWorkitems(): Workitem[];
  /** The grouping of the connection in use, or of `tenant` (a connection's row in the view). */
  groupBy(tenant?: string): GroupByMode;
  /** Applies and keeps a connection's own grouping. */
  setGroupBy(mode: GroupByMode, tenant?: string): void;
}

export interface DetailPanelHooks {
  open(workitemId: string, issues?: readonly ValidationIssue[]): Promise<void>;
  /** Refreshes the panel of one workitem, or every open panel. */
  refresh(workitemId?: string): void;
  /** Shows the workitem as an action answered it in its open panel, without asking the server again. */
  show(workitem: Workitem): void;
}

export interface ConnectionHooks {
  readonly state: ConnectionState;
  readonly permissions: readonly string[];
  getApi(): Promise<WorkitemsApi>;
  signIn(request: SignInRequest): Promise<ConnectionState>;
  /** Forgets a tenant's stored session (by default the current tenant's). */
  signOut(tenant?: string): Promise<void>;
  useSandbox(): Promise<void>;
  /** Switches to a named connection, with its stored session. */
  useTenant(tenant: string): Promise<void>;
}

export interface SettingsHooks {
  get(): Settings;
}

export interface CommandContext {
  ui: Ui;
  log: Log;
  connection: ConnectionHooks;
  tree: WorkitemTreeHooks;
  panels: DetailPanelHooks;
  settings: SettingsHooks;
  showLog(): void;
  /** Action history and workitem links. */
  tenants?: TenantHooks;
  /** Queue and agent names for pickers; ids alone when absent. */
  names?: NameLookup;
  /** Watched workitems of the current tenant. */
  watches?: WatchHooks;
  /** Protected tenants: actions refused until allowed for a while. */
  protection?: ProtectionHooks;
  /** The named connections (the `connections` setting). */
  profiles?: ProfileHooks;
  /** Acting on rows of tenants not in use, listed in the Workitems view beside the one in use. */
  otherTenants?: OtherTenantHooks;
}
