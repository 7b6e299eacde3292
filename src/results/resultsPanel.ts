// The results of a query in a webview: a virtualized table whose page asks for exactly the rows it
// is about to show (one search with that `start` and `rows`), the total, sorting by a header (a new
// search with `sort`), columns chosen by the user, and a row that opens the workitem's panel.
import { VscodeUi } from '../ui/vscodeUi';
import { createShownWebviewPanel } from '../ui/shownViews';
import * as vscode from 'vscode';
import type { WorkitemsApi } from '../api/workitemsApi';
import { renderPage } from '../webviews/html/page';
import { html } from '../webviews/html/escape';
import { createNonce } from '../webviews/nonce';
import { l10n } from '../ui/l10n';
import { RESULTS_VIEW_TYPE } from '../contributions';
import { rowCells } from './cells';
import { checkedUpdate, parseResultsRequest, type ResultsRequest, type ResultsUpdate } from './resultsMessages';


export interface ResultsQuery {
  q: string;
  sort?: string;
  columns: string[];
  /** Shown in the panel's title. */
  title: string;
}

export interface ResultsDeps {
  extensionUri: vscode.Uri;
  getApi(): Promise<WorkitemsApi>;
  openDetails(workitemId: string): Promise<void>;
  exportQuery(query: ResultsQuery): Promise<void>;
  copyCurl(query: ResultsQuery): Promise<void>;
  log: { warn(message: string): void };
}

/** What the panel last sent, for integration tests (they cannot read inside the webview). */
export interface ResultsSnapshot {
  query: ResultsQuery;
  total: number;
  start: number;
  ids: string[];
  cells: string[][];
}

function parseSort(sort: string | undefined): { column: string; direction: 'asc' | 'desc' } | null {
  const first = sort?.split(',')[0]?.trim().split(/\s+/);
  const column = first?.[0];
  return column ? { column, direction: first?.[1] === 'desc' ? 'desc' : 'asc' } : null;
}

export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private query: ResultsQuery | undefined;
  private generation = 0;
  private total = 0;
  private snapshot: ResultsSnapshot | undefined;
  private readonly rowsSent = new vscode.EventEmitter<ResultsSnapshot>();
  /** Fires each time rows are posted to the page. */
  readonly onDidSendRows = this.rowsSent.event;

  constructor(private readonly deps: ResultsDeps) {}

  get current(): ResultsQuery | undefined {
    return this.query;
  }

  lastSnapshot(): ResultsSnapshot | undefined {
    return this.snapshot;
  }

  async show(query: ResultsQuery): Promise<void> {
    this.query = query;
    if (!this.panel) {
      const mediaUri = vscode.Uri.joinPath(this.deps.extensionUri, 'media');
      this.panel = createShownWebviewPanel(RESULTS_VIEW_TYPE, l10n.t('Query Results'), vscode.ViewColumn.Beside, {
        enableScripts: true,
        localResourceRoots: [mediaUri],
        retainContextWhenHidden: true,
      });
      const panel = this.panel;
      const webview = panel.webview;
      webview.html = renderPage({
        nonce: createNonce(),
        cspSource: webview.cspSource,
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(mediaUri, 'results.js')).toString(),
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(mediaUri, 'results.css')).toString(),
        title: 'Query Results',
        lang: vscode.env.language,
        config: {
          labels: {
            columns: l10n.t('Columns…'),
            export: l10n.t('Export…'),
            curl: l10n.t('Copy as cURL'),
            loading: l10n.t('Loading…'),
            table: l10n.t('Matching workitems'),
          },
        },
        body: html`<div id="toolbar" role="toolbar"></div><div id="status" role="status" aria-live="polite"></div><div id="table"></div>`,
      });
      webview.onDidReceiveMessage((raw: unknown) => {
        void this.handle(raw);
      });
      panel.onDidDispose(() => {
        this.panel = undefined;
      });
    } else {
      this.panel.reveal(undefined, true);
    }
    this.panel.title = l10n.t('Results: {0}', query.title);
    await this.reset();
  }

  private post(update: ResultsUpdate): void {
    void this.panel?.webview.postMessage(checkedUpdate(update));
  }

  private async reset(): Promise<void> {
    const query = this.query;
    if (!query) {
      return;
    }
    this.generation += 1;
    const generation = this.generation;
    try {
      const api = await this.deps.getApi();
      const total = await api.count(query.q === '' ? undefined : query.q);
      if (generation !== this.generation) {
        return;
      }
      this.total = total;
      this.post({
        type: 'reset',
        generation,
        total,
        columns: query.columns,
        sort: parseSort(query.sort),
        status: l10n.t('{0} workitems match {1}', total.toLocaleString(vscode.env.language), query.q || '(everything)'),
      });
    } catch (error) {
      this.post({ type: 'error', generation, message: l10n.t('The query failed: {0}', error instanceof Error ? error.message : String(error)) });
    }
  }

  private async handle(raw: unknown): Promise<void> {
    const parsed = parseResultsRequest(raw);
    if (!parsed.ok) {
      this.deps.log.warn(`Results panel: dropped a message the page should not send (${parsed.problem}).`);
      return;
    }
    await this.act(parsed.message);
  }

  private async act(message: ResultsRequest): Promise<void> {
    const query = this.query;
    if (!query) {
      return;
    }
    switch (message.type) {
      case 'ready':
        await this.reset();
        return;
      case 'range':
        await this.sendRange(message.generation, message.start, message.count);
        return;
      case 'sort': {
        const sort = parseSort(query.sort);
        const direction = sort?.column === message.column && sort.direction === 'asc' ? 'desc' : 'asc';
        this.query = { ...query, sort: `${message.column} ${direction}` };
        await this.reset();
        return;
      }
      case 'open':
        await this.deps.openDetails(message.workitemId);
        return;
      case 'chooseColumns': {
        const typed = await new VscodeUi().input({
          title: l10n.t('Columns of the results table, in order'),
          value: query.columns.join(', '),
          validate: (value) => (value.split(',').some((part) => part.trim() !== '') ? undefined : l10n.t('Name at least one field.')),
        });
        if (typed !== undefined) {
          this.query = { ...query, columns: typed.split(',').map((part) => part.trim()).filter((part) => part !== '') };
          await this.reset();
        }
        return;
      }
      case 'export':
        await this.deps.exportQuery(query);
        return;
      case 'copyCurl':
        await this.deps.copyCurl(query);
        return;
      case 'scriptError':
        this.deps.log.warn(`Results panel script: ${message.message}`);
        return;
    }
  }

  private async sendRange(generation: number, start: number, count: number): Promise<void> {
    const query = this.query;
    if (!query || generation !== this.generation || start >= this.total) {
      return;
    }
    try {
      const api = await this.deps.getApi();
      const page = await api.search({
        ...(query.q !== '' ? { q: query.q } : {}),
        ...(query.sort ? { sort: query.sort } : {}),
        start,
        rows: Math.min(count, this.total - start),
      });
      if (generation !== this.generation) {
        return;
      }
      const ids = page.items.map((item) => item.workitemId);
      const cells = page.items.map((item) => rowCells(item, query.columns));
      this.snapshot = { query, total: this.total, start, ids, cells };
      this.post({ type: 'rows', generation, start, ids, cells });
      this.rowsSent.fire(this.snapshot);
    } catch (error) {
      this.post({ type: 'error', generation, message: l10n.t('Loading rows failed: {0}', error instanceof Error ? error.message : String(error)) });
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.rowsSent.dispose();
  }
}
