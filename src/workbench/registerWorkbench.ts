// Builds the workbench (query editor, results panel, export, request inspector, JSON documents)
// and registers its commands. Everything here reaches the rest of the extension through the
// narrow deps below.
import { VscodeUi } from '../ui/vscodeUi';
import * as vscode from 'vscode';
import type { HttpExchange } from '../api/exchange';
import { NcxError } from '../api/errors';
import type { WorkitemsApi } from '../api/workitemsApi';
import type { ConnectionState } from '../connection/connectionTypes';
import { WorkitemDocuments } from '../documents/workitemDocuments';
import { curlForExchange, curlForSearch, curlForWorkitem, type CurlTarget } from '../inspector/curl';
import { ExchangeLog, type LoggedExchange } from '../inspector/exchangeLog';
import { DEFAULT_COLUMNS, readQueryDocument } from '../queryEditor/queryDocument';
import { analyzeQueryText } from '../queryEditor/diagnostics';
import { TenantValuesCache } from '../queryEditor/tenantValuesCache';
import { ResultsPanel, type ResultsQuery } from '../results/resultsPanel';
import { l10n } from '../ui/l10n';
import { exportWithProgress } from './exportCommand';
import { registerQueryLanguage } from './queryLanguage';
import { RequestsView } from './requestsView';
import { libraryRowQuery, QueriesView } from './queriesView';
import { createQueryLibraryCommands } from './queryLibraryCommands';
import type { QueryLibrary } from '../model/queries/queryLibrary';
import { sameTenant } from '../connection/tenantName';
import { QUERY_LANGUAGE_ID, WORKBENCH_COMMANDS } from '../contributions';

const workbenchUi = new VscodeUi();

export interface WorkbenchDeps {
  extensionUri: vscode.Uri;
  getApi(): Promise<WorkitemsApi>;
  connectionState(): ConnectionState;
  authScheme(): 'bearer' | 'raw';
  groupQueryOf(groupId: string): string | undefined;
  selectedWorkitemIds(): string[];
  openDetails(workitemId: string): Promise<void>;
  log: { warn(message: string): void; error(message: string): void };
  /** Saved and recent queries, per tenant. */
  library: QueryLibrary;
  /** The connected tenant's name (`sandbox`, or the tenant's host). */
  tenant(): string;
}

/** What integration tests reach through the extension's exports. */
export interface WorkbenchApi {
  readonly results: ResultsPanel;
  readonly documents: WorkitemDocuments;
  readonly exchanges: ExchangeLog;
  readonly requests: RequestsView;
  readonly queries: QueriesView;
  /** The cURL command "Copy as cURL" copies for `arg` (same argument forms as the command). */
  curlFor(arg: unknown): Promise<string>;
}

export interface Workbench {
  api: WorkbenchApi;
  /** For the HTTP client: records every exchange of the session. */
  onExchange(exchange: HttpExchange): void;
  /** The API location of the connection (for Copy as cURL). */
  setLocation(location: string): void;
  /** Re-reads open JSON documents after a refresh or an action. */
  refreshDocuments(workitemId?: string): void;
  disposables: vscode.Disposable[];
}

export const QUERY_TEMPLATE = '// Workitem query: Ctrl+Enter (Cmd+Enter) or the Run lens above runs it.\n@sort createdAt desc\n@columns workitemId, state, channelType, type, priority, agentUsername, createdAt\nstate:inqueue AND priority:>=3\n';

function connectionKey(state: ConnectionState): string {
  return `${state.username ?? 'anonymous'}@${state.host ?? state.mode}`;
}

function isExchange(arg: unknown): arg is LoggedExchange {
  return typeof arg === 'object' && arg !== null && 'url' in arg && 'requestHeaders' in arg;
}

function groupIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === 'group') {
    const id = (arg as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}

function workitemIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg.trim() !== '') return arg.trim();
  if (typeof arg === 'object' && arg !== null && 'workitem' in arg) {
    const id = (arg.workitem as { workitemId?: unknown } | undefined)?.workitemId;
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}

