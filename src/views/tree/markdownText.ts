// Escaping for text from the server that goes into a Markdown tooltip: a contact named
// `[x](command:...)` or `**x**` must read as itself, never as a link or formatting, and a bidi
// control must not reorder it.
import { revealBidiControls } from '../../model/format/text';

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&:]/g;

export function escapeMarkdown(text: string): string {
  return revealBidiControls(text)
    .replace(/\s+/g, ' ')
    .replace(MARKDOWN_SPECIAL, (char) => `\\${char}`);
}
