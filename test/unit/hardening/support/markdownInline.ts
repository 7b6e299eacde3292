// A reader of escaped Markdown for the tests, independent of the code under test: which characters
// that can start a link, an image, HTML, an entity or emphasis stand unescaped, and what text a
// renderer would show once the escapes are removed.

/** Characters that open Markdown or HTML constructs in a tooltip. */
const ACTIVE = new Set(['\\', '`', '*', '_', '[', ']', '(', ')', '<', '>', '!', '&', '~', '|', '#']);

export function unescapedActiveCharacters(markdown: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < markdown.length; i += 1) {
    const char = markdown[i] ?? '';
    if (char === '\\') {
      i += 1;
    } else if (ACTIVE.has(char) || char === '\n' || char === '\r') {
      found.push(char);
    }
  }
  return found;
}

/** The text shown for an escaped string: each backslash escape stands for the character after it. */
export function shownText(markdown: string): string {
  return markdown.replace(/\\([\s\S])/g, '$1');
}
