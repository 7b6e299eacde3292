// The status bar item: where the inspector is connected and as whom; a click opens the connection
// menu (Sign In, Sign Out, Use Local Sandbox, Show Log).
import * as vscode from 'vscode';
import { COMMANDS } from '../commands/commandIds';
import type { Connection, ConnectionState } from './connection';
import { connectionSummary, statusBarText } from './connectionText';

export function createConnectionStatusBar(connection: Connection): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('workitemInspector.connection', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('Workitem Inspector Connection');
  item.command = COMMANDS.connectionMenu;
  const show = (state: ConnectionState): void => {
    item.text = statusBarText(state);
    item.tooltip = connectionSummary(state);
    item.backgroundColor =
      state.status === 'rejected' || state.status === 'failed'
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
  };
  show(connection.state);
  item.show();
  const subscription = connection.onDidChangeState(show);
  return vscode.Disposable.from(item, subscription);
}
