// Short renderings of what a server sent, for error messages and validation issues. They are
// bounded so that a 50 MB answer never ends up in a notification, and they never carry a secret.
import { boundedStringify } from './boundedJson';
import type { ValidationIssue } from './workitemsApi';

const ELLIPSIS = '…';

/** One line of at most `max` characters: whitespace runs collapse, the rest is cut with an ellipsis. */
export function excerpt(text: string, max = 120): string {
  // Collapsing only a bounded prefix keeps this cheap on huge bodies.
  const oneLine = text.slice(0, max * 4).replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? oneLine.slice(0, max - 1) + ELLIPSIS : oneLine;
}

/** How a JSON value looked, e.g. `"abc"`, `42`, `an array of 3`, `missing`. */
export function renderValue(value: unknown, max = 60): string {
  if (value === undefined) {
    return 'missing';
  }
  if (Array.isArray(value)) {
    return `an array of ${value.length}`;
  }
  if ((typeof value === 'object' && value !== null) || typeof value === 'string') {
    // Bounded: a value nested thousands of levels deep (or circular) must not throw here, and
    // only the first few characters are shown anyway.
    return excerpt(boundedStringify(value, { maxDepth: 8, maxChars: max * 4 }).text, max);
  }
  return excerpt(String(value), max);
}

/** Removes every occurrence of each secret (token, password, Authorization value) from `text`. */
export function withoutSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    // A secret of one or two characters would also erase ordinary letters; real tokens are long.
    if (secret !== undefined && secret.length >= 3) {
      result = result.split(secret).join('‹redacted›');
    }
  }
  return result;
}

/** Issues quote the server's values, which may echo a credential back: each text goes through `redact`. */
export function redactIssues(issues: readonly ValidationIssue[], redact: (text: string) => string): ValidationIssue[] {
  return issues.map((issue) => ({
    workitemId: redact(issue.workitemId),
    path: redact(issue.path),
    expected: redact(issue.expected),
    received: redact(issue.received),
  }));
}
