// How a connection's row looks, wherever it is listed (the Connections view, the top of the
// Workitems view): its name and what it is now, ticked when in use, in its colour (theme chart
// colours, never a server's), its facts as an escaped, untrusted tooltip, and the context value the
// connection menus read.
import * as vscode from 'vscode';
import type { ConnectionRow } from '../../connection/profiles/connectionRows';
import type { Shown } from '../../model/format/shownText';
import { escapeMarkdown } from '../tree/markdownText';
import { shownTreeItem } from '../tree/treeItems';

export function connectionRowItem(row: ConnectionRow, collapsible: vscode.TreeItemCollapsibleState, moreTooltip: readonly Shown[] = []): vscode.TreeItem {
  const item = shownTreeItem({ label: row.label, description: row.description }, collapsible);
  const icon = row.inUse ? 'pass-filled' : row.target.kind === 'sandbox' ? 'beaker' : 'cloud';
  item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(`charts.${row.color}`));
  const tooltip = new vscode.MarkdownString([...row.tooltip, ...moreTooltip].map((line) => escapeMarkdown(line)).join('  \n'));
  tooltip.isTrusted = false;
  item.tooltip = tooltip;
  item.contextValue = row.contextValue;
  return item;
}
