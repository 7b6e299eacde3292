// Copying a workitem puts its real data on the clipboard, and a clipboard is pasted into chats and
// tickets. While privacy mode is on, that needs a yes first.
import type { PrivacyModeStore } from '../model/privacy/privacyMode';
import { l10n } from '../ui/l10n';
import type { Ui } from '../ui/ui';

/** True when the copy may go ahead: privacy mode is off, or the user said to copy unmasked data. */
export function mayCopyUnmasked(ui: Pick<Ui, 'confirm'>, privacy: Pick<PrivacyModeStore, 'enabled'>): Promise<boolean> {
  if (!privacy.enabled) {
    return Promise.resolve(true);
  }
  return ui.confirm(
    l10n.t('Privacy mode is on. Copy the real, unmasked data?'),
    l10n.t('The JSON holds contact names, phone numbers, emails and notes as the server sent them.'),
    l10n.t('Copy Unmasked'),
  );
}
