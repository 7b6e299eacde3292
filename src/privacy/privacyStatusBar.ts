// The status bar item of privacy mode: always there, so it can be switched on before sharing the
// screen, and loud (warning colours) while it masks, so nobody wonders whether it does.
import * as vscode from 'vscode';
import { COMMANDS } from '../commands/commandIds';
import type { PrivacyModeStore } from '../model/privacy/privacyMode';

export function createPrivacyStatusBar(privacy: PrivacyModeStore): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('workitemInspector.privacy', vscode.StatusBarAlignment.Left, 9);
  item.name = vscode.l10n.t('Workitem Inspector Privacy Mode');
  item.command = COMMANDS.togglePrivacy;
  const show = (enabled: boolean): void => {
    item.text = enabled ? `$(eye-closed) ${vscode.l10n.t('Privacy on')}` : '$(eye)';
    item.tooltip = enabled
      ? vscode.l10n.t('Privacy mode is on: contact names, phones, emails, addresses and notes are masked. Click to show them.')
      : vscode.l10n.t('Privacy mode is off. Click to mask contact names, phones, emails, addresses and notes.');
    item.backgroundColor = enabled ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  };
  show(privacy.enabled);
  item.show();
  return vscode.Disposable.from(item, privacy.onDidChange(show));
}
