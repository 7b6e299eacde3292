// The words for each workitem action, read from the action catalog so a message, a spinner, a
// menu and the panel's button agree.
import { ACTION_CATALOG } from '../api/actions/catalog';
import type { WorkitemAction } from '../api/domain';
import { l10n } from '../ui/l10n';
import type { Shown } from '../model/format/shownText';

/** "Hold", as on a button or in a title. */
export function actionTitle(action: WorkitemAction): Shown {
  return ACTION_CATALOG[action].words.title(l10n);
}

/** "hold", inside a sentence ("… hold is not possible"). */
export function actionVerb(action: WorkitemAction): Shown {
  return ACTION_CATALOG[action].words.verb(l10n);
}

/** The spinner text on the workitem's row while the request runs. */
export function actionProgress(action: WorkitemAction): Shown {
  return ACTION_CATALOG[action].words.progress(l10n);
}
