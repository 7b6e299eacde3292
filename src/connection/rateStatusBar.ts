// The status bar says when a server asked the inspector to slow down (it answered 429): which
// host, how long requests wait, and that they then go spaced for a while. It goes away by itself
// when the pacing ends. Nothing is shown for a tenant that never refused a request.
import * as vscode from 'vscode';
import type { RateGateState } from '../api/rateGate';
import { COMMANDS } from '../contributions';
import { formatTimeOfDay } from '../model/format/time';
import { shown } from '../model/format/shownText';
import { l10n } from '../ui/l10n';
import { createShownStatusBarItem } from '../ui/statusBarItem';
import type { RateGates } from './rateGates';
import { hostOf } from './activeSession';

export function createRateStatusBar(gates: RateGates): vscode.Disposable {
  const item = createShownStatusBarItem(
    'workitemInspector.rateLimit',
    l10n.t('Workitem Inspector Rate Limit'),
    COMMANDS.showLog,
    11,
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const show = (origin: string, state: RateGateState): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const host = shown(hostOf(origin) ?? origin);
    const now = Date.now();
    if (state.pausedUntil === undefined && state.pacedUntil === undefined) {
      item.hide();
      return;
    }
    const time = { locale: vscode.env.language };
    item.show({
      text:
        state.pausedUntil !== undefined
          ? l10n.t('$(watch) {0} asked to slow down · {1}s', host, Math.ceil((state.pausedUntil - now) / 1000))
          : l10n.t('$(watch) {0}: requests spaced', host),
      tooltip: l10n.t(
        '{0} answered 429 (too many requests). Every request to it waits its turn: one every {1} ms until {2}, then at full speed again. Click for the log.',
        host,
        state.spacingMs ?? 0,
        formatTimeOfDay(state.pacedUntil ?? now, time),
      ),
      warning: state.pausedUntil !== undefined,
    });
    // Counts the pause down each second, then shows the pacing, then goes away.
    const next = state.pausedUntil !== undefined ? Math.min(1000, state.pausedUntil - now) : (state.pacedUntil ?? now) - now;
    timer = setTimeout(() => show(origin, gates.stateOf(origin)), Math.max(50, next));
  };
  const subscription = gates.onDidSlowDown(show);
  return new vscode.Disposable(() => {
    if (timer) clearTimeout(timer);
    subscription.dispose();
    item.dispose();
  });
}
