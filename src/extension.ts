// Entry point: builds the log, the connection, the tree, the detail panels and the commands, and
// hands every disposable to VS Code. Nothing here fetches: the view asks the connection for data
// when it is first shown, and that is when the local sandbox starts.
import * as vscode from 'vscode';
import type { WorkitemAction } from './api/domain';
import { ActionRunner, type ActionOutcome } from './commands/actionRunner';
import { panelHooks, treeHooks } from './commands/adapters';
import { COMMANDS, VIEW_CONTAINER_ID } from './contributions';
import type { CommandContext } from './commands/context';
import { registerCommands } from './commands/registerCommands';
import type { Connection } from './connection/connection';
import { createConnection } from './connection/createConnection';
import { showRejectedToken } from './connection/rejectedTokenNotice';
import { createConnectionStatusBar } from './connection/statusBar';
import { createRateStatusBar } from './connection/rateStatusBar';
import { createProtectionStatusBar } from './connection/protectionStatusBar';
import { ActionLock } from './model/protection/actionLock';
import { protectionOf } from './commands/protection';
import { LiveService } from './live/liveService';
import { NameDirectory } from './model/names/nameDirectory';
import { EventsView } from './views/events/eventsView';
import { WatchedView } from './views/watched/watchedView';
import { WatchList } from './model/live/watchList';
import { startWatchNotifier } from './live/watchNotifier';
import { createOutputChannelLog } from './log/outputChannelLog';
import { deferredWorkitemsApi } from './connection/deferredApi';
import { installTranslator } from './ui/l10n';
import { privacyMode, type PrivacyModeStore } from './model/privacy/privacyMode';
import { maskingUi } from './privacy/maskingUi';
import { createPrivacyStatusBar } from './privacy/privacyStatusBar';
import { actionAudit } from './audit/actionAudit';
import { AuditLog } from './audit/auditLog';
import type { TenantHooks } from './commands/tenantHooks';
import { tenantName } from './connection/tenantName';
import { ConnectionsView } from './views/connections/connectionsView';
import { tenantColor } from './connection/tenantColor';
import { findProfile, isProtectedProfile, type ConnectionProfile } from './connection/profiles/connectionProfile';
import { currentConnectionRows } from './commands/connections';
import { VscodeUi } from './ui/vscodeUi';
import { onDidChangeSettings, readSettings } from './ui/vscodeSettings';
import { WorkitemTreeProvider } from './views/tree/workitemTreeProvider';
import { DetailPanelManager, registerDetailPanelSerializer } from './webviews/detailPanelManager';
import { QueryLibrary } from './model/queries/queryLibrary';
import { createWorkbench, type Workbench, type WorkbenchApi } from './workbench/registerWorkbench';

/**
 * What `activate` returns, for integration tests:
 * `vscode.extensions.getExtension('workitem-inspector.workitem-inspector').exports`.
 * - `tree`: the Workitems view's provider (refresh, setFilter, reveal, rootGroupCounts…);
 * - `panels`: the detail panel manager (open, isOpen, lastRendered…);
 * - `connection`: state, permissions, getApi(), signIn(), signOut(), useSandbox(), onDidChange*;
 * - `runAction(action, workitemId)`: the same action path as the commands and the panel buttons
 *   (permission check, confirmation for hang-up, spinner, one request at a time, refresh).
 * - `storage`: read-only views of what the extension keeps on disk, so tests can check that no
 *   secret lands there.
 */
export interface WorkitemInspectorApi {
  readonly tree: WorkitemTreeProvider;
  readonly panels: DetailPanelManager;
  readonly connection: Connection;
  runAction(action: WorkitemAction, workitemId: string): Promise<ActionOutcome>;
  readonly storage: StoredStateView;
  /** Privacy mode: `enabled`, `set()`, `toggle()`, `view(workitem)`. */
  readonly privacy: PrivacyModeStore;
  /** The action history (`file`, `read()`). */
  readonly history: AuditLog;
  /** Query results, JSON documents, the request inspector. */
  readonly workbench: WorkbenchApi;
  /** Live workitem changes (events socket, or the change feed): mode, onDidChange. */
  readonly live: LiveService;
  /** The Events view (its tail, rows shown, filter, pause). */
  readonly events: EventsView;
  /** Watched workitems, per tenant (they survive a reload). */
  readonly watches: WatchList;
  /** The Connections view (its rows as last drawn). */
  readonly connections: ConnectionsView;
}

