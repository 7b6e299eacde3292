// The status bar item: where the inspector is connected and as whom (or, while a detail panel of
// another tenant has the focus, that tenant first); a click opens the connection menu.
import * as vscode from 'vscode';
import { COMMANDS } from '../contributions';
import type { Connection, ConnectionState } from './connection';
import { connectionSummary, otherTenantText, statusBarText } from './connectionText';
import { l10n } from '../ui/l10n';
import { createShownStatusBarItem } from '../ui/statusBarItem';

/** The tenant of the focused detail panel, when one has the focus. */
export interface FocusedTenant {
  readonly focusedTenant: string | undefined;
  readonly onDidChangeFocusedTenant: vscode.Event<string | undefined>;
}

export function createConnectionStatusBar(connection: Connection, focus?: FocusedTenant): vscode.Disposable {
  const item = createShownStatusBarItem(
    'workitemInspector.connection',
    l10n.t('Workitem Inspector Connection'),
    COMMANDS.connectionMenu,
    10,
  );
  // The host and the user name are a server's words: statusBarText and connectionSummary are Shown.
  const show = (state: ConnectionState): void => {
    const other = otherTenantText(state, focus?.focusedTenant);
    item.show({
      text: other ?? statusBarText(state),
      tooltip: connectionSummary(state),
      warning: other !== undefined || state.status === 'rejected' || state.status === 'failed',
    });
  };
  show(connection.state);
  return vscode.Disposable.from(
    item,
    connection.onDidChangeState(show),
    ...(focus ? [focus.onDidChangeFocusedTenant(() => show(connection.state))] : []),
  );
}
