// Shortening values for display without corrupting them: a cut never splits a surrogate pair
// (an emoji would turn into a replacement character), and JSON stays single-line.
import { boundedStringify } from '../../api/boundedJson';

export interface Truncated {
  text: string;
  /** True when `text` is shorter than the input. */
  truncated: boolean;
  /** Length of the input in UTF-16 units, to say how much was left out. */
  fullLength: number;
}

/** Keeps at most `maxUnits` UTF-16 units, stepping back one if the cut would split a pair. */
export function truncateText(value: string, maxUnits: number): Truncated {
  if (value.length <= maxUnits) {
    return { text: value, truncated: false, fullLength: value.length };
  }
  let end = Math.max(0, maxUnits);
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    end -= 1;
  }
  return { text: value.slice(0, end), truncated: true, fullLength: value.length };
}

/** One-line JSON (`undefined` and functions render as their name); bounded in depth and size, never throws. */
export function compactJson(value: unknown): string {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
    return String(value);
  }
  return boundedStringify(value).text;
}

// Bidi marks, embeddings, overrides and isolates: in a label they reorder the text around them, so
// `invoice\u202Egpj.exe` would read as `invoiceexe.jpg`.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** A server value for one-line UI text: bidi controls spelled out as `[U+202E]`, everything else kept. */
export function revealBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (char) => `[U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}
