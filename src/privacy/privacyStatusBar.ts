// The status bar item of privacy mode: always there, so it can be switched on before sharing the
// screen, and loud (warning colours) while it masks, so nobody wonders whether it does.
import * as vscode from 'vscode';
import { COMMANDS } from '../contributions';
import { ours } from '../model/format/shownText';
import type { PrivacyModeStore } from '../model/privacy/privacyMode';
import { l10n } from '../ui/l10n';
import { createShownStatusBarItem } from '../ui/statusBarItem';

export function createPrivacyStatusBar(privacy: PrivacyModeStore): vscode.Disposable {
  const item = createShownStatusBarItem(
    'workitemInspector.privacy',
    l10n.t('Workitem Inspector Privacy Mode'),
    COMMANDS.togglePrivacy,
    9,
  );
  const show = (enabled: boolean): void =>
    item.show({
      text: enabled ? l10n.t('$(eye-closed) Privacy on') : ours('$(eye)'),
      tooltip: enabled
        ? l10n.t('Privacy mode is on: contact names, phones, emails, addresses and notes are masked. Click to show them.')
        : l10n.t('Privacy mode is off. Click to mask contact names, phones, emails, addresses and notes.'),
      warning: enabled,
    });
  show(privacy.enabled);
  return vscode.Disposable.from(item, privacy.onDidChange(show));
}
