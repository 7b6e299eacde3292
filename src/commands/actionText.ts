// The words for each workitem action, in one place so a message, a spinner and a button agree.
import type { WorkitemAction } from '../api/domain';
import { l10n } from '../ui/l10n';
import type { Shown } from '../model/format/shownText';

/** "Hold", as on a button or in a title. */
export function actionTitle(action: WorkitemAction): Shown {
  switch (action) {
    case 'hold':
      return l10n.t('Hold');
    case 'unhold':
      return l10n.t('Unhold');
    case 'hangup':
      return l10n.t('Hang Up');
    case 'transfer':
      return l10n.t('Transfer to Queue');
  }
}

/** "hold", inside a sentence ("… hold is not possible"). */
export function actionVerb(action: WorkitemAction): Shown {
  switch (action) {
    case 'hold':
      return l10n.t('hold');
    case 'unhold':
      return l10n.t('unhold');
    case 'hangup':
      return l10n.t('hang up');
    case 'transfer':
      return l10n.t('transfer');
  }
}

/** The spinner text on the workitem's row while the request runs. */
export function actionProgress(action: WorkitemAction): Shown {
  switch (action) {
    case 'hold':
      return l10n.t('Holding…');
    case 'unhold':
      return l10n.t('Unholding…');
    case 'hangup':
      return l10n.t('Hanging up…');
    case 'transfer':
      return l10n.t('Transferring…');
  }
}