export interface StoredStateView {
  /** The folder VS Code gives this extension for logs: the log output channel's file is below it. */
  readonly logUri: vscode.Uri;
  /** Copies of every key of globalState and workspaceState, as stored now. */
  mementos(): { global: Record<string, unknown>; workspace: Record<string, unknown> };
}

function storedStateView(context: vscode.ExtensionContext): StoredStateView {
  const copy = (memento: vscode.Memento): Record<string, unknown> =>
    Object.fromEntries(memento.keys().map((key) => [key, memento.get<unknown>(key)]));
  return {
    logUri: context.logUri,
    mementos: () => ({ global: copy(context.globalState), workspace: copy(context.workspaceState) }),
  };
}

function tenantHooks(context: vscode.ExtensionContext, history: AuditLog): TenantHooks {
  return {
    history,
    linkTarget: { scheme: vscode.env.uriScheme, authority: context.extension.id },
    chooseExportFile: async () =>
      (
        await vscode.window.showSaveDialog({
          title: vscode.l10n.t('Export Action History'),
          filters: { [vscode.l10n.t('JSON Lines')]: ['jsonl'] },
          defaultUri: vscode.Uri.file('action-history.jsonl'),
        })
      )?.fsPath,
  };
}

/**
 * Whatever brings a panel up to date (a refresh, or an action's answer shown as it is) also
 * re-reads that workitem's JSON documents, so "Compare with Previous" sees what the action changed.
 */
function withDocumentRefresh(hooks: CommandContext['panels'], refreshDocuments: (workitemId?: string) => void): CommandContext['panels'] {
  return {
    ...hooks,
    refresh: (workitemId) => {
      refreshDocuments(workitemId);
      hooks.refresh(workitemId);
    },
    show: (workitem) => {
      refreshDocuments(workitem.workitemId);
      hooks.show(workitem);
    },
  };
}

