// The row of a saved query pinned to the top of the Workitems tree: its name, its total, and on
// hover its query. Its children are ordinary workitem rows (the same menus and actions), plus a
// row saying why the last refresh failed, when it did.
import * as vscode from 'vscode';
import { childIdOf, ROOT_ID } from '../../model/groupKeys';
import type { ModelNode } from '../../model/modelNodes';
import type { PinnedGroup } from '../../model/queries/pinnedGroups';
import { shown } from '../../model/format/shownText';
import { l10n } from '../../ui/l10n';
import { PINNED_CONTEXT_VALUE } from './contextValues';
import { escapeMarkdown } from './markdownText';
import { shownTreeItem } from './treeItems';
import { TreeNode } from './treeNodes';

/** `pin:` cannot begin a model row's id (those begin with a grouping dimension). */
export function pinnedNodeIdOf(queryId: string): string {
  return childIdOf(ROOT_ID, `pin:${encodeURIComponent(queryId)}`);
}

export class PinnedNode extends TreeNode {
  readonly kind = 'pinned';

  constructor(public group: PinnedGroup) {
    super(pinnedNodeIdOf(group.query.id), ROOT_ID);
  }

  get queryId(): string {
    return this.group.query.id;
  }

  /** Pinned rows are not model rows: they take their data through `group`. */
  update(_model: ModelNode): void {}

  toTreeItem(): vscode.TreeItem {
    const { query, count, failure } = this.group;
    const countText = count === undefined ? l10n.t('…') : l10n.t('{0}', new Intl.NumberFormat(vscode.env.language).format(count));
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(escapeMarkdown(l10n.t('Pinned query: {0}', query.q || l10n.t('everything'))));
    if (query.sort) tooltip.appendMarkdown(`  \n${escapeMarkdown(l10n.t('Sorted by {0}', query.sort))}`);
    if (failure !== undefined) tooltip.appendMarkdown(`  \n${escapeMarkdown(l10n.t('Last refresh failed: {0}', failure))}`);
    const item = shownTreeItem(
      {
        label: l10n.t('{0} · {1}', query.name, countText),
        description: failure === undefined ? shown(query.q) : l10n.t('refresh failed'),
        tooltip,
      },
      this.group.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = this.id;
    item.contextValue = PINNED_CONTEXT_VALUE;
    item.iconPath = new vscode.ThemeIcon(failure === undefined ? 'pinned' : 'warning');
    return item;
  }
}
