// JSON from a server is data of any shape: nested thousands of levels deep, megabytes long. The
// engine's own walkers (JSON.stringify, structuredClone, every recursive formatter) overflow the
// stack at a few thousand levels, so whatever validates, formats or stringifies server data goes
// through these two functions, whose recursion is bounded by a depth cap and whose output is
// bounded by a size cap; what they leave out is said in the output itself.

/** Deeper than this, a workitem is refused as malformed (realistic ones are under 6 levels). */
export const MAX_JSON_DEPTH = 64;

/** Whether some value inside `value` sits more than `maxDepth` arrays/objects deep (a cycle does). */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  if (maxDepth <= 0) {
    return true;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      if (nestsDeeperThan(value[index], maxDepth - 1)) {
        return true;
      }
    }
    return false;
  }
  for (const key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key) && nestsDeeperThan((value as Record<string, unknown>)[key], maxDepth - 1)) {
      return true;
    }
  }
  return false;
}

export interface BoundedJsonOptions {
  /** Arrays/objects deeper than this are written as a marker string. */
  readonly maxDepth?: number;
  /** The text stops (with a marker) once it is this long. */
  readonly maxChars?: number;
  /** Spaces per level, as JSON.stringify's third argument; 0 for one line. */
  readonly indent?: number;
}

export interface BoundedJson {
  readonly text: string;
  /** Whether something was left out (too deep, too long or circular), as the text says. */
  readonly cut: boolean;
}

export const DEFAULT_MAX_JSON_CHARS = 2_000_000;

export function deepMarker(maxDepth: number): string {
  return `‹nested deeper than ${maxDepth} levels, not shown›`;
}
const CIRCULAR_MARKER = '‹circular, not shown›';
const CUT_MARKER = '… ‹cut: longer than';

/**
 * Whether JSON.stringify writes `value` exactly as boundedStringify's own writer does: plain
 * objects and arrays no deeper than `depthLeft` (so no cycle either), no bigint, no `toJSON`, no
 * class instances. Parsed server JSON always is, and the engine's writer is ten times faster.
 */
function isPlainJson(value: unknown, depthLeft: number): boolean {
  if (typeof value === 'bigint') return false;
  if (typeof value !== 'object' || value === null) return true;
  if (depthLeft <= 0) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (prototype !== Array.prototype) return false;
    for (let index = 0; index < value.length; index += 1) {
      if (!isPlainJson(value[index], depthLeft - 1)) return false;
    }
    return true;
  }
  if ((prototype !== Object.prototype && prototype !== null) || Object.prototype.hasOwnProperty.call(value, 'toJSON')) return false;
  for (const key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key) && !isPlainJson((value as Record<string, unknown>)[key], depthLeft - 1)) return false;
  }
  return true;
}

/**
 * JSON.stringify that never throws: depth, size and cycles are bounded and marked in the text.
 * Values JSON cannot hold read as JSON.stringify reads them (undefined fields left out, `null` in
 * arrays); a bigint is written as its digits.
 */
export function boundedStringify(value: unknown, options: BoundedJsonOptions = {}): BoundedJson {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const maxChars = options.maxChars ?? DEFAULT_MAX_JSON_CHARS;
  const indent = options.indent ?? 0;
  if (value !== undefined && isPlainJson(value, maxDepth)) {
    const text = JSON.stringify(value, null, indent > 0 ? indent : undefined);
    if (text.length <= maxChars) return { text, cut: false };
  }
  const parts: string[] = [];
  let length = 0;
  let cut = false;
  const ancestors = new Set<object>();

  const push = (text: string): boolean => {
    if (length >= maxChars) {
      cut = true;
      return false;
    }
    parts.push(text);
    length += text.length;
    return true;
  };
  const newline = (depth: number): string => (indent > 0 ? '\n' + ' '.repeat(indent * depth) : '');

  const write = (item: unknown, depth: number): void => {
    if (item === null || typeof item === 'boolean') {
      push(String(item));
      return;
    }
    if (typeof item === 'number') {
      push(Number.isFinite(item) ? String(item) : 'null');
      return;
    }
    if (typeof item === 'string') {
      // A huge string is cut before it is quoted, so the cost stays bounded too.
      const room = Math.max(0, maxChars - length);
      push(JSON.stringify(item.length > room ? item.slice(0, room) : item));
      if (item.length > room) {
        cut = true;
      }
      return;
    }
    if (typeof item === 'bigint') {
      push(item.toString());
      return;
    }
    if (typeof item !== 'object') {
      push('null');
      return;
    }
    if (ancestors.has(item)) {
      cut = true;
      push(JSON.stringify(CIRCULAR_MARKER));
      return;
    }
    if (depth >= maxDepth) {
      cut = true;
      push(JSON.stringify(deepMarker(maxDepth)));
      return;
    }
    ancestors.add(item);
    const array = Array.isArray(item);
    const entries: [string | undefined, unknown][] = array
      ? (item as unknown[]).map((element) => [undefined, element])
      : Object.keys(item)
          .map((key): [string, unknown] => [key, (item as Record<string, unknown>)[key]])
          .filter(([, field]) => field !== undefined && typeof field !== 'function' && typeof field !== 'symbol');
    push(array ? '[' : '{');
    entries.forEach(([key, element], index) => {
      if (length >= maxChars) {
        cut = true;
        return;
      }
      push((index > 0 ? ',' : '') + newline(depth + 1));
      if (key !== undefined) {
        push(JSON.stringify(key) + (indent > 0 ? ': ' : ':'));
      }
      write(element === undefined || typeof element === 'function' || typeof element === 'symbol' ? null : element, depth + 1);
    });
    push((entries.length > 0 ? newline(depth) : '') + (array ? ']' : '}'));
    ancestors.delete(item);
  };

  write(value === undefined ? null : value, 0);
  let text = parts.join('');
  if (length > maxChars || (cut && length >= maxChars)) {
    text = `${text.slice(0, maxChars)}${CUT_MARKER} ${maxChars.toLocaleString('en-US')} characters›`;
    cut = true;
  }
  return { text, cut };
}
