// One webview panel per workitem: opening an open one reveals it, panels survive a window reload
// (WebviewPanelSerializer), and each panel's behaviour lives in a DetailPanelController.
import type { NameLookup } from '../model/names/nameDirectory';
import * as vscode from 'vscode';
import type { Queue } from '../api/schemas';
import type { WorkitemAction } from '../api/domain';
import type { Workitem } from '../api/schemas';
import type { ValidationIssue, WorkitemsApi } from '../api/workitemsApi';
import * as z from '../api/zodMini';
import { COMMANDS, DETAIL_PANEL_VIEW_TYPE } from '../contributions';
import { DetailPanelController, type DetailPanelControllerDeps, type DetailPanelSnapshot, type PanelActionResult, type PanelHost } from './detailPanelController';
import type { ExtensionMessage } from './messages';
import { createNonce } from './nonce';
import { panelTitle } from './panelTitle';
import type { PanelTenant } from './detail/header';
import { tenantColor } from '../connection/tenantColor';
import { SANDBOX_TENANT } from '../connection/tenantName';


/** Panels are told apart by tenant and id: the same id on two tenants is two workitems. */
function panelKey(tenant: string | undefined, workitemId: string): string {
  return `${tenant ?? ''}\n${workitemId}`;
}
import { privacyMode } from '../model/privacy/privacyMode';
import { mayCopyUnmasked } from '../privacy/unmaskedCopy';
import { VscodeUi } from '../ui/vscodeUi';

export interface DetailPanelDeps {
  extensionUri: vscode.Uri;
  /** The current client (changes on sign-in). */
  getApi(): WorkitemsApi;
  /** Of the current token. */
  permissions(): readonly string[];
  /** Same code path as the commands. */
  runAction(action: WorkitemAction, workitemId: string): Promise<PanelActionResult>;
  log: vscode.LogOutputChannel;
  /** 0 = no auto-refresh. */
  refreshIntervalMs(): number;
  /** The tenant's queues, when known (names and SLAs in the timeline picture). */
  queues?(): readonly Queue[];
  /** Names for the ids a panel shows. */
  names?: NameLookup;
  /** The Watch button. */
  watch?: DetailPanelControllerDeps['watch'];
  /** Protected tenants: buttons disabled with the reason, and the way to allow actions. */
  protection?: DetailPanelControllerDeps['protection'];
  /** The tenant the inspector is connected to now: a panel opened now belongs to it. */
  tenant?(): PanelTenant;
}

export type { DetailPanelSnapshot } from './detailPanelController';

/** What the page stores with `vscode.setState`; only the id matters for restoring. */
const RestoredStateSchema = z.looseObject({ workitemId: z.string().check(z.minLength(1)), tenant: z.optional(z.string().check(z.minLength(1))) });

interface OpenPanel {
  panel: vscode.WebviewPanel;
  controller: DetailPanelController;
}

