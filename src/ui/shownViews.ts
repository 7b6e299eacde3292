// The one way to make a tree view or a webview panel outside the Workitems tree and the detail
// panel. A view's title, message and description and a panel's title render `$(icon)` syntax, so
// they are `Shown`: the returned handles only take `Shown` for them.
import * as vscode from 'vscode';
import type { Shown } from '../model/format/shownText';

export interface ShownTreeView<T> extends vscode.Disposable {
  readonly view: vscode.TreeView<T>;
  setMessage(message: Shown | undefined): void;
  setDescription(description: Shown | undefined): void;
}

export function createShownTreeView<T>(id: string, provider: vscode.TreeDataProvider<T>): ShownTreeView<T> {
  const view = vscode.window.createTreeView(id, { treeDataProvider: provider });
  return {
    view,
    setMessage: (message) => {
      view.message = message;
    },
    setDescription: (description) => {
      view.description = description;
    },
    dispose: () => view.dispose(),
  };
}

export function createShownWebviewPanel(
  viewType: string,
  title: Shown,
  column: vscode.ViewColumn,
  options: vscode.WebviewPanelOptions & vscode.WebviewOptions,
): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(viewType, title, column, options);
}
