// Tenant protection on screen: the status bar says a tenant is protected (click: allow actions) or
// counts down the minutes actions are allowed (click: lock again, warning colours meanwhile), the
// `actionsLocked` context key greys out every action command, and the allowance ends on time.
import * as vscode from 'vscode';
import type { ProtectionHooks } from '../commands/protection';
import { COMMANDS, CONTEXT_KEYS } from '../contributions';
import type { ActionLock } from '../model/protection/actionLock';
import { l10n } from '../ui/l10n';
import { createShownStatusBarItem } from '../ui/statusBarItem';

function countdown(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function createProtectionStatusBar(lock: ActionLock, protection: ProtectionHooks, changed: vscode.Event<unknown>[]): vscode.Disposable {
  const item = createShownStatusBarItem('workitemInspector.protection', l10n.t('Workitem Inspector Tenant Protection'), COMMANDS.allowActions, 10.5);
  let ticker: ReturnType<typeof setInterval> | undefined;
  let lastLocked: boolean | undefined;
  const show = (): void => {
    lock.expire();
    const tenant = protection.tenant();
    const locked = protection.lockedReason() !== undefined;
    if (locked !== lastLocked) {
      lastLocked = locked;
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.actionsLocked, locked);
    }
    if (tenant === undefined || !protection.isProtected()) {
      item.hide();
    } else if (locked) {
      item.show({
        text: l10n.t('$(lock) {0} protected', tenant),
        tooltip: l10n.t('{0} is protected: actions are off. Click to allow them for 15 minutes (you are asked first).', tenant),
      });
    } else {
      item.show({
        text: l10n.t('$(unlock) Actions on {0} · {1}', tenant, countdown(protection.remainingMs())),
        tooltip: l10n.t('Actions on {0} are allowed for {1} more. Run "Lock Actions Again" to end it now.', tenant, countdown(protection.remainingMs())),
        warning: true,
      });
    }
    const counting = tenant !== undefined && protection.isProtected() && !locked;
    if (counting && ticker === undefined) ticker = setInterval(show, 1000);
    if (!counting && ticker !== undefined) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };
  show();
  const subscriptions = changed.map((event) => event(show));
  const lockSubscription = lock.onDidChange(show);
  return new vscode.Disposable(() => {
    if (ticker !== undefined) clearInterval(ticker);
    subscriptions.forEach((subscription) => subscription.dispose());
    lockSubscription.dispose();
    item.dispose();
  });
}
