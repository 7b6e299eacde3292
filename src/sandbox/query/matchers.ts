// Value tests compiled once per query and run per candidate (or per index key, which is cheaper).

export interface Interval {
  min: number;
  max: number;
  minInclusive: boolean;
  maxInclusive: boolean;
}

export interface Matcher {
  test(value: unknown): boolean;
  /** Set when the matcher is case-sensitive equality with one value: the store can look it up. */
  readonly exact?: string | number;
  /** Set when the matcher is a numeric interval: the store can binary-search ordered columns. */
  readonly interval?: Interval;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

export function equalsMatcher(value: string, caseSensitive: boolean): Matcher {
  if (caseSensitive) {
    return { exact: value, test: (candidate) => candidate === value };
  }
  const regex = new RegExp(`^${escapeRegex(value)}$`, 'i');
  return { test: (candidate) => typeof candidate === 'string' && regex.test(candidate) };
}

export function containsMatcher(value: string, caseSensitive: boolean): Matcher {
  if (caseSensitive) {
    return { test: (candidate) => typeof candidate === 'string' && candidate.includes(value) };
  }
  const regex = new RegExp(escapeRegex(value), 'i');
  return { test: (candidate) => typeof candidate === 'string' && regex.test(candidate) };
}

/** `*` is any run of characters (also none), `?` exactly one; the pattern covers the whole value. */
export function wildcardMatcher(pattern: string, caseSensitive: boolean): Matcher {
  const body = pattern
    .split(/([*?])/)
    .map((part) => (part === '*' ? '.*' : part === '?' ? '.' : escapeRegex(part)))
    .join('');
  const regex = new RegExp(`^${body}$`, caseSensitive ? 'su' : 'isu');
  return { test: (candidate) => typeof candidate === 'string' && regex.test(candidate) };
}

export function intervalMatcher(interval: Interval): Matcher {
  const { min, max, minInclusive, maxInclusive } = interval;
  const exact = min === max && minInclusive && maxInclusive ? min : undefined;
  return {
    interval,
    exact,
    test: (candidate) =>
      typeof candidate === 'number' &&
      (minInclusive ? candidate >= min : candidate > min) &&
      (maxInclusive ? candidate <= max : candidate < max),
  };
}

/** For list fields: true when any element passes. */
export function anyElementMatcher(inner: Matcher): Matcher {
  return { test: (candidate) => Array.isArray(candidate) && candidate.some((element) => inner.test(element)) };
}
