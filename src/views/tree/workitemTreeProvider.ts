// The Workitems view: a thin VS Code layer over WorkitemTreeModel. It owns the TreeView (needed
// for reveal, selection, visibility and the description), keeps one node object per row id,
// turns the model's precise change events into precise `onDidChangeTreeData` events, persists the
// filter per workspace, follows the group-by / page-size / refresh-interval settings, and polls
// only while visible.
import * as vscode from 'vscode';
import { NO_NAMES, type NameLookup, type NamedKind } from '../../model/names/nameDirectory';

/**
 * What a row shows by name (its agent; its queue, for the SLA): read once the root's counts are
 * shown, so rows opened later appear named instead of being redrawn a round trip after them.
 */
const ROW_NAMES: readonly NamedKind[] = ['queue', 'agent'];
import { queueSlaMs } from '../../model/live/queueSla';
import type { Queue } from '../../api/schemas';
import { privacyMode } from '../../model/privacy/privacyMode';
import type { Workitem } from '../../api/schemas';
import type { WorkitemsApi } from '../../api/workitemsApi';
import { CONTEXT_KEYS, TREE_VIEW_ID } from '../../contributions';
import { SETTINGS_SECTION, type GroupByMode, type Settings } from '../../config/settings';
import { readSettings } from '../../ui/vscodeSettings';
import { silentLog, type Log } from '../../log/log';
import type { ModelEvent } from '../../model/events';
import { parentIdOf, ROOT_ID } from '../../model/groupKeys';
import type { GroupCount, ModelChange, ModelLoad, ModelNode } from '../../model/modelNodes';
import { WorkitemTreeModel } from '../../model/workitemTreeModel';
import { logFeedEvents } from './feedLog';
import { checkFilter, TreeFilterStore } from './filterStore';
import { TenantGroupByStore } from './groupByStore';
import { sameTenant } from '../../connection/tenantName';
import { RefreshManager } from './refreshManager';
import { showsWelcomeInsteadOfRows, treeStateOf, type TreeState } from './treeContextKeys';
import { createTreeNode, GroupNode, TreeNode, WorkitemNode } from './treeNodes';
import { PinnedNode } from './pinnedNode';
import { asOtherTenantRow, ConnectionHintNode, ConnectionRootNode } from './connectionRootNode';
import { ConnectionRoots } from './connectionRoots';
import { branchNodeId, parseBranchNodeId, TenantBranches } from './tenantBranches';
import type { ConnectionRow } from '../../connection/profiles/connectionRows';
import { PinnedGroups, type PinnedGroup } from '../../model/queries/pinnedGroups';
import type { SavedQuery } from '../../model/queries/queryLibrary';
import { workitemNodeIdOf } from '../../model/groupKeys';
import { ours, shown, type Shown } from '../../model/format/shownText';
import { formatTimeOfDay } from '../../model/format/time';
import { l10n } from '../../ui/l10n';

export interface WorkitemTreeProviderOptions {
  /** Where workitems come from; wrap a connection with `deferredWorkitemsApi(() => connection.getApi())`. */
  api: WorkitemsApi;
  /** Per-workspace storage for the filter: `ExtensionContext.workspaceState`. */
  workspaceState: vscode.Memento;
  /** The current settings; by default read from the `workitemInspector` configuration. */
  settings?: () => Settings;
  /** Clock for the rows' ages. */
  now?: () => number;
  /** Authorities of the current token; by default every action is offered and the server decides. */
  permissions?: () => readonly string[];
  /** Where a failed background refresh is reported (the output channel). */
  onRefreshError?: (error: unknown) => void;
  /** The extension's log: it hears when the tree stops reading the change feed, and why. */
  log?: Log;
  /** Names of queues and agents for the rows, and the queues (their SLAs mark rows waiting past them). */
  names?: NameLookup & {
    onDidChange(listener: () => void): { dispose(): void };
    queue(queueId: string): Queue | undefined;
    prefetch(kinds: readonly NamedKind[]): void;
  };
  /** The tenant the rows belong to, named in the view's description. */
  tenant?: () => string | undefined;
  /**
   * The connections, listed at the top of the view once named connections exist (with the sandbox
   * alone the view shows its rows directly): each tenant not in use is read through its own client.
   */
  connections?: {
    rows(): Promise<readonly ConnectionRow[]>;
    apiFor(tenant: string): WorkitemsApi;
    /** What the tenant's stored session may do: the actions its rows offer. */
    permissionsOf(tenant: string): readonly string[];
  };
}

