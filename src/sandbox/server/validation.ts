// zod at the HTTP boundary: parses one part of a request (query, path, body) and turns a failure
// into a 400 that says what is wrong and where, e.g. "Query parameter 'rows': must be at most 1000".
import type { z } from 'zod';
import { badRequest } from './httpError';

export type RequestPart = 'query' | 'path' | 'body';

const PART_LABEL: Record<RequestPart, string> = {
  query: 'Query parameter',
  path: 'Path parameter',
  body: 'Body field',
};

function describeReceived(input: unknown, path: readonly PropertyKey[]): string {
  let value: unknown = input;
  for (const key of path) {
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  if (value === undefined) {
    return '';
  }
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return ` (got ${text.length > 60 ? `${text.slice(0, 57)}...` : text})`;
}

export function parseRequestPart<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  part: RequestPart,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    const where = field ? `${PART_LABEL[part]} '${field}'` : part === 'body' ? 'The request body' : PART_LABEL[part];
    return `${where}: ${issue.message}${describeReceived(input, issue.path)}`;
  });
  const first = result.error.issues[0];
  return throwBadRequest(problems.join('; '), part, first ? first.path.map(String).join('.') : '');
}

function throwBadRequest(message: string, part: RequestPart, field: string): never {
  throw badRequest(message, { in: part, ...(field ? { field } : {}) });
}

/** URLSearchParams as a plain object; a repeated parameter is a 400, as its meaning is unclear. */
export function queryObject(query: URLSearchParams): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    if (values.length > 1) {
      throwBadRequest(`Query parameter '${key}' is given ${values.length} times; give it once.`, 'query', key);
    }
    result[key] = values[0] ?? '';
  }
  return result;
}
