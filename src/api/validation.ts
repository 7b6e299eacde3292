// Validation of search answers, on the hot path of every page the tree loads. One bad workitem
// must not cost the user the page: valid items are kept as they are, each invalid one is reported
// with the field that is wrong.
//
// Speed: a valid item — the common case — passes a hand-written check of the same rules as
// WorkitemSchema (workitemFastCheck.ts) and is kept as the very object JSON.parse made, with no
// copy. Only an item the check refuses goes through zod, which has the last word and describes
// the issues.
import { NcxError } from './errors';
import { SearchEnvelopeSchema, WorkitemSchema, type SearchEnvelope, type Workitem } from './schemas';
import { isWellFormedWorkitem } from './workitemFastCheck';
import type { ValidationIssue } from './workitemsApi';
import { describeIssue, describeZodIssues } from './zodIssues';

export const SEARCH_ENVELOPE_DESCRIPTION = 'a search result {count, total, objects}';

export interface ValidatedPage {
  items: Workitem[];
  issues: ValidationIssue[];
  count: number;
  total: number;
  /** How many objects the server sent, valid or not: the offset of the next page moves by this. */
  received: number;
}

export type WorkitemCheck = { ok: true; workitem: Workitem } | { ok: false; issues: ValidationIssue[] };

/** The id to name a workitem by in an issue: its own when readable, else its place in the page. */
function issueOwner(value: unknown, index: number): string {
  if (typeof value === 'object' && value !== null) {
    const id = (value as { workitemId?: unknown }).workitemId;
    if (typeof id === 'string' && id !== '') {
      return id;
    }
  }
  return `#${index}`;
}

/** The fast yes/no of WorkitemSchema, without copying the item. */
export function isValidWorkitem(value: unknown): value is Workitem {
  return isWellFormedWorkitem(value);
}

/** Checks one workitem of a page; `index` is its place in the page, for items without an id. */
export function checkWorkitem(value: unknown, index: number): WorkitemCheck {
  if (isValidWorkitem(value)) {
    return { ok: true, workitem: value };
  }
  const parsed = WorkitemSchema.safeParse(value);
  if (parsed.success) {
    // Only if the fast check and the schema disagree; the schema has the last word.
    return { ok: true, workitem: parsed.data };
  }
  const workitemId = issueOwner(value, index);
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({ workitemId, ...describeIssue(issue, value) })),
  };
}

function defaultMalformed(problem: string): NcxError {
  return new NcxError('malformed', `The answer is not ${SEARCH_ENVELOPE_DESCRIPTION}: ${problem}.`);
}

/** The envelope of any search answer (workitems, queues...); a wrong one throws `malformed(...)`. */
export function readSearchEnvelope(
  json: unknown,
  malformed: (problem: string) => NcxError = defaultMalformed,
): SearchEnvelope {
  const parsed = SearchEnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    throw malformed(describeZodIssues(parsed.error.issues, json));
  }
  return parsed.data;
}

/**
 * Splits the parsed JSON of a search answer into valid items and issues. A wrong envelope throws
 * the error `malformed` builds (by default a plain malformed NcxError).
 */
export function validateSearchAnswer(
  json: unknown,
  malformed: (problem: string) => NcxError = defaultMalformed,
): ValidatedPage {
  const envelope = readSearchEnvelope(json, malformed);
  const items: Workitem[] = [];
  const issues: ValidationIssue[] = [];
  const objects = envelope.objects;
  for (let index = 0; index < objects.length; index += 1) {
    const checked = checkWorkitem(objects[index], index);
    if (checked.ok) {
      items.push(checked.workitem);
    } else {
      issues.push(...checked.issues);
    }
  }
  return { items, issues, count: envelope.count, total: envelope.total, received: objects.length };
}

