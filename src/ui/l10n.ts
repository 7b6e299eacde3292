// Command and connection logic is unit-tested in plain Node, where the `vscode` module does not
// exist; so that logic reaches `vscode.l10n` through this seam. `activate` installs `vscode.l10n`
// first thing; until then (and in tests) messages are formatted untranslated. Calls are written
// `l10n.t('…')` so the localisation tooling finds them.
//
// The sentence itself is ours, but its arguments are often a server's words (an id, a queue name,
// a refusal): each string argument is neutralized with `shown`, so the result is `Shown` and may go
// to any VS Code surface.
import { untranslated, type L10n, type L10nArg } from '../model/format/l10n';
import { shown, type Shown } from '../model/format/shownText';

let translator: L10n = untranslated;

export interface ShownL10n extends L10n {
  t(message: string, ...args: L10nArg[]): Shown;
}

export const l10n: ShownL10n = {
  t(message: string, ...args: L10nArg[]): Shown {
    const safe = args.map((arg) => (typeof arg === 'string' ? shown(arg) : arg));
    // The template is a literal of this code; only its arguments can carry server text.
    return translator.t(message, ...safe) as Shown;
  },
};

/** Called once from `activate` with `vscode.l10n`. */
export function installTranslator(next: L10n): void {
  translator = next;
}