let stopConnection: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): WorkitemInspectorApi {
  installTranslator(vscode.l10n);
  privacyMode.attach(context.globalState);
  const log = createOutputChannelLog((message) => privacyMode.text(message));
  const ui = maskingUi(new VscodeUi(), privacyMode);
  // Built after the connection, which already needs its exchange callback.
  let workbench: Workbench | undefined = undefined;
  const { connection, gates, sessions, profiles, tenants, disposables: connectionParts } = createConnection(context, log, {
    onExchange: (exchange) => workbench?.onExchange(exchange),
    onLocation: (location) => workbench?.setLocation(location),
  });
  stopConnection = () => connection.dispose();
  const api = deferredWorkitemsApi(() => connection.getApi());
  const history = new AuditLog(context.globalStorageUri.fsPath);
  const queryLibrary = new QueryLibrary(context.globalState);
  const watches = new WatchList(context.globalState);
  /** The named connection in use (undefined on the sandbox, or for a tenant not in the list). */
  const currentProfile = (): ConnectionProfile | undefined =>
    connection.state.mode === 'ncx' ? findProfile(profiles.list(), tenantName(connection.state)) : undefined;
  // Protected tenants: each NCX tenant as its connection says (by default `ncx.protected`); never the sandbox.
  const actionLock = new ActionLock();
  const isProtectedTenant = (tenant: string | undefined): boolean => isProtectedProfile(findProfile(profiles.list(), tenant), readSettings()['ncx.protected']);
  const protection = protectionOf(actionLock, {
    tenant: () => (connection.state.mode === 'ncx' ? tenantName(connection.state) : undefined),
    isProtected: () => connection.state.mode === 'ncx' && isProtectedTenant(tenantName(connection.state)),
  });
  /** The library's key for the connection: `sandbox`, the tenant's host, or `ncx` before sign-in tells it. */
  const currentTenant = (): string => tenantName(connection.state) ?? 'ncx';

  // Queue, agent, disposition and campaign names, for every surface that shows those ids.
  const names = new NameDirectory(api);
  const tree = new WorkitemTreeProvider({
    api,
    names,
    workspaceState: context.workspaceState,
    permissions: () => connection.permissions,
    tenant: () => tenantName(connection.state),
    // Built below; the view asks for its rows only once shown.
    connections: {
      rows: () => currentConnectionRows(ctx, profiles),
      apiFor: (tenant) => tenants.apiFor(tenant),
      permissionsOf: (tenant) => tenants.identityOf(tenant)?.authorities ?? [],
    },
    log,
    onRefreshError: (error) => log.warn(`Auto-refresh failed: ${error instanceof Error ? error.message : String(error)}`),
  });
  const runAction = (action: WorkitemAction, workitemId: string): Promise<ActionOutcome> => runner.run(action, workitemId);
  const panels = new DetailPanelManager({
    extensionUri: context.extensionUri,
    getApi: () => api,
    permissions: () => connection.permissions,
    runAction: (action, workitemId) => runner.attempt(action, workitemId),
    log: log.channel,
    refreshIntervalMs: () => readSettings().refreshIntervalSeconds * 1000,
    queues: () => names.queues(),
    names,
    protection: {
      lockedReason: () => protection.lockedReason(),
      allow: async () => {
        await vscode.commands.executeCommand(COMMANDS.allowActions);
      },
    },
    tenant: () => ({ name: currentTenant(), color: tenantColor(currentTenant(), connection.state.mode === 'sandbox', currentProfile()?.color) }),
    watch: {
      isWatched: (id) => watches.isWatched(currentTenant(), id),
      // Through the commands, so the panel says what the tree and the palette say.
      toggle: async (id, workitem) => {
        const command = watches.isWatched(currentTenant(), id) ? COMMANDS.unwatch : COMMANDS.watch;
        await vscode.commands.executeCommand(command, workitem ?? id);
      },
    },
  });
  const ctx: CommandContext = {
    ui,
    log,
    connection,
    tree: treeHooks(tree, log),
    panels: withDocumentRefresh(panelHooks(panels, log), (id) => workbench?.refreshDocuments(id)),
    settings: { get: readSettings },
    showLog: () => log.show(),
    tenants: tenantHooks(context, history),
    names,
    watches: {
      watch: (id, workitem) => watches.watch(currentTenant(), id, workitem),
      unwatch: (ids) => watches.unwatch(currentTenant(), ids),
      clear: () => watches.clear(currentTenant()),
      watched: () => watches.of(currentTenant()).map((watch) => watch.workitemId),
      tenant: currentTenant,
    },
    protection,
    profiles,
    // A row of a tenant not in use is acted on through that tenant alone (src/commands/otherTenantScope.ts).
    otherTenants: {
      apiFor: (tenant) => tenants.apiFor(tenant),
      identityOf: (tenant) => tenants.identityOf(tenant),
      setBusy: (tenant, workitemId, text) => tree.setBusyIn(tenant, workitemId, text),
      showAnswer: (tenant, workitem) => {
        tree.showAnswerIn(tenant, workitem).catch((error: unknown) => log.warn(`Showing an action in ${tenant}'s tree failed: ${String(error)}`));
      },
      protectionOf: (tenant) => protectionOf(actionLock, { tenant: () => tenant, isProtected: () => isProtectedTenant(tenant) }),
      auditOf: (tenant, user) =>
        actionAudit({ record: (entry) => history.record(entry), where: () => ({ tenant, ...(user() ? { user: user() } : {}) }), log }),
    },
  };
  const runner = new ActionRunner({
    ...ctx,
    audit: actionAudit({
      record: (entry) => history.record(entry),
      where: () => ({ tenant: currentTenant(), ...(connection.state.username ? { user: connection.state.username } : {}) }),
      log,
    }),
  });
  const showPins = (): void => tree.setPinnedQueries(queryLibrary.pinned(currentTenant()));
  showPins();
  const pinsFollowLibrary = queryLibrary.onDidChange(showPins);
  workbench = createWorkbench({
    extensionUri: context.extensionUri,
    getApi: () => connection.getApi(),
    connectionState: () => connection.state,
    authScheme: () => currentProfile()?.authScheme ?? readSettings()['ncx.authScheme'],
    groupQueryOf: (groupId) => tree.groupQueryOf(groupId),
    selectedWorkitemIds: () => tree.selectedWorkitems().map((item) => item.workitemId),
    openDetails: (workitemId) => panels.open(workitemId),
    log,
    library: queryLibrary,
    tenant: currentTenant,
  });
  const live = new LiveService({
    connection,
    api,
    log,
    showInTree: (workitems) => tree.showPushed(workitems),
    refreshTree: () => tree.refreshCycle(),
    showInPanels: (workitems) => workitems.forEach((workitem) => panels.show(workitem)),
  });
  const watched = new WatchedView({ list: watches, tenant: currentTenant, names });
  const connectionsView = new ConnectionsView({ rows: () => currentConnectionRows(ctx, profiles) });
  const events = new EventsView({
    live,
    connection: () => connection.state.host ?? connection.state.mode,
    names,
  });

  context.subscriptions.push(
    log,
    ...connectionParts,
    tree,
    panels,
    registerDetailPanelSerializer(panels),
    ...registerCommands(ctx, runner),
    createConnectionStatusBar(connection, panels),
    createRateStatusBar(gates),
    createProtectionStatusBar(actionLock, protection, [connection.onDidChangeState, vscode.workspace.onDidChangeConfiguration]),
    // Locked or allowed, the panels' buttons follow.
    new vscode.Disposable(actionLock.onDidChange(() => panels.redrawAll()).dispose),
    createPrivacyStatusBar(privacyMode),
    privacyMode.onDidChange(() => ctx.panels.refresh()),
    vscode.window.registerUriHandler({
      handleUri: (uri) => void vscode.commands.executeCommand(COMMANDS.openLink, uri.toString()),
    }),
    ...workbench.disposables,
    live,
    events,
    watched,
    connectionsView,
    // What a connection row says: in use, signed in, protected.
    new vscode.Disposable(connection.onDidChangeState(() => connectionsView.refresh()).dispose),
    sessions.onDidChange(() => {
      connectionsView.refresh();
      tree.connectionsChanged();
    }),
    onDidChangeSettings((affects) => {
      if (affects('connections') || affects('ncx.protected') || affects('ncx.authScheme')) {
        connectionsView.refresh();
        tree.connectionsChanged();
      }
    }),
    startWatchNotifier({ list: watches, live, tenant: currentTenant, names, ui, log, open: (id) => panels.open(id) }),
    names.onDidChange(() => watched.refresh()),
    connection.onDidChangeConnection(() => watched.refresh()),
    connection.onDidChangeConnection(() => names.reset()),
    names.onDidChange(() => panels.redrawAll()),
    // Only a watch starting or ending changes a panel (its Watch button).
    new vscode.Disposable(watches.onDidChange((membership) => membership && panels.redrawAll()).dispose),
    connection.onDidChangeConnection(() => {
      tree.reload();
      showPins();
      workbench?.api.queries.refresh();
      ctx.panels.refresh();
    }),
    { dispose: () => pinsFollowLibrary.dispose() },
    connection.onDidRejectToken((state) => {
      showRejectedToken(ui, state)
        .then((choice) =>
          // Sign In goes straight to the tenant that refused the session.
          choice ? vscode.commands.executeCommand(COMMANDS[choice], ...(choice === 'signIn' && state.tenant !== undefined ? [state.tenant] : [])) : undefined,
        )
        .then(undefined, (error: unknown) => log.error(`Offering to sign in again: ${String(error)}`));
    }),
  );
  if (context.extensionMode === vscode.ExtensionMode.Development && process.env.WORKITEM_INSPECTOR_SHOW_VIEW === '1') {
    // `npm start` asks for the view to be in front; showing it is what lets the sandbox start.
    void vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER_ID}`).then(undefined, () => undefined);
  }
  return {
    tree,
    panels,
    connection,
    runAction,
    storage: storedStateView(context),
    privacy: privacyMode,
    history,
    workbench: workbench.api,
    live,
    events,
    watches,
    connections: connectionsView,
  };
}

/** Awaited by VS Code: the sandbox child process is stopped before the extension host exits. */
export async function deactivate(): Promise<void> {
  await stopConnection?.();
  stopConnection = undefined;
}
