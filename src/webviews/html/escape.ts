// The only way text reaches the panel's HTML. `html` escapes every interpolated value unless it is
// already SafeHtml, so a value from the server can never become markup; invisible and bidi
// control characters are made visible so a value cannot disguise itself or reorder the page.
import type { L10n } from '../../model/format/l10n';
import { truncateText } from '../../model/format/text';

/** Markup built by this module: safe to embed as is. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | readonly SafeHtml[] | undefined | null | false;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const SPECIAL = /[&<>"']/g;

/** Escapes for text and for quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(SPECIAL, (char) => ENTITIES[char]);
}

function interpolate(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === undefined || value === null || value === false) return '';
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return escapeHtml(String(value));
  return value.map((item) => item.value).join('');
}

/** Tagged template: `html\`<td>${text}</td>\`` escapes `text`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i += 1) {
    out += interpolate(values[i]) + strings[i + 1];
  }
  return new SafeHtml(out);
}

export function joinHtml(parts: readonly SafeHtml[]): SafeHtml {
  return new SafeHtml(parts.map((part) => part.value).join(''));
}

// C0/C1 controls (tab and newlines excepted), bidi embeddings/overrides/isolates and marks,
// zero-width space / word joiner / BOM, and the JS line separators. ZWJ and ZWNJ are left alone:
// emoji sequences and several scripts need them.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2028\u2029\u2060\u2066-\u2069\uFEFF]/g;

function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export const DEFAULT_MAX_TEXT = 2000;

/**
 * A server value as visible text: escaped, control characters shown as `U+202E` markers, and cut
 * after `max` UTF-16 units with a note of how much was left out (the raw JSON has all of it).
 */
export function displayText(value: string, l10n: L10n, max = DEFAULT_MAX_TEXT): SafeHtml {
  const cut = truncateText(value, max);
  let title: string | undefined;
  const body = escapeHtml(cut.text).replace(INVISIBLE, (char) => {
    title ??= escapeHtml(l10n.t('Invisible character'));
    return `<span class="ctrl" title="${title}">${codePointLabel(char)}</span>`;
  });
  const more = cut.truncated
    ? html`<span class="truncated">… ${l10n.t('({0} more characters)', cut.fullLength - cut.text.length)}</span>`
    : undefined;
  return new SafeHtml(body + (more ? more.value : ''));
}

/** A server value for an attribute (tooltips): controls spelled out, shortened, escaped by `html`. */
export function attributeText(value: string, max = 500): string {
  const cut = truncateText(value, max);
  return cut.text.replace(INVISIBLE, (char) => `[${codePointLabel(char)}]`) + (cut.truncated ? '…' : '');
}
