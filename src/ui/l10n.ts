// Command and connection logic is unit-tested in plain Node, where the `vscode` module does not
// exist; so that logic reaches `vscode.l10n` through this seam. `activate` installs `vscode.l10n`
// first thing; until then (and in tests) messages are formatted untranslated. Calls are written
// `l10n.t('…')` so the localisation tooling finds them.
import { untranslated, type L10n, type L10nArg } from '../model/format/l10n';

let translator: L10n = untranslated;

export const l10n: L10n = {
  t(message: string, ...args: L10nArg[]): string {
    return translator.t(message, ...args);
  },
};

/** Called once from `activate` with `vscode.l10n`. */
export function installTranslator(next: L10n): void {
  translator = next;
}
