// The Connections view: the local sandbox and every named tenant, each saying whether it is in use,
// signed in and protected, in its colour. A click connects (signing in first when needed); the
// context menu signs in or out of that tenant, edits or removes it; the title adds one.
import * as vscode from 'vscode';
import { COMMANDS, CONNECTIONS_VIEW_ID } from '../../contributions';
import type { ConnectionRow } from '../../connection/profiles/connectionRows';
import { createShownTreeView, type ShownTreeView } from '../../ui/shownViews';
import { l10n } from '../../ui/l10n';
import { connectionRowItem } from './connectionRowItem';

export interface ConnectionsViewDeps {
  /** The rows as they are now (src/commands/connections.ts: currentConnectionRows). */
  rows(): Promise<ConnectionRow[]>;
}

export class ConnectionsView implements vscode.TreeDataProvider<ConnectionRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ConnectionRow | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: ShownTreeView<ConnectionRow>;
  /** The rows last drawn (for tests, which cannot read a tree view's items). */
  private shownRows: ConnectionRow[] = [];

  constructor(private readonly deps: ConnectionsViewDeps) {
    this.view = createShownTreeView(CONNECTIONS_VIEW_ID, this);
  }

  /** Draws the rows again (a connection, a session or the settings changed). */
  refresh(): void {
    this.changed.fire(undefined);
  }

  get rows(): readonly ConnectionRow[] {
    return this.shownRows;
  }

  async getChildren(element?: ConnectionRow): Promise<ConnectionRow[]> {
    if (element) return [];
    this.shownRows = await this.deps.rows();
    const inUse = this.shownRows.find((row) => row.inUse);
    this.view.setDescription(inUse?.label);
    return this.shownRows;
  }

  getTreeItem(row: ConnectionRow): vscode.TreeItem {
    const item = connectionRowItem(row, vscode.TreeItemCollapsibleState.None);
    item.id = row.target.kind === 'sandbox' ? 'connection:sandbox' : `connection:${row.target.name.toLowerCase()}`;
    item.command = { command: COMMANDS.connectTo, title: l10n.t('Connect'), arguments: [row] };
    return item;
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
