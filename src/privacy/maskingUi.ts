// Notifications, questions, pick rows and progress titles while privacy mode is on: every text the
// user is shown passes through the mode's free-text masking (emails and phone numbers), whoever
// wrote the sentence. Workitem rows in pickers are masked as workitems where they are built.
import type { PrivacyModeStore } from '../model/privacy/privacyMode';
import type { PickItem, Ui } from '../ui/ui';

function maskItem<T>(privacy: PrivacyModeStore, item: PickItem<T>): PickItem<T> {
  const masked: PickItem<T> = { ...item, label: privacy.text(item.label) };
  if (item.description !== undefined) masked.description = privacy.text(item.description);
  if (item.detail !== undefined) masked.detail = privacy.text(item.detail);
  return masked;
}

export function maskingUi(ui: Ui, privacy: PrivacyModeStore): Ui {
  return {
    info: (message, ...actions) => ui.info(privacy.text(message), ...actions),
    warn: (message, ...actions) => ui.warn(privacy.text(message), ...actions),
    error: (message, ...actions) => ui.error(privacy.text(message), ...actions),
    confirm: (message, detail, confirmLabel) => ui.confirm(privacy.text(message), privacy.text(detail), confirmLabel),
    pick: (items, options) =>
      ui.pick(Promise.resolve(items).then((list) => list.map((item) => maskItem(privacy, item))), options),
    searchPick: (options) =>
      ui.searchPick({
        ...options,
        search: async (text, signal) => (await options.search(text, signal)).map((item) => maskItem(privacy, item)),
      }),
    searchPickMany: (options) =>
      ui.searchPickMany({
        ...options,
        search: async (text, signal) => (await options.search(text, signal)).map((item) => maskItem(privacy, item)),
      }),
    input: (options) => ui.input(options),
    withProgress: (title, task) => ui.withProgress(privacy.text(title), task),
    withCancellableProgress: (title, task) => ui.withCancellableProgress(privacy.text(title), task),
    copyToClipboard: (text) => ui.copyToClipboard(text),
    showText: (content, language) => ui.showText(privacy.text(content), language),
  };
}
