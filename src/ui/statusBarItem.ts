// The one way to put an item in the status bar. Its text renders `$(icon)` syntax and its tooltip
// Markdown links, so both are `Shown`: our codicons and sentences, a server's words neutralized.
import * as vscode from 'vscode';
import type { Shown } from '../model/format/shownText';

export interface StatusBarLook {
  text: Shown;
  tooltip: Shown;
  /** Warning colours, for a state the user should notice (a rejected session, privacy on…). */
  warning?: boolean;
}

export interface ShownStatusBarItem extends vscode.Disposable {
  show(look: StatusBarLook): void;
  hide(): void;
}

export function createShownStatusBarItem(
  id: string,
  name: Shown,
  command: string,
  priority: number,
): ShownStatusBarItem {
  const item = vscode.window.createStatusBarItem(id, vscode.StatusBarAlignment.Left, priority);
  item.name = name;
  item.command = command;
  return {
    show(look) {
      item.text = look.text;
      item.tooltip = look.tooltip;
      item.backgroundColor = look.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      item.show();
    },
    hide: () => item.hide(),
    dispose: () => item.dispose(),
  };
}
