// The status bar item: where the inspector is connected and as whom; a click opens the connection
// menu (Sign In, Sign Out, Use Local Sandbox, Show Log).
import * as vscode from 'vscode';
import { COMMANDS } from '../contributions';
import type { Connection, ConnectionState } from './connection';
import { connectionSummary, statusBarText } from './connectionText';
import { l10n } from '../ui/l10n';
import { createShownStatusBarItem } from '../ui/statusBarItem';

export function createConnectionStatusBar(connection: Connection): vscode.Disposable {
  const item = createShownStatusBarItem(
    'workitemInspector.connection',
    l10n.t('Workitem Inspector Connection'),
    COMMANDS.connectionMenu,
    10,
  );
  // The host and the user name are a server's words: statusBarText and connectionSummary are Shown.
  const show = (state: ConnectionState): void =>
    item.show({
      text: statusBarText(state),
      tooltip: connectionSummary(state),
      warning: state.status === 'rejected' || state.status === 'failed',
    });
  show(connection.state);
  return vscode.Disposable.from(item, connection.onDidChangeState(show));
}
