// The status bar item: where the inspector is connected and as whom; a click opens the connection
// menu (Sign In, Sign Out, Use Local Sandbox, Show Log).
import * as vscode from 'vscode';
import { COMMANDS } from '../commands/commandIds';
import type { Connection, ConnectionState } from './connection';
import { connectionSummary, statusBarText } from './connectionText';
import type { Shown } from '../model/format/shownText';
import { l10n } from '../ui/l10n';

export function createConnectionStatusBar(connection: Connection): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('workitemInspector.connection', vscode.StatusBarAlignment.Left, 10);
  item.name = l10n.t('Workitem Inspector Connection');
  item.command = COMMANDS.connectionMenu;
  const show = (state: ConnectionState): void => {
    // Both render `$(icon)` syntax: `Shown` texts only (the host and the user name are a server's).
    const text: Shown = statusBarText(state);
    const tooltip: Shown = connectionSummary(state);
    item.text = text;
    item.tooltip = tooltip;
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
