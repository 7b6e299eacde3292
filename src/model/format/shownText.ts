// Server text is data. VS Code renders `[text](command:…)` as a clickable link in notifications and
// modals, and `$(name)` as an icon in the status bar, quick picks, tree items and progress titles.
// A name, id, message or token claim that came from a server must never become either, so every
// string headed for such a surface is a `Shown`, and there are only two ways to make one:
// - `shown(text)`: a server's text, neutralized here (the one place that knows how);
// - `l10n.t(…)` (src/ui/l10n.ts): our own sentence, with every string argument passed through `shown`.
// The Ui seam and the status bar take `Shown`, so a raw server string there does not compile.
import { revealBidiControls, truncateText } from './text';

declare const shownBrand: unique symbol;
/** Text safe for a VS Code surface that renders Markdown links or `$(icon)` syntax. */
export type Shown = string & { readonly [shownBrand]: 'Shown' };

/**
 * A zero-width space between the characters that open a link's target (`](`) or an icon (`$(`):
 * the text reads and copies the same to a person, and neither VS Code parser matches any more.
 */
const BREAK = '\u200B';
/** A 1 MB refusal must not become a 1 MB notification. */
export const SHOWN_MAX_LENGTH = 1000;
// C0 and C1 controls (newlines included) would break a one-line surface or hide text after them.
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]+/g;
const LINK_TARGET = /\]\s*\(/g;
const ICON = /\$\(/g;

/** A server's text for a VS Code surface: one line, at most `maxLength` units, never a link or an icon. */
export function shown(text: string, maxLength: number = SHOWN_MAX_LENGTH): Shown {
  const cut = truncateText(text, maxLength);
  const line = revealBidiControls(cut.text).replace(CONTROLS, ' ');
  const neutral = line.replace(LINK_TARGET, `]${BREAK}(`).replace(ICON, `$${BREAK}(`);
  return (cut.truncated ? `${neutral}…` : neutral) as Shown;
}

/**
 * Text this code wrote itself (a codicon prefix, a fixed label) that holds no server text. Use it
 * only on literals and on values built from `Shown` parts; anything else goes through `shown`.
 */
export function ours(text: string): Shown {
  return text as Shown;
}
