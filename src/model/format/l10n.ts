// Model and webview code runs in plain Node tests, where `vscode` does not exist, yet every
// sentence it produces is user-visible. So it takes the translator as a parameter: the extension
// passes `vscode.l10n`, tests pass `untranslated`. Calls are written `l10n.t('…')` so the
// localisation tooling finds them.

export type L10nArg = string | number | boolean;

/** The part of `vscode.l10n` we use: positional `{0}` placeholders. */
export interface L10n {
  t(message: string, ...args: L10nArg[]): string;
}

/** Fills `{0}`, `{1}`… without translating; placeholders without an argument stay as written. */
export const untranslated: L10n = {
  t(message: string, ...args: L10nArg[]): string {
    return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
      const value = args[Number(index)];
      return value === undefined ? whole : String(value);
    });
  },
};
