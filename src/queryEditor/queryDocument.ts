// A `.ncxq` file: header lines, comments and the query. Header lines start with `@` and set what
// the search sends besides `q` (`@sort createdAt desc`, `@rows 200`) and what the results table
// shows (`@columns workitemId, state, createdAt`), and which tenant the query is written for
// (`@tenant acme.thrio.io`: Run refuses to send it to another one). Lines starting with `//` are comments. Every
// other line is query text. The body keeps the file's length (headers and comments become
// spaces), so an offset the parser reports is the file's offset, with no mapping to get wrong.
import { SEARCH_DEFAULT_ROWS, SEARCH_MAX_ROWS } from '../api/paths';
import { QUERY_FIELDS, SORTABLE_FIELDS, nearestName } from './queryFields';

export const HEADER_NAMES = ['sort', 'rows', 'columns', 'tenant'] as const;
export type HeaderName = (typeof HEADER_NAMES)[number];

export const DEFAULT_COLUMNS: readonly string[] = ['workitemId', 'state', 'channelType', 'type', 'priority', 'agentUsername', 'createdAt'];

export interface Problem {
  start: number;
  end: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface HeaderLine {
  name: string;
  /** Offset of the `@`. */
  start: number;
  valueStart: number;
  value: string;
}

export interface QueryDocument {
  /** The query text as sent (`q`), trimmed. */
  q: string;
  /** The file's text with headers and comments blanked, same length. */
  body: string;
  sort?: string;
  rows: number;
  columns: string[];
  /** The tenant named by `@tenant`, if any. */
  tenant?: string;
  headers: HeaderLine[];
  problems: Problem[];
}

const LINE = /[^\n]*(\n|$)/g;

function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

function readSort(header: HeaderLine, problems: Problem[]): string | undefined {
  const parts = header.value.split(',');
  let offset = header.valueStart;
  const kept: string[] = [];
  for (const part of parts) {
    const match = /^(\s*)(\S+)(?:\s+(\S+))?\s*$/.exec(part);
    const field = match?.[2];
    if (!match || field === undefined) {
      problems.push({ start: offset, end: offset + part.length, message: 'Write a field and asc or desc, e.g. createdAt desc.', severity: 'error' });
    } else {
      const fieldStart = offset + (match[1]?.length ?? 0);
      const direction = match[3];
      if (!SORTABLE_FIELDS.includes(field)) {
        const near = nearestName(field, SORTABLE_FIELDS);
        problems.push({
          start: fieldStart,
          end: fieldStart + field.length,
          message: `'${field}' is not a field the search sorts by.` + (near ? ` Did you mean '${near}'?` : ''),
          severity: 'error',
        });
      } else if (direction !== undefined && direction !== 'asc' && direction !== 'desc') {
        const at = offset + part.indexOf(direction, (match[1]?.length ?? 0) + field.length);
        problems.push({ start: at, end: at + direction.length, message: `Sort direction is asc or desc, not '${direction}'.`, severity: 'error' });
      } else {
        kept.push(`${field} ${direction ?? 'asc'}`);
      }
    }
    offset += part.length + 1;
  }
  return kept.length > 0 ? kept.join(',') : undefined;
}

function readRows(header: HeaderLine, problems: Problem[]): number | undefined {
  const text = header.value.trim();
  const rows = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(rows) || rows < 1 || rows > SEARCH_MAX_ROWS) {
    const start = header.valueStart + header.value.indexOf(text);
    problems.push({
      start,
      end: start + Math.max(1, text.length),
      message: `rows is a whole number from 1 to ${SEARCH_MAX_ROWS} (the page size of each request).`,
      severity: 'error',
    });
    return undefined;
  }
  return rows;
}

function readColumns(header: HeaderLine, problems: Problem[]): string[] {
  const columns: string[] = [];
  let offset = header.valueStart;
  for (const part of header.value.split(',')) {
    const name = part.trim();
    const start = offset + part.indexOf(name);
    if (name !== '') {
      if (!QUERY_FIELDS.has(name) && !name.startsWith('data.')) {
        const near = nearestName(name, QUERY_FIELDS.keys());
        problems.push({
          start,
          end: start + name.length,
          message: `'${name}' is not a known workitem field; its column would stay empty.` + (near ? ` Did you mean '${near}'?` : ''),
          severity: 'warning',
        });
      }
      columns.push(name);
    }
    offset += part.length + 1;
  }
  return columns;
}

function readTenant(header: HeaderLine, problems: Problem[]): string | undefined {
  const text = header.value.trim();
  if (!/^[\w.-]+$/.test(text)) {
    const start = header.valueStart + Math.max(0, header.value.indexOf(text));
    problems.push({
      start,
      end: start + Math.max(1, text.length),
      message: 'Write the tenant as the connection names it: `sandbox`, or its host such as acme.thrio.io.',
      severity: 'error',
    });
    return undefined;
  }
  return text;
}

/** The file text of a query: the inverse of readQueryDocument for what a query keeps. */
export function queryDocumentText(query: { q: string; sort?: string; columns: readonly string[]; tenant?: string }): string {
  return [
    ...(query.tenant !== undefined ? [`@tenant ${query.tenant}`] : []),
    ...(query.sort ? [`@sort ${query.sort}`] : []),
    `@columns ${query.columns.join(', ')}`,
    query.q,
    '',
  ].join('\n');
}

export function readQueryDocument(text: string): QueryDocument {
  const problems: Problem[] = [];
  const headers: HeaderLine[] = [];
  let body = '';
  for (const match of text.matchAll(LINE)) {
    const line = match[0];
    if (line === '') {
      break;
    }
    const start = match.index;
    const trimmed = line.trimStart();
    if (trimmed.startsWith('//')) {
      body += blank(line);
      continue;
    }
    if (trimmed.startsWith('@')) {
      const at = start + line.length - trimmed.length;
      const header = /^@(\w*)[ \t]*/.exec(trimmed);
      const name = header?.[1] ?? '';
      const value = trimmed.slice(header?.[0].length ?? 1).replace(/\r?\n$/, '');
      headers.push({ name, start: at, valueStart: at + (header?.[0].length ?? 1), value });
      body += blank(line);
      continue;
    }
    body += line;
  }
  let sort: string | undefined;
  let rows: number | undefined;
  let columns: string[] | undefined;
  let tenant: string | undefined;
  for (const header of headers) {
    switch (header.name) {
      case 'sort':
        sort = readSort(header, problems);
        break;
      case 'rows':
        rows = readRows(header, problems);
        break;
      case 'columns':
        columns = readColumns(header, problems);
        break;
      case 'tenant':
        tenant = readTenant(header, problems);
        break;
      default:
        problems.push({
          start: header.start,
          end: header.valueStart,
          message: `Unknown header '@${header.name}'; the headers are ${HEADER_NAMES.map((n) => `@${n}`).join(', ')}.`,
          severity: 'error',
        });
    }
  }
  return {
    q: body.trim(),
    body,
    ...(sort !== undefined ? { sort } : {}),
    rows: rows ?? SEARCH_DEFAULT_ROWS,
    columns: columns && columns.length > 0 ? columns : [...DEFAULT_COLUMNS],
    ...(tenant !== undefined ? { tenant } : {}),
    headers,
    problems,
  };
}
