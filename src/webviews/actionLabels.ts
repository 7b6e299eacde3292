// What the action buttons say, at rest and while running.
import type { WorkitemAction } from '../api/domain';
import type { L10n } from '../model/format/l10n';

export function actionLabel(action: WorkitemAction, l10n: L10n): string {
  switch (action) {
    case 'hold': return l10n.t('Hold');
    case 'unhold': return l10n.t('Resume');
    case 'hangup': return l10n.t('Hang Up');
    case 'transfer': return l10n.t('Transfer…');
  }
}

export function actionBusyLabel(action: WorkitemAction, l10n: L10n): string {
  switch (action) {
    case 'hold': return l10n.t('Holding…');
    case 'unhold': return l10n.t('Resuming…');
    case 'hangup': return l10n.t('Hanging up…');
    case 'transfer': return l10n.t('Transferring…');
  }
}
