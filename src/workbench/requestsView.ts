// The request inspector: the session's HTTP exchanges, newest first, filterable by status and
// path; opening one shows its request and response as a read-only document.
import { shownTreeItem } from '../views/tree/treeItems';
import { VscodeUi } from '../ui/vscodeUi';
import { createShownTreeView, type ShownTreeView } from '../ui/shownViews';
import * as vscode from 'vscode';
import { EXCHANGE_BODY_LIMIT } from '../api/exchange';
import { ExchangeLog, pathAndQuery, renderExchange, type ExchangeFilter, type LoggedExchange } from '../inspector/exchangeLog';
import { shown } from '../model/format/shownText';
import { l10n } from '../ui/l10n';
import { REQUESTS_VIEW_ID, WORKBENCH_COMMANDS } from '../contributions';

export const EXCHANGE_SCHEME = 'ncx-exchange';

export class RequestsView implements vscode.TreeDataProvider<LoggedExchange>, vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filter: ExchangeFilter = {};
  private readonly view: ShownTreeView<LoggedExchange>;
  private readonly disposables: vscode.Disposable[];
  private pendingRefresh: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly log: ExchangeLog) {
    this.view = createShownTreeView(REQUESTS_VIEW_ID, this);
    this.disposables = [
      this.view,
      vscode.workspace.registerTextDocumentContentProvider(EXCHANGE_SCHEME, this),
      log.onDidChange(() => {
        // Exchanges come in bursts (a page walk); one repaint per burst is enough.
        this.pendingRefresh ??= setTimeout(() => {
          this.pendingRefresh = undefined;
          if (this.view.view.visible) this.changed.fire(undefined);
        }, 250);
      }),
      this.view.view.onDidChangeVisibility(() => this.changed.fire(undefined)),
    ];
  }

  getChildren(element?: LoggedExchange): LoggedExchange[] {
    return element ? [] : this.log.list(this.filter);
  }

  getTreeItem(exchange: LoggedExchange): vscode.TreeItem {
    const status = exchange.status !== undefined ? String(exchange.status) : (exchange.error ?? '—');
    const item = shownTreeItem({ label: shown(`${status} ${exchange.method} ${pathAndQuery(exchange.url)}`) }, vscode.TreeItemCollapsibleState.None);
    item.description = l10n.t(
      '{0} ms · {1} chars · attempt {2} · {3}',
      exchange.durationMs,
      exchange.size,
      exchange.attempt,
      exchange.connection,
    );
    item.tooltip = shown(`${exchange.method} ${exchange.url}\n${new Date(exchange.startedAt).toISOString()}`);
    item.contextValue = 'exchange';
    item.iconPath = new vscode.ThemeIcon(
      exchange.status !== undefined && exchange.status < 400 ? 'pass' : 'error',
    );
    item.command = { command: WORKBENCH_COMMANDS.showRequest, title: l10n.t('Show Request'), arguments: [exchange] };
    return item;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const exchange = this.log.get(Number(/^\/(\d+)/.exec(uri.path)?.[1]));
    return exchange ? renderExchange(exchange, EXCHANGE_BODY_LIMIT) : l10n.t('This exchange is no longer kept (the inspector keeps the newest {0}).', this.log.capacity);
  }

  async show(exchange: LoggedExchange): Promise<void> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: EXCHANGE_SCHEME, path: `/${exchange.id}.http` }));
    await vscode.window.showTextDocument(document, { preview: true });
  }

  async chooseFilter(): Promise<void> {
    const status = await new VscodeUi().input({
      title: l10n.t('Filter requests (1/2): status'),
      prompt: l10n.t('A status such as 200, 4xx or 5xx, or "error"; empty for any.'),
      value: this.filter.status ?? '',
    });
    if (status === undefined) return;
    const path = await new VscodeUi().input({
      title: l10n.t('Filter requests (2/2): path'),
      prompt: l10n.t('A part of the path and query; empty for any.'),
      value: this.filter.path ?? '',
    });
    if (path === undefined) return;
    this.setFilter({ status, path });
  }

  setFilter(filter: ExchangeFilter): void {
    this.filter = filter;
    const parts = [filter.status, filter.path].filter((part) => part !== undefined && part.trim() !== '');
    this.view.setDescription(parts.length > 0 ? shown(parts.join(' · ')) : undefined);
    this.changed.fire(undefined);
  }

  dispose(): void {
    clearTimeout(this.pendingRefresh);
    this.disposables.forEach((disposable) => disposable.dispose());
    this.changed.dispose();
  }
}