/** How long a reveal may take before the tree draws its changes again and the reveal is given up on. */
const REVEAL_TIMEOUT_MS = 5000;
/** Reveals tried (the first, then after redraws that left nothing selected), a pause apart. */
const REVEAL_ATTEMPTS = 4;
const REVEAL_RETRY_PAUSE_MS = 150;

export class WorkitemTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  readonly view: vscode.TreeView<TreeNode>;
  private readonly model: WorkitemTreeModel;
  private readonly nodes = new Map<string, TreeNode>();
  private readonly childIds = new Map<string, readonly string[]>();
  private readonly filterStore: TreeFilterStore;
  private readonly groupByStore: TenantGroupByStore;
  private readonly settings: () => Settings;
  private readonly now: () => number;
  private readonly permissions: () => readonly string[];
  private readonly tenant: () => string | undefined;
  private readonly names: NameLookup;
  private readonly prefetchRowNames: () => void;
  private readonly queueOf: (queueId: string) => Queue | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  private readonly refreshManager: RefreshManager;
  private readonly disposables: vscode.Disposable[] = [];
  private state: TreeState = 'loading';
  private api: WorkitemsApi;
  /** Saved queries pinned at the top, refreshed on the same cycle as the groups. */
  private readonly pinned: PinnedGroups;
  private readonly pinnedNodes = new Map<string, PinnedNode>();
  /** The trees of the tenants not in use (built when their rows are opened). */
  private readonly branches: TenantBranches;
  private readonly connections: WorkitemTreeProviderOptions['connections'];
  /** The connections' rows at the top (none while the view shows one connection's rows directly). */
  private readonly roots: ConnectionRoots;

  readonly onDidChangeTreeData = this.changeEmitter.event;
  /** A group's (or the root's, parentId '') children were fetched. */
  readonly onDidLoad: ModelEvent<ModelLoad>;

  constructor(options: WorkitemTreeProviderOptions) {
    this.settings = options.settings ?? readSettings;
    this.now = options.now ?? Date.now;
    this.permissions = options.permissions ?? (() => ['workitems:admin']);
    this.tenant = options.tenant ?? (() => undefined);
    this.names = options.names ?? NO_NAMES;
    this.queueOf = options.names ? (queueId) => options.names?.queue(queueId) : () => undefined;
    this.prefetchRowNames = () => options.names?.prefetch(ROW_NAMES);
    this.filterStore = new TreeFilterStore(options.workspaceState);
    this.groupByStore = new TenantGroupByStore(options.workspaceState);
    const settings = this.settings();
    this.model = new WorkitemTreeModel({
      api: options.api,
      groupBy: this.groupByOf(this.tenant()),
      pageSize: settings['tree.pageSize'],
      filter: this.filterStore.read(this.tenant()),
      changeFeed: settings['tree.changeFeed'],
      sortBy: settings['tree.sortBy'],
    });
    this.onDidLoad = this.model.onDidLoad;
    this.api = options.api;
    this.pinned = new PinnedGroups(async () => this.api, () => this.settings()['tree.pageSize']);
    this.connections = options.connections;
    // The view's description names the filter of the one in use; each other tenant's row names its
    // own (the sandbox, while not in use, is not running and shows no tree to filter).
    this.roots = new ConnectionRoots(options.connections?.rows, (row) =>
      row.inUse || row.target.kind === 'sandbox' ? undefined : this.filterStore.read(row.target.name),
    );
    this.branches = new TenantBranches({
      apiFor: (tenant) => options.connections?.apiFor(tenant) ?? options.api,
      options: (tenant) => {
        const now = this.settings();
        return {
          groupBy: this.groupByOf(tenant),
          pageSize: now['tree.pageSize'],
          filter: this.filterStore.read(tenant),
          changeFeed: now['tree.changeFeed'],
          sortBy: now['tree.sortBy'],
        };
      },
      onChange: (tenant, nodeIds) => this.onBranchChange(tenant, nodeIds),
    });

    this.view = vscode.window.createTreeView(TREE_VIEW_ID, {
      treeDataProvider: this,
      showCollapseAll: true,
      canSelectMany: true,
    });
    this.refreshManager = new RefreshManager({
      view: this.view,
      intervalSeconds: () => this.settings().refreshIntervalSeconds,
      refresh: async () => {
        await Promise.all([this.model.refresh(), this.pinned.refresh(), this.branches.refresh()]);
      },
      onError: options.onRefreshError,
    });
    const modelChanges = this.model.onDidChange((change) => this.onModelChange(change));
    const modelLoads = this.model.onDidLoad((load) => {
      if (load.parentId === ROOT_ID) {
        this.updateTreeState();
      }
    });
    this.disposables.push(
      this.view,
      this.changeEmitter,
      this.refreshManager,
      modelChanges,
      modelLoads,
      ...logFeedEvents(this.model, options.log ?? silentLog),
      this.view.onDidExpandElement((event) => void this.setExpanded(event.element, true)),
      this.view.onDidCollapseElement((event) => void this.setExpanded(event.element, false)),
      this.pinned.onDidChange(() => this.onPinnedChange()),
      vscode.workspace.onDidChangeConfiguration((event) => this.onConfigurationChange(event)),
      // Privacy mode changes what every row shows, not what the tree holds: repaint, no request.
      privacyMode.onDidChange(() => this.changeEmitter.fire(undefined)),
      // Names arriving change what rows say, not what the tree holds: repaint, no request.
      ...(options.names ? [options.names.onDidChange(() => this.changeEmitter.fire(undefined))] : []),
    );
    this.showFilter();
    void this.setContext(CONTEXT_KEYS.treeState, this.state);
  }

  // ---- TreeDataProvider ----------------------------------------------------------------------

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const tenant = node.tenant;
    if (tenant !== undefined) {
      // Another tenant's row: the names, queues and permissions held are the tenant in use's, so
      // none of them may describe it (an agent id there is nobody here).
      const branchQuery = (groupId: string): string | undefined => {
        const parsed = parseBranchNodeId(groupId);
        return parsed && this.branches.modelOf(tenant)?.groupQueryOf(parsed.modelId);
      };
      const permissions = this.connections?.permissionsOf(tenant) ?? [];
      return asOtherTenantRow(node.toTreeItem({ now: this.now(), permissions, names: NO_NAMES, queryOf: branchQuery }), tenant);
    }
    return node.toTreeItem({ now: this.now(), permissions: this.permissions(), names: this.names, slaMsOf: (workitem) => this.slaMsOf(workitem), queryOf: (groupId) => this.model.groupQueryOf(groupId) });
  }

  private slaMsOf(workitem: Workitem): number | undefined {
    return workitem.selectedQueue === undefined ? undefined : queueSlaMs(this.queueOf(workitem.selectedQueue), workitem.channelType);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node === undefined) {
      const roots = await this.connectionRoots();
      return roots.length > 0 ? [...roots] : this.inUseTopLevel(true);
    }
    if (node instanceof ConnectionRootNode) {
      if (node.row.inUse) return this.inUseTopLevel(false);
      return node.target.kind === 'sandbox' ? [this.roots.hintUnder(node)] : this.branchChildren(node.key, ROOT_ID);
    }
    if (node instanceof PinnedNode) {
      return this.pinnedChildren(node);
    }
    if (!(node instanceof GroupNode)) {
      return [];
    }
    const branch = node.tenant === undefined ? undefined : parseBranchNodeId(node.id);
    if (node.tenant !== undefined && branch !== undefined) {
      return this.branchChildren(node.tenant, branch.modelId);
    }
    const models = await this.model.getChildren(node.id);
    const children = models.map((model) => this.nodeFor(model));
    this.forgetChildren(node.id, children.map((child) => child.id));
    return children;
  }

  /**
   * The rows of the connection in use: at the top of the view, or under its connection's row. At
   * the top, a state the welcome text explains (signed out, the sandbox starting) shows no rows.
   */
  private async inUseTopLevel(welcomeWhenEmpty: boolean): Promise<TreeNode[]> {
    const models = await this.model.getChildren(ROOT_ID);
    this.updateTreeState();
    // Signed in and answered: the names rows will need, read while the reader looks at the counts.
    if (this.state === 'ready') this.prefetchRowNames();
    if (welcomeWhenEmpty && showsWelcomeInsteadOfRows(this.state)) {
      this.forgetChildren(ROOT_ID, []);
      return [];
    }
    const children = models.map((model) => this.nodeFor(model));
    this.forgetChildren(ROOT_ID, children.map((child) => child.id));
    return [...this.pinnedRows(), ...children];
  }

  /** The connections' rows, when named connections exist; otherwise none (one connection, shown directly). */
  private async connectionRoots(): Promise<readonly ConnectionRootNode[]> {
    const roots = await this.roots.read();
    // A tenant now in use, removed or signed out of keeps no second tree.
    this.branches.retain((tenant) => this.roots.readable(tenant));
    return roots;
  }

  /** A tenant's rows under its connection's row, read through its own client. */
  private async branchChildren(tenant: string, modelId: string): Promise<TreeNode[]> {
    const models = await this.branches.children(tenant, modelId);
    const children = models.map((model) => this.nodeFor(model, tenant));
    this.forgetChildren(branchNodeId(tenant, modelId), children.map((child) => child.id));
    return children;
  }

  private onBranchChange(tenant: string, nodeIds: readonly string[]): void {
    const root = this.roots.of(tenant);
    if (root === undefined) return;
    if (nodeIds.includes(root.id)) {
      this.changeEmitter.fire(root);
      return;
    }
    const changed: TreeNode[] = [];
    for (const id of nodeIds) {
      const node = this.nodes.get(id);
      const model = this.branches.findNode(id);
      if (node !== undefined && model !== undefined) {
        node.update(model);
        changed.push(node);
      }
    }
    if (changed.length > 0) this.changeEmitter.fire(changed);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node instanceof ConnectionRootNode) return undefined;
    if (node instanceof ConnectionHintNode) return node.root;
    const branch = node.tenant === undefined ? undefined : parseBranchNodeId(node.id);
    if (branch !== undefined && node.tenant !== undefined) {
      const parentModelId = parentIdOf(branch.modelId);
      if (parentModelId === ROOT_ID) return this.roots.of(branch.key);
      const parentId = branchNodeId(node.tenant, parentModelId);
      const parentModel = this.branches.findNode(parentId);
      return this.nodes.get(parentId) ?? (parentModel && this.nodeFor(parentModel, node.tenant));
    }
    const parentId = parentIdOf(node.id);
    if (parentId === ROOT_ID) {
      return this.roots.inUse();
    }
    const known = this.nodes.get(parentId) ?? [...this.pinnedNodes.values()].find((pinned) => pinned.id === parentId);
    if (known) {
      return known;
    }
    const model = this.model.findNode(parentId);
    return model ? this.nodeFor(model) : undefined;
  }

  // ---- what the commands call ------------------------------------------------------------------

  /**
   * The Refresh command: re-counts what is on screen (counts of visible groups, rows of expanded
   * ones) from the server, whatever the change feed held; automatic refreshes read the feed.
   */
  async refresh(tenant?: string): Promise<void> {
    // Run on the row of a tenant not in use: that tenant's tree alone (nothing when it is closed).
    const other = this.otherTenant(tenant);
    if (other !== undefined) return this.branches.recount(other);
    await Promise.all([this.model.recount(), this.pinned.refresh(), this.branches.recount()]);
    this.refreshManager.noteRefreshed();
  }

  /**
   * After an action: its answer moves the workitem in the counts and rows held, with no request
   * while the change feed keeps them (otherwise one ordinary refresh cycle does). Pinned groups
   * show the new version of a row they list; whether it still matches their query is for their
   * next refresh to say.
   */
  async showAnswer(workitem: Workitem | undefined): Promise<void> {
    await this.showChanges(workitem === undefined ? [] : [workitem]);
  }

  /** Workitems as they are after their changes (an action's answer), oldest first. */
  async showChanges(workitems: readonly Workitem[]): Promise<void> {
    if (!this.showPushed(workitems) || workitems.length === 0) await this.model.refresh();
  }

  /**
   * Pushed changes (workitems as they are after them, oldest first) in the counts and rows held,
   * with no request; false when only a refresh cycle can show them (see refreshCycle).
   */
  showPushed(workitems: readonly Workitem[]): boolean {
    for (const workitem of workitems) this.pinned.applyWorkitem(workitem);
    return workitems.length === 0 || this.model.applyAnswers(workitems);
  }

  /** One ordinary refresh cycle (the change feed's page, or a re-count where the feed cannot be used). */
  refreshCycle(): Promise<void> {
    return this.model.refresh();
  }

  /**
   * The connections changed (one added, removed, signed in or out elsewhere): their rows are drawn
   * again, and a tenant's tree opened under its row is read again when its session changed.
   */
  connectionsChanged(): void {
    this.roots.invalidate();
    if (this.connections !== undefined) this.changeEmitter.fire(undefined);
  }

  /** Starts over (the connection changed: other server, other user, signed in or out). */
  reload(): void {
    // Another connection in use, perhaps: the rows of the view's top say which.
    this.roots.invalidate();
    if (this.roots.drawn.length > 0) this.changeEmitter.fire(undefined);
    // Its own grouping (setting it starts over too).
    const groupBy = this.groupByOf(this.tenant());
    if (groupBy !== this.model.getGroupBy()) this.model.setGroupBy(groupBy);
    // Another tenant, perhaps: its own filter (setting one starts over too), and the description names it.
    const filter = this.filterStore.read(this.tenant());
    if (filter !== this.model.getFilter()) this.model.setFilter(filter);
    else this.model.reload();
    this.showFilter();
  }

  /** Swaps the client and starts over. */
  setApi(api: WorkitemsApi): void {
    this.api = api;
    this.model.setApi(api);
    void this.pinned.refresh();
  }

  /** The saved queries pinned to the top of the tree now (for the connection's tenant), in order. */
  setPinnedQueries(queries: readonly SavedQuery[]): void {
    this.pinned.setPins(queries);
  }

  pinnedGroups(): readonly PinnedGroup[] {
    return this.pinned.list();
  }

  /** The `q` of a group row (undefined: everything), for commands run on a group. */
  groupQueryOf(groupId: string): string | undefined {
    return this.model.groupQueryOf(groupId);
  }

  /** The filter of the connection in use, or of `tenant`'s tree under its row. */
  currentFilter(tenant?: string): string | undefined {
    const other = this.otherTenant(tenant);
    return other === undefined ? this.model.getFilter() : this.filterStore.read(other);
  }

  /**
   * Applies and stores a filter of the connection in use, or of `tenant` (run on its row); throws
   * RangeError with a readable message when it is not a valid query.
   */
  setFilter(query: string, tenant?: string): void {
    const check = checkFilter(query);
    if (!check.ok) {
      throw new RangeError(check.message);
    }
    this.applyFilter(check.filter, tenant);
  }

  clearFilter(tenant?: string): void {
    this.applyFilter(undefined, tenant);
  }

  private applyFilter(filter: string | undefined, tenant: string | undefined): void {
    const other = this.otherTenant(tenant);
    if (other === undefined) {
      this.model.setFilter(filter);
      void this.filterStore.write(filter, this.tenant());
      this.showFilter();
      return;
    }
    void this.filterStore.write(filter, other);
    this.branches.setFilter(other, filter);
    // Its row says which filter its tree shows.
    const root = this.roots.of(other);
    if (root !== undefined) {
      root.filter = filter;
      this.changeEmitter.fire(root);
    }
  }

  /** `tenant` (named by a connection's row) when it is not the connection in use; undefined means the one in use. */
  private otherTenant(tenant: string | undefined): string | undefined {
    return tenant === undefined || sameTenant(tenant, this.tenant()) ? undefined : tenant;
  }

  /**
   * Applies and keeps a connection's grouping ("Group By…"): the one in use when `tenant` is not
   * given (or is the one in use), otherwise that tenant's tree under its row.
   */
  setGroupBy(mode: GroupByMode, tenant?: string): void {
    const other = this.otherTenant(tenant);
    if (other === undefined) {
      const name = this.tenant();
      if (name !== undefined) void this.groupByStore.write(name, mode);
      this.model.setGroupBy(mode);
      return;
    }
    void this.groupByStore.write(other, mode);
    this.branches.setGroupBy(other, mode);
  }

  /** The grouping of the connection in use, or of `tenant`. */
  getGroupBy(tenant?: string): GroupByMode {
    const other = this.otherTenant(tenant);
    return other === undefined ? this.model.getGroupBy() : this.groupByOf(other);
  }

  /** A connection's own grouping, or the setting's where it chose none. */
  private groupByOf(tenant: string | undefined): GroupByMode {
    return this.groupByStore.read(tenant) ?? this.settings()['tree.groupBy'];
  }

  /** As setBusy, on the row of a tenant not in use. */
  setBusyIn(tenant: string, workitemId: string, text: string | undefined): void {
    this.branches.setBusy(tenant, workitemId, text);
  }

  /** As showAnswer, in the tree of a tenant not in use. */
  showAnswerIn(tenant: string, workitem: Workitem | undefined): Promise<void> {
    return this.branches.showAnswer(tenant, workitem);
  }

  /** Shows `text` ("Holding…") with a spinner on the workitem's row; undefined removes it. */
  setBusy(workitemId: string, text: string | undefined): void {
    this.model.setBusy(workitemId, text);
  }

  /**
   * Loads the workitem's groups and page, expands them and selects its row. False when the tree
   * does not list it (the filter excludes it, or it is too far down its group); rejects with the
   * client's error (e.g. `notFound`) when it cannot be fetched.
   */
  async reveal(workitemId: string): Promise<boolean> {
    const located = await this.locatedNode(workitemId);
    if (located === undefined) {
      return false;
    }
    // VS Code's reveal walks the row's parents; with their rows redrawn under it (live changes
    // every few hundred ms) it can wait forever. Whoever waits for it (Open by ID, then the panel)
    // waits a few seconds at most.
    let timer: NodeJS.Timeout | undefined;
    const reveal = async (): Promise<boolean> => {
      let model: ModelNode | undefined = located;
      // A redraw that lands during the reveal can leave nothing selected, or move the row: again,
      // from where the row is now, once the redraw had a moment. Rows are compared by id: a redraw
      // may give a row a new node. Under the connections' rows a redraw from the top takes longer
      // (one level more), so a reveal may meet more than one.
      for (let attempt = 0; attempt < REVEAL_ATTEMPTS && model !== undefined; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, REVEAL_RETRY_PAUSE_MS));
        await this.view.reveal(this.nodeFor(model), { select: true, focus: true, expand: false });
        const revealed = model.id;
        if (this.view.selection.some((selected) => selected.id === revealed)) return true;
        model = await this.locatedNode(workitemId);
      }
      return false;
    };
    try {
      return await Promise.race([reveal(), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), REVEAL_TIMEOUT_MS)))]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The model node of the workitem's row, its groups and page loaded; undefined when the tree does not list it. */
  private async locatedNode(workitemId: string): Promise<ModelNode | undefined> {
    const nodeId = await this.model.locate(workitemId);
    return nodeId === undefined ? undefined : this.model.findNode(nodeId);
  }

  /** For the "Load more" row (the node, or its id). */
  async loadMore(node: unknown): Promise<void> {
    const id = nodeIdOf(node);
    if (id !== undefined && parseBranchNodeId(id) !== undefined) {
      await this.branches.loadMore(id);
    } else if (id !== undefined) {
      await this.model.loadMore(id);
    }
  }

  /** For an error row (the node, or its id). */
  async retry(node: unknown): Promise<void> {
    const id = nodeIdOf(node);
    if (id !== undefined && parseBranchNodeId(id) !== undefined) {
      await this.branches.retry(id);
    } else if (id !== undefined) {
      await this.model.retry(id);
    } else {
      await this.refresh();
    }
  }

  /**
   * The workitems of the selected rows of the tenant in use (groups, message rows and rows of
   * another tenant are skipped: a command from the palette acts on the tenant in use only).
   */
  selectedWorkitems(): Workitem[] {
    return this.view.selection
      .filter((node): node is WorkitemNode => node instanceof WorkitemNode && node.tenant === undefined)
      .map((node) => node.workitem);
  }

  getSelectedWorkitems(): Workitem[] {
    return this.selectedWorkitems();
  }

  /** The newest version of a workitem the tree has loaded. */
  getWorkitem(workitemId: string): Workitem | undefined {
    return this.model.getWorkitem(workitemId);
  }

  /** Visible top-level groups with their counts (for tests and the status bar). */
  rootGroupCounts(): GroupCount[] {
    return this.model.rootGroupCounts();
  }

  treeState(): TreeState {
    return this.state;
  }

  /** The tenants not in use whose trees are open now (built when their rows were opened). */
  otherTenantTrees(): { tenant: string; counts: GroupCount[] }[] {
    return this.branches.builtTenants().map((tenant) => ({ tenant, counts: this.branches.modelOf(tenant)?.rootGroupCounts() ?? [] }));
  }

  dispose(): void {
    this.branches.dispose();
    this.model.dispose();
    for (const disposable of this.disposables.splice(0)) {
      disposable.dispose();
    }
  }

  // ---- internals -----------------------------------------------------------------------------

  private async setExpanded(node: TreeNode, expanded: boolean): Promise<void> {
    if (node instanceof ConnectionRootNode || node.tenant !== undefined) {
      await this.branches.setExpanded(node.id, expanded);
    } else if (node instanceof ConnectionHintNode) {
      return;
    } else if (node instanceof PinnedNode) {
      await this.pinned.setExpanded(node.queryId, expanded);
    } else {
      await this.model.setExpanded(node.id, expanded);
    }
  }

  private pinnedRows(): PinnedNode[] {
    if (showsWelcomeInsteadOfRows(this.state)) return [];
    const rows = this.pinned.list().map((group) => {
      const id = group.query.id;
      const known = this.pinnedNodes.get(id);
      if (known !== undefined) {
        known.group = group;
        return known;
      }
      const created = new PinnedNode(group);
      this.pinnedNodes.set(id, created);
      return created;
    });
    for (const id of [...this.pinnedNodes.keys()]) {
      const gone = this.pinnedNodes.get(id);
      if (gone !== undefined && !rows.includes(gone)) {
        this.pinnedNodes.delete(id);
        this.forgetSubtree(gone.id);
      }
    }
    return rows;
  }

  /** Its page's workitems, as ordinary workitem rows (so every menu and action works on them). */
  private pinnedChildren(node: PinnedNode): TreeNode[] {
    const group = this.pinned.find(node.queryId);
    if (group === undefined) return [];
    const children = group.items.map((workitem) =>
      this.nodeFor({ kind: 'workitem', id: workitemNodeIdOf(node.id, workitem.workitemId), parentId: node.id, workitem }),
    );
    this.forgetChildren(node.id, children.map((child) => child.id));
    return children;
  }

  private onPinnedChange(): void {
    const before = new Set(this.pinnedNodes.keys());
    const now = this.pinned.list().map((group) => group.query.id);
    if (now.length !== before.size || now.some((id) => !before.has(id))) {
      this.changeEmitter.fire(undefined);
      return;
    }
    const rows = this.pinnedRows();
    if (rows.length > 0) this.changeEmitter.fire(rows);
  }

  /** The node of a model row; `tenant` for a row of a tenant not in use. */
  private nodeFor(model: ModelNode, tenant?: string): TreeNode {
    const existing = this.nodes.get(model.id);
    if (existing !== undefined && existing.kind === model.kind) {
      existing.update(model);
      return existing;
    }
    const created = createTreeNode(model);
    created.tenant = tenant;
    this.nodes.set(model.id, created);
    return created;
  }

  /** Drops the nodes of rows that left `parentId` (and everything under them). */
  private forgetChildren(parentId: string, current: readonly string[]): void {
    const kept = new Set(current);
    for (const id of this.childIds.get(parentId) ?? []) {
      if (!kept.has(id)) {
        this.forgetSubtree(id);
      }
    }
    this.childIds.set(parentId, current);
  }

  private forgetSubtree(id: string): void {
    this.nodes.delete(id);
    for (const childId of this.childIds.get(id) ?? []) {
      this.forgetSubtree(childId);
    }
    this.childIds.delete(id);
  }

  private onModelChange(change: ModelChange): void {
    if (change.nodeIds.includes(ROOT_ID)) {
      this.updateTreeState();
      this.changeEmitter.fire(undefined);
      return;
    }
    const changed: TreeNode[] = [];
    for (const id of change.nodeIds) {
      const node = this.nodes.get(id);
      const model = this.model.findNode(id);
      if (node !== undefined && model !== undefined) {
        node.update(model);
        changed.push(node);
      }
    }
    if (changed.length > 0) {
      this.changeEmitter.fire(changed);
    }
  }

  private onConfigurationChange(event: vscode.ConfigurationChangeEvent): void {
    if (!event.affectsConfiguration(SETTINGS_SECTION)) {
      return;
    }
    const settings = this.settings();
    this.model.setGroupBy(this.groupByOf(this.tenant()));
    this.model.setPageSize(settings['tree.pageSize']);
    this.model.setSortBy(settings['tree.sortBy']);
    this.model.setChangeFeed(settings['tree.changeFeed']);
    this.branches.applySettings();
    this.refreshManager.reschedule();
  }

  private updateTreeState(): void {
    const next = treeStateOf(this.model.rootStatus());
    const status = this.model.rootStatus();
    // A lone view's description is hidden behind the container's title, so the active filter is
    // also shown as the view's message, unless a failure needs that place.
    const filter = this.model.getFilter();
    const offlineSince = this.model.offlineSince();
    const message: Shown | undefined =
      status.kind === 'failed' && showsWelcomeInsteadOfRows(next)
        ? shown(status.failure.message)
        : offlineSince !== undefined
          ? offlineMessage(offlineSince, this.settings().refreshIntervalSeconds, filter)
          : filter === undefined
            ? undefined
            : l10n.t('Filter: {0}', filter);
    this.view.message = message;
    if (next !== this.state) {
      this.state = next;
      void this.setContext(CONTEXT_KEYS.treeState, next);
    }
  }

  private showFilter(): void {
    const filter = this.model.getFilter();
    const tenant = this.tenant();
    const filtered: Shown | undefined = filter === undefined ? undefined : l10n.t('Filter: {0}', filter);
    const description: Shown | undefined =
      tenant === undefined ? filtered : filtered === undefined ? shown(tenant) : ours(`${shown(tenant)} · ${filtered}`);
    this.view.description = description;
    void this.setContext(CONTEXT_KEYS.treeFiltered, filter !== undefined);
    this.updateTreeState();
  }

  private async setContext(key: string, value: unknown): Promise<void> {
    await vscode.commands.executeCommand('setContext', key, value);
  }
}

function nodeIdOf(node: unknown): string | undefined {
  if (node instanceof TreeNode) {
    return node.id;
  }
  return typeof node === 'string' ? node : undefined;
}

/** The rows stay as last loaded; the message says since when and what happens next. */
function offlineMessage(since: number, intervalSeconds: number, filter: string | undefined): Shown {
  const time = formatTimeOfDay(since, { locale: vscode.env.language });
  const line =
    intervalSeconds > 0
      ? l10n.t('Offline since {0} — retrying every {1} s. Showing what was last loaded.', time, intervalSeconds)
      : l10n.t('Offline since {0} — Refresh to try again. Showing what was last loaded.', time);
  return filter === undefined ? line : l10n.t('{0} Filter: {1}', line, filter);
}
