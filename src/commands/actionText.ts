// The words for each workitem action, read from the action catalog so a message, a spinner, a
// menu and the panel's button agree.
import { ACTION_CATALOG } from '../api/actions/catalog';
import type { WorkitemAction } from '../api/domain';
import { l10n } from '../ui/l10n';

/** "Hold", as on a button or in a title. */
export function actionTitle(action: WorkitemAction): string {
  return ACTION_CATALOG[action].words.title(l10n);
}

/** "hold", inside a sentence ("… hold is not possible"). */
export function actionVerb(action: WorkitemAction): string {
  return ACTION_CATALOG[action].words.verb(l10n);
}

/** The spinner text on the workitem's row while the request runs. */
export function actionProgress(action: WorkitemAction): string {
  return ACTION_CATALOG[action].words.progress(l10n);
}
