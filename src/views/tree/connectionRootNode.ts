// A connection's row at the top of the Workitems view, once named connections exist: the local
// sandbox and each tenant, in its colour, saying whether it is in use and signed in. The one in use
// opens on its own rows (actions, live changes, pinned queries); another tenant expands to its own
// tree, read through its own session; the sandbox, while not in use, is not running and says how to
// use it. Rows of a tenant not in use are marked so that no menu of the tenant in use applies to
// them, and opening one connects to its tenant first (src/commands/openDetails.ts).
import * as vscode from 'vscode';
import { COMMANDS } from '../../contributions';
import type { ConnectionRow, ConnectionTarget } from '../../connection/profiles/connectionRows';
import type { ModelNode } from '../../model/modelNodes';
import { l10n } from '../../ui/l10n';
import { ours } from '../../model/format/shownText';
import { CONNECTION_HINT_CONTEXT_VALUE, OTHER_TENANT_CONTEXT_PREFIX } from './contextValues';
import { escapeMarkdown } from './markdownText';
import { connectionRootId } from './tenantBranches';
import { shownTreeItem } from './treeItems';
import { connectionRowItem } from '../connections/connectionRowItem';
import { TreeNode } from './treeNodes';
import { ROOT_ID } from '../../model/groupKeys';

/** The key a connection's row and branch go by: `sandbox`, or the tenant's name. */
export function connectionKeyOf(target: ConnectionTarget): string {
  return target.kind === 'sandbox' ? 'sandbox' : target.name;
}

export class ConnectionRootNode extends TreeNode {
  readonly kind = 'connection';
  /** Read by the connection commands (src/commands/connections.ts: connectionTargetOf). */
  target: ConnectionTarget;
  /** The filter its tree shows, when it is not the one in use (the view's description names that one's). */
  filter: string | undefined;

  constructor(public row: ConnectionRow) {
    // The row in use has an id of its own: VS Code keeps a row's expansion by id, and the tenant
    // switched to must open on its rows even though its row was closed while another was in use.
    super(row.inUse ? `connection-in-use:${connectionKeyOf(row.target).toLowerCase()}` : connectionRootId(connectionKeyOf(row.target)), ROOT_ID);
    this.target = row.target;
  }

  get key(): string {
    return connectionKeyOf(this.row.target);
  }

  update(_model: ModelNode): void {
    // A connection's row follows the connections (setRow), not a tree model.
  }

  setRow(row: ConnectionRow): void {
    this.row = row;
    this.target = row.target;
  }

  toTreeItem(): vscode.TreeItem {
    const row = this.row;
    // The one in use is open on its rows; another tenant is read only when its row is opened.
    const filtered = this.filter === undefined ? undefined : l10n.t('Filter: {0}', this.filter);
    const description = filtered === undefined ? row.description : row.description === '' ? filtered : ours(`${row.description} · ${filtered}`);
    const item = connectionRowItem(
      { ...row, description },
      row.inUse ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
      row.inUse ? [] : [l10n.t('Its workitems are read only while this row is open; opening one connects to it.'), ...(filtered === undefined ? [] : [filtered])],
    );
    item.id = this.id;
    return item;
  }
}

/** The line under a connection that is not read now: the local sandbox while a tenant is in use. */
export class ConnectionHintNode extends TreeNode {
  readonly kind = 'hint';

  constructor(readonly root: ConnectionRootNode) {
    super(`${root.id}›hint`, root.id);
  }

  update(_model: ModelNode): void {
    // Nothing to follow: the hint is redrawn with its connection's row.
  }

  toTreeItem(): vscode.TreeItem {
    const item = shownTreeItem({ label: l10n.t('Not running while another connection is in use: connect to read it') }, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('debug-disconnect');
    item.contextValue = CONNECTION_HINT_CONTEXT_VALUE;
    item.command = { command: COMMANDS.connectTo, title: l10n.t('Connect'), arguments: [this.root.row] };
    return item;
  }
}

/**
 * A row of a tenant not in use, as drawn: no menu of the tenant in use matches it, its tooltip
 * names its tenant, and a sign-in it offers is to its own tenant.
 */
export function asOtherTenantRow(item: vscode.TreeItem, tenant: string): vscode.TreeItem {
  item.contextValue = `${OTHER_TENANT_CONTEXT_PREFIX}${item.contextValue ?? ''}`;
  if (item.command?.command === COMMANDS.signIn) item.command = { ...item.command, arguments: [tenant] };
  const note = escapeMarkdown(l10n.t('In {0}, which is not in use: opening a workitem connects to {0}.', tenant));
  if (item.tooltip instanceof vscode.MarkdownString) item.tooltip.appendMarkdown(`  \n${note}`);
  return item;
}
