// The Queries view: the connected tenant's saved queries (pinned ones marked) and its last
// HISTORY_LIMIT queries run, newest first. A row runs its query; its menu saves, renames,
// deletes, pins it to the Workitems tree or opens it in an editor.
import * as vscode from 'vscode';
import { HISTORY_LIMIT, type HistoryEntry, type QueryLibrary, type SavedQuery } from '../model/queries/queryLibrary';
import { shown } from '../model/format/shownText';
import { createShownTreeView, type ShownTreeView } from '../ui/shownViews';
import { l10n } from '../ui/l10n';
import { formatAge, shownTreeItem } from '../views/tree/treeItems';
import { ageOf } from '../model/workitemText';
import { escapeMarkdown } from '../views/tree/markdownText';
import { QUERIES_VIEW_ID, WORKBENCH_COMMANDS } from '../contributions';

export type QueryRow =
  | { readonly kind: 'section'; readonly section: 'saved' | 'history' }
  | { readonly kind: 'saved'; readonly tenant: string; readonly query: SavedQuery }
  | { readonly kind: 'history'; readonly tenant: string; readonly entry: HistoryEntry };

/** The `contextValue` of each kind of row, for package.json's menus. */
export const QUERY_ROW_CONTEXT = {
  saved: 'savedQuery;',
  pinned: 'savedQuery;pinned;',
  history: 'historyQuery;',
  historySection: 'querySection;history;',
  savedSection: 'querySection;saved;',
} as const;

const SECTIONS: readonly QueryRow[] = [
  { kind: 'section', section: 'saved' },
  { kind: 'section', section: 'history' },
];

export class QueriesView implements vscode.TreeDataProvider<QueryRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: ShownTreeView<QueryRow>;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly library: QueryLibrary,
    private readonly tenant: () => string,
    private readonly now: () => number = Date.now,
  ) {
    this.view = createShownTreeView(QUERIES_VIEW_ID, this);
    const subscription = library.onDidChange(() => this.changed.fire(undefined));
    this.disposables = [this.view, this.changed, { dispose: () => subscription.dispose() }];
  }

  /** The tenant changed (signed in elsewhere, switched to the sandbox). */
  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(row?: QueryRow): QueryRow[] {
    const tenant = this.tenant();
    if (row === undefined) return [...SECTIONS];
    if (row.kind !== 'section') return [];
    return row.section === 'saved'
      ? this.library.saved(tenant).map((query) => ({ kind: 'saved', tenant, query }))
      : this.library.history(tenant).map((entry) => ({ kind: 'history', tenant, entry }));
  }

  getTreeItem(row: QueryRow): vscode.TreeItem {
    switch (row.kind) {
      case 'section':
        return this.sectionItem(row.section);
      case 'saved':
        return this.savedItem(row.query);
      case 'history':
        return this.historyItem(row.entry);
    }
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private sectionItem(section: 'saved' | 'history'): vscode.TreeItem {
    const tenant = this.tenant();
    const count = section === 'saved' ? this.library.saved(tenant).length : this.library.history(tenant).length;
    const item = shownTreeItem(
      {
        label: section === 'saved' ? l10n.t('Saved ({0})', count) : l10n.t('History ({0} of the last {1})', count, HISTORY_LIMIT),
        description: shown(tenant),
      },
      vscode.TreeItemCollapsibleState.Expanded,
    );
    item.id = `section:${section}`;
    item.contextValue = section === 'saved' ? QUERY_ROW_CONTEXT.savedSection : QUERY_ROW_CONTEXT.historySection;
    return item;
  }

  private savedItem(query: SavedQuery): vscode.TreeItem {
    const item = shownTreeItem(
      { label: shown(query.name), description: shown(query.q || l10n.t('everything')), tooltip: queryTooltip(query) },
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = `saved:${query.id}`;
    item.contextValue = query.pinned ? QUERY_ROW_CONTEXT.pinned : QUERY_ROW_CONTEXT.saved;
    item.iconPath = new vscode.ThemeIcon(query.pinned ? 'pinned' : 'bookmark');
    item.command = { command: WORKBENCH_COMMANDS.runQuery, title: l10n.t('Run Query'), arguments: [resultsQueryOf(query, query.name)] };
    return item;
  }

  private historyItem(entry: HistoryEntry): vscode.TreeItem {
    const item = shownTreeItem(
      { label: shown(entry.q || l10n.t('everything')), description: l10n.t('{0} ago', formatAge(ageOf(entry.ranAt, this.now()))), tooltip: queryTooltip(entry) },
      vscode.TreeItemCollapsibleState.None,
    );
    item.contextValue = QUERY_ROW_CONTEXT.history;
    item.iconPath = new vscode.ThemeIcon('history');
    item.command = { command: WORKBENCH_COMMANDS.runQuery, title: l10n.t('Run Query'), arguments: [resultsQueryOf(entry, entry.q || 'everything')] };
    return item;
  }
}

/** The query of a Queries row or of a group pinned to the Workitems tree, as the results panel runs it. */
export function libraryRowQuery(arg: unknown): ReturnType<typeof resultsQueryOf> | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const row = arg as Partial<{ kind: unknown; query: SavedQuery; entry: HistoryEntry; group: { query: SavedQuery } }>;
  if (row.kind === 'saved' && row.query) return resultsQueryOf(row.query, row.query.name);
  if (row.kind === 'history' && row.entry) return resultsQueryOf(row.entry, row.entry.q || 'everything');
  if (row.kind === 'pinned' && row.group) return resultsQueryOf(row.group.query, row.group.query.name);
  return undefined;
}

/** What the results panel runs for a library entry. */
export function resultsQueryOf(query: Pick<HistoryEntry, 'q' | 'sort' | 'columns'>, title: string): { q: string; sort?: string; columns: string[]; title: string } {
  return { q: query.q, ...(query.sort ? { sort: query.sort } : {}), columns: [...query.columns], title };
}

function queryTooltip(query: Pick<HistoryEntry, 'q' | 'sort' | 'columns'>): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(escapeMarkdown(l10n.t('Query: {0}', query.q || l10n.t('everything'))));
  if (query.sort) tooltip.appendMarkdown(`  \n${escapeMarkdown(l10n.t('Sorted by {0}', query.sort))}`);
  tooltip.appendMarkdown(`  \n${escapeMarkdown(l10n.t('Columns: {0}', query.columns.join(', ')))}`);
  return tooltip;
}