export class DetailPanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, OpenPanel>();
  private readonly mediaUri: vscode.Uri;
  private readonly focusEmitter = new vscode.EventEmitter<string | undefined>();
  /** The panel with the focus, and its tenant. */
  private focused: { panel: vscode.WebviewPanel; tenant: string } | undefined;

  constructor(private readonly deps: DetailPanelDeps) {
    this.mediaUri = vscode.Uri.joinPath(deps.extensionUri, 'media');
  }

  /** Opens (or reveals and refreshes) the panel; resolves once its page posted `ready`. */
  async open(workitemId: string, issues?: ValidationIssue[]): Promise<void> {
    const tenant = this.deps.tenant?.();
    const existing = this.panels.get(panelKey(tenant?.name, workitemId));
    if (existing) {
      const shown = this.untilVisible(existing.panel);
      existing.panel.reveal();
      await shown;
      if (issues) existing.controller.setIssues(issues);
      await existing.controller.refresh();
      await existing.controller.whenReady();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      DETAIL_PANEL_VIEW_TYPE,
      panelTitle(workitemId, tenant?.name),
      vscode.ViewColumn.Active,
      this.panelOptions(),
    );
    await this.attach(panel, workitemId, tenant, issues ?? []).load();
  }

  /** Adopts a panel VS Code restored after a reload; `state` is what the page last saved. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const parsed = RestoredStateSchema.safeParse(state);
    if (!parsed.success) {
      this.deps.log.warn('Detail panel: closing a restored panel without a workitem id.');
      panel.dispose();
      return;
    }
    const { workitemId } = parsed.data;
    // A page saved before panels knew their tenant belongs to the tenant connected now.
    const current = this.deps.tenant?.();
    const tenant = parsed.data.tenant === undefined || current === undefined || parsed.data.tenant === current.name ? current : this.tenantNamed(parsed.data.tenant);
    if (this.panels.has(panelKey(tenant?.name, workitemId))) {
      panel.dispose();
      return;
    }
    panel.title = panelTitle(workitemId, tenant?.name);
    panel.webview.options = this.panelOptions();
    try {
      await this.attach(panel, workitemId, tenant, []).load();
    } catch (error) {
      this.deps.log.warn(`Detail panel ${workitemId}: restore did not complete: ${String(error)}`);
    }
  }

  /** Re-fetches one panel, or every open panel when no id is given. */
  async refresh(workitemId?: string): Promise<void> {
    const targets =
      workitemId !== undefined ? [this.current(workitemId)].filter((open) => open !== undefined) : [...this.panels.values()];
    await Promise.all(targets.map(({ controller }) => controller.refresh()));
  }

  /** Shows what an action answered in the workitem's open panel (no request). */
  show(workitem: Workitem): void {
    this.current(workitem.workitemId)?.controller.showAnswer(workitem);
  }

  /** Whether the workitem's panel is open in the tenant connected now. */
  isOpen(workitemId: string): boolean {
    return this.current(workitemId) !== undefined;
  }

  /** What the panel shows (for integration tests, which cannot read inside the webview). */
  lastRendered(workitemId: string): DetailPanelSnapshot | undefined {
    return this.current(workitemId)?.controller.snapshot();
  }

  /** What every open panel shows, whichever tenant it belongs to (for integration tests). */
  snapshots(): DetailPanelSnapshot[] {
    return [...this.panels.values()].map(({ controller }) => controller.snapshot());
  }

  /** The HTML the open panel was last given (for integration tests that check what a page holds). */
  lastHtml(workitemId: string): string | undefined {
    return this.current(workitemId)?.panel.webview.html;
  }

  /** What panels show besides the workitem changed (names, watches): they draw again, no request. */
  redrawAll(): void {
    for (const { controller } of this.panels.values()) controller.redraw();
  }

  dispose(): void {
    for (const { panel } of [...this.panels.values()]) {
      panel.dispose();
    }
    this.panels.clear();
    this.focusEmitter.dispose();
  }

  /** The tenant of the detail panel that has the focus (undefined when none has it). */
  get focusedTenant(): string | undefined {
    return this.focused?.tenant;
  }

  /** Fires when the focused panel's tenant changes (a panel focused, left or closed). */
  readonly onDidChangeFocusedTenant = this.focusEmitter.event;

  private focusChanged(tenant: string | undefined, panel: vscode.WebviewPanel): void {
    const before = this.focused?.tenant;
    if (tenant !== undefined) this.focused = { panel, tenant };
    else if (this.focused?.panel === panel) this.focused = undefined;
    if (this.focused?.tenant !== before) this.focusEmitter.fire(this.focused?.tenant);
  }

  /** The workitem's panel in the tenant connected now. */
  private current(workitemId: string): OpenPanel | undefined {
    return this.panels.get(panelKey(this.deps.tenant?.().name, workitemId));
  }

  /** Another tenant than the one connected now, by name (its colour follows from it). */
  private tenantNamed(name: string): PanelTenant {
    return { name, color: tenantColor(name, name === SANDBOX_TENANT) };
  }

  /** Resolves when the panel is visible (reveal reports it by event), or after a few seconds regardless. */
  private untilVisible(panel: vscode.WebviewPanel): Promise<void> {
    if (panel.visible) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      };
      const timer = setTimeout(done, 5000);
      const subscription = panel.onDidChangeViewState((event) => {
        if (event.webviewPanel.visible) done();
      });
    });
  }

  private panelOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [this.mediaUri], enableFindWidget: true };
  }

  private attach(panel: vscode.WebviewPanel, workitemId: string, tenant: PanelTenant | undefined, issues: readonly ValidationIssue[]): DetailPanelController {
    const key = panelKey(tenant?.name, workitemId);
    const webview = panel.webview;
    const host: PanelHost = {
      cspSource: webview.cspSource,
      assets: {
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaUri, 'detail.js')).toString(),
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaUri, 'detail.css')).toString(),
      },
      isVisible: () => panel.visible,
      setHtml: (html) => {
        webview.html = html;
      },
      postMessage: (message: ExtensionMessage) => webview.postMessage(message),
    };
    const controller = new DetailPanelController(
      workitemId,
      host,
      {
        getApi: () => this.deps.getApi(),
        permissions: () => this.deps.permissions(),
        runAction: (action, id) => this.deps.runAction(action, id),
        log: this.deps.log,
        refreshIntervalMs: () => this.deps.refreshIntervalMs(),
        queues: () => this.deps.queues?.() ?? [],
        ...(this.deps.names ? { names: this.deps.names } : {}),
        ...(this.deps.watch ? { watch: this.deps.watch } : {}),
        ...(this.deps.protection ? { protection: this.deps.protection } : {}),
        ...(tenant
          ? {
              tenant: {
                panel: tenant,
                awayTo: () => {
                  const now = this.deps.tenant?.().name;
                  return now === undefined || now === tenant.name ? undefined : now;
                },
              },
            }
          : {}),
        openWorkitem: (id) => this.open(id),
        l10n: vscode.l10n,
        time: () => ({ locale: vscode.env.language }),
        now: () => Date.now(),
        createNonce,
        copyText: async (text) => {
          await vscode.env.clipboard.writeText(text);
        },
        confirmUnmaskedCopy: () => mayCopyUnmasked(new VscodeUi(), privacyMode),
        copyLink: async (id) => {
          await vscode.commands.executeCommand(COMMANDS.copyLink, id);
        },
      },
      issues,
    );
    const subscriptions = [
      webview.onDidReceiveMessage((raw: unknown) => controller.handleMessage(raw)),
      panel.onDidChangeViewState((event) => {
        controller.visibilityChanged(event.webviewPanel.visible);
        this.focusChanged(event.webviewPanel.active ? tenant?.name : undefined, panel);
      }),
    ];
    panel.onDidDispose(() => {
      controller.dispose();
      subscriptions.forEach((subscription) => subscription.dispose());
      if (this.panels.get(key)?.panel === panel) {
        this.panels.delete(key);
      }
      this.focusChanged(undefined, panel);
    });
    if (panel.active) this.focusChanged(tenant?.name, panel);
    this.panels.set(key, { panel, controller });
    return controller;
  }
}

/** Restores detail panels after a window reload (the page saved `{ workitemId }` with setState). */
export function registerDetailPanelSerializer(manager: DetailPanelManager): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(DETAIL_PANEL_VIEW_TYPE, {
    deserializeWebviewPanel: (panel: vscode.WebviewPanel, state: unknown) => manager.restore(panel, state),
  });
}
