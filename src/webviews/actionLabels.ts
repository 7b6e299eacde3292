// What the action buttons say, at rest and while running: the catalog's words, as everywhere else.
import { ACTION_CATALOG } from '../api/actions/catalog';
import type { WorkitemAction } from '../api/domain';
import type { L10n } from '../model/format/l10n';

export function actionLabel(action: WorkitemAction, l10n: L10n): string {
  return ACTION_CATALOG[action].words.title(l10n);
}

export function actionBusyLabel(action: WorkitemAction, l10n: L10n): string {
  return ACTION_CATALOG[action].words.progress(l10n);
}
