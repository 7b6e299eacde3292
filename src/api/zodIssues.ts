// zod's issues rendered for people: a dotted path, what was expected, and what actually came
// (read from the input itself, so the rendering is the same whatever zod's wording is).
import { renderValue } from './excerpt';
import type * as z from './zodMini';

export interface DescribedIssue {
  /** Dotted path, e.g. `timeEvents.3.timestamp`; empty for the value itself. */
  path: string;
  expected: string;
  received: string;
}

type Issue = z.core.$ZodIssue;

function bound(value: number | bigint, inclusive: boolean | undefined, atLeast: boolean): string {
  const operator = atLeast ? (inclusive === false ? '>' : '>=') : inclusive === false ? '<' : '<=';
  return `${operator} ${String(value)}`;
}

function sizeWord(origin: string): string {
  if (origin === 'string') {
    return 'characters';
  }
  return origin === 'array' || origin === 'set' ? 'items' : '';
}

function expectedOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'an integer' : issue.expected;
    case 'too_small': {
      const unit = sizeWord(issue.origin);
      if (unit) {
        return `at least ${String(issue.minimum)} ${unit}`;
      }
      return `a number ${bound(issue.minimum, issue.inclusive, true)}`;
    }
    case 'too_big': {
      const unit = sizeWord(issue.origin);
      if (unit) {
        return `at most ${String(issue.maximum)} ${unit}`;
      }
      return `a number ${bound(issue.maximum, issue.inclusive, false)}`;
    }
    case 'invalid_value':
      return `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      return `a ${issue.format}`;
    default:
      return issue.message;
  }
}

/** The value found at `path` in `input`, or `undefined`. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || typeof key === 'symbol') {
      return undefined;
    }
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export function describeIssue(issue: Issue, input: unknown): DescribedIssue {
  return {
    path: issue.path.map(String).join('.'),
    expected: expectedOf(issue),
    received: renderValue(valueAt(input, issue.path)),
  };
}

/** A short summary for a malformed-answer message: the first few issues. */
export function summarizeIssues(issues: readonly DescribedIssue[], limit = 3): string {
  const parts = issues.slice(0, limit).map((issue) => {
    const where = issue.path === '' ? 'the answer' : `'${issue.path}'`;
    return `${where} should be ${issue.expected} but is ${issue.received}`;
  });
  const more = issues.length > limit ? ` (and ${issues.length - limit} more problems)` : '';
  return parts.join('; ') + more;
}

export function describeZodIssues(issues: readonly Issue[], input: unknown, limit = 3): string {
  return summarizeIssues(
    issues.map((issue) => describeIssue(issue, input)),
    limit,
  );
}