/** The workitem of the detail panel in front, by its tab (the panel's title is the id). */
function activeDetailPanelWorkitem(): string | undefined {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  return tab?.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('workitemInspector.detail') ? tab.label : undefined;
}

export function createWorkbench(deps: WorkbenchDeps): Workbench {
  const exchanges = new ExchangeLog();
  const tenantValues = new TenantValuesCache();
  const key = (): string => connectionKey(deps.connectionState());
  const documents = new WorkitemDocuments({ getApi: deps.getApi, connectionKey: key });
  const requests = new RequestsView(exchanges);
  const queries = new QueriesView(deps.library, deps.tenant);

  let location: string | undefined;
  const curlTarget = async (): Promise<CurlTarget> => {
    await deps.getApi();
    if (location === undefined) {
      throw new NcxError('network', 'The connection has no HTTP location to copy a request for.');
    }
    return { location, authScheme: deps.authScheme() };
  };

  const queryOfEditor = (arg: unknown): { query: ResultsQuery; rows: number } | undefined => {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri?.toString());
    if (!document || document.languageId !== QUERY_LANGUAGE_ID) return undefined;
    const analysis = analyzeQueryText(document.getText());
    const firstError = analysis.problems.find((problem) => problem.severity === 'error');
    if (firstError) {
      const position = document.positionAt(firstError.start);
      throw new Error(l10n.t('The query has a problem at line {0}: {1}', position.line + 1, firstError.message));
    }
    const parsed = readQueryDocument(document.getText());
    if (parsed.tenant !== undefined && !sameTenant(parsed.tenant, deps.tenant())) {
      throw new Error(
        l10n.t('This query is written for {0} (its @tenant line), and the connection is to {1}: sign in to {0}, or change the line.', parsed.tenant, deps.tenant()),
      );
    }
    const name = document.isUntitled ? parsed.q || 'everything' : (document.uri.path.split('/').pop() ?? 'query');
    return {
      query: { q: parsed.q, ...(parsed.sort ? { sort: parsed.sort } : {}), columns: parsed.columns, title: name },
      rows: parsed.rows,
    };
  };

  /** A query from an editor, a results panel, or a tree group. */
  const queryOf = (arg: unknown): ResultsQuery | undefined => {
    const fromLibrary = libraryRowQuery(arg);
    if (fromLibrary !== undefined) return fromLibrary;
    const groupId = groupIdOf(arg);
    if (groupId !== undefined) {
      const q = deps.groupQueryOf(groupId) ?? '';
      return { q, columns: [...DEFAULT_COLUMNS], title: q || 'everything' };
    }
    if (typeof arg === 'object' && arg !== null && 'columns' in arg && 'q' in arg) {
      return arg as ResultsQuery;
    }
    return queryOfEditor(arg)?.query;
  };

  const curlFor = async (arg: unknown): Promise<string> => {
    if (isExchange(arg)) return curlForExchange(arg);
    const target = await curlTarget();
    const workitemId = workitemIdOf(arg);
    if (workitemId !== undefined) return curlForWorkitem(target, workitemId);
    const fromEditor = groupIdOf(arg) === undefined && libraryRowQuery(arg) === undefined ? queryOfEditor(arg) : undefined;
    const query = fromEditor?.query ?? queryOf(arg);
    if (query) {
      return curlForSearch(target, { q: query.q, ...(query.sort ? { sort: query.sort } : {}), ...(fromEditor ? { rows: fromEditor.rows } : {}) });
    }
    const [selected] = deps.selectedWorkitemIds();
    const panelWorkitem = activeDetailPanelWorkitem() ?? selected;
    if (panelWorkitem !== undefined) return curlForWorkitem(target, panelWorkitem);
    throw new Error(l10n.t('Select a workitem, a group or a query to copy as cURL.'));
  };

  const exportQuery = async (query: ResultsQuery): Promise<void> => {
    await exportWithProgress(await deps.getApi(), {
      params: { ...(query.q ? { q: query.q } : {}), ...(query.sort ? { sort: query.sort } : {}) },
      columns: query.columns,
      name: query.title,
    });
  };

  const results = new ResultsPanel({
    extensionUri: deps.extensionUri,
    getApi: deps.getApi,
    openDetails: deps.openDetails,
    exportQuery,
    copyCurl: async (query) => {
      await vscode.env.clipboard.writeText(await curlFor(query));
      void workbenchUi.info(l10n.t('Copied a cURL command; set NCX_TOKEN in the shell before running it.'));
    },
    log: deps.log,
  });

  const workitemArg = (arg: unknown): string | undefined =>
    workitemIdOf(arg) ?? activeDetailPanelWorkitem() ?? deps.selectedWorkitemIds()[0];

  const guard =
    (name: string, handler: (...args: unknown[]) => Promise<unknown>) =>
    async (...args: unknown[]): Promise<void> => {
      try {
        await handler(...args);
      } catch (error) {
        if (error instanceof NcxError && error.kind === 'cancelled') return;
        const message = error instanceof Error ? error.message : String(error);
        deps.log.error(`${name} failed: ${message}`);
        void workbenchUi.error(l10n.t('Workitem Inspector: {0}', message));
      }
    };

  const commands: Record<keyof typeof WORKBENCH_COMMANDS, (...args: unknown[]) => Promise<unknown>> = {
    newQuery: async () => {
      const document = await vscode.workspace.openTextDocument({ language: QUERY_LANGUAGE_ID, content: QUERY_TEMPLATE });
      await vscode.window.showTextDocument(document);
    },
    runQuery: async (arg) => {
      const query = queryOf(arg);
      if (!query) throw new Error(l10n.t('Open a workitem query (.ncxq) to run it.'));
      await results.show(query);
      await deps.library.recordRun(deps.tenant(), query);
    },
    openAsJson: async (arg) => {
      const id = workitemArg(arg);
      if (id === undefined) throw new Error(l10n.t('Select a workitem in the Workitems view first.'));
      await documents.open(id);
    },
    compareWithPrevious: async (arg) => {
      const fromDocument = vscode.window.activeTextEditor?.document.uri;
      const id =
        workitemIdOf(arg) ??
        (arg instanceof vscode.Uri ? arg : fromDocument)?.path.split('/').pop()?.replace(/\.json$/, '') ??
        workitemArg(arg);
      if (id === undefined) throw new Error(l10n.t('Open a workitem as JSON first.'));
      await documents.compareWithPrevious(decodeURIComponent(id));
    },
    copyAsCurl: async (arg) => {
      await vscode.env.clipboard.writeText(await curlFor(arg));
      void workbenchUi.info(l10n.t('Copied a cURL command; set NCX_TOKEN in the shell before running it.'));
    },
    exportResults: async (arg) => {
      const query = queryOf(arg) ?? results.current;
      if (!query) throw new Error(l10n.t('Open a workitem query or choose a group to export.'));
      await exportQuery(query);
    },
    showRequest: async (arg) => {
      if (isExchange(arg)) await requests.show(arg);
    },
    filterRequests: () => requests.chooseFilter(),
    ...createQueryLibraryCommands({ library: deps.library, tenant: deps.tenant, queryOf: (arg) => queryOf(arg) ?? results.current, ui: workbenchUi }),
  };

  const disposables: vscode.Disposable[] = [
    documents,
    requests,
    queries,
    results,
    ...registerQueryLanguage({
      tenantValues: () => tenantValues.peek(key()),
      warmTenantValues: () => void tenantValues.ensure(key(), deps.getApi),
    }),
    ...(Object.keys(commands) as Array<keyof typeof WORKBENCH_COMMANDS>).map((name) =>
      vscode.commands.registerCommand(WORKBENCH_COMMANDS[name], guard(WORKBENCH_COMMANDS[name], commands[name])),
    ),
  ];
  return {
    api: { results, documents, exchanges, requests, queries, curlFor },
    onExchange: (exchange) => exchanges.add(exchange, key()),
    setLocation: (next) => {
      location = next;
    },
    refreshDocuments: (workitemId) => documents.refresh(workitemId),
    disposables,
  };
}
