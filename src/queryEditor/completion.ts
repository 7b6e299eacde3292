// Completion for `.ncxq` text, with no editor in sight: what to offer at an offset. It looks only
// at the text before the cursor (a field name before a colon, a header name), so it costs less
// than parsing the query.
import { HEADER_NAMES } from './queryDocument';
import { QUERY_FIELD_LIST, QUERY_FIELDS, SORTABLE_FIELDS, type QueryField } from './queryFields';
import type { TenantValues } from './tenantValues';

export type CompletionKind = 'field' | 'value' | 'keyword' | 'header';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** A short note beside the label: "documented by NCX", "assumed", a queue's name… */
  detail: string;
  insertText: string;
  /** Offset where the replaced word starts (the cursor is where it ends). */
  replaceStart: number;
  /** Documented fields sort before assumed ones. */
  sortText: string;
  /** The field's description, for fields. */
  documentation?: string;
}

export const DOCUMENTED_DETAIL = 'documented by NCX';
export const ASSUMED_DETAIL = 'assumed (not in NCX documentation)';

const FIELD_BEFORE_VALUE = /([$A-Za-z_][\w$.-]*):(?:[<>]=?)?("?)([^\s()"]*)$/;
const WORD_BEFORE = /[$A-Za-z_][\w$.-]*$/;
const PLAIN_VALUE = /^[\w.@#$-]+$/;

function fieldEntry(field: QueryField, replaceStart: number, suffix: string): CompletionEntry {
  return {
    label: field.name,
    kind: 'field',
    detail: field.documented ? DOCUMENTED_DETAIL : ASSUMED_DETAIL,
    insertText: field.name + suffix,
    replaceStart,
    sortText: `${field.documented ? '0' : '1'}${field.name}`,
    documentation: field.description,
  };
}

function valueText(value: string, quoted: boolean): string {
  if (quoted) {
    return `${JSON.stringify(value).slice(1)}`;
  }
  return PLAIN_VALUE.test(value) ? value : JSON.stringify(value);
}

function valueEntries(field: QueryField, tenant: TenantValues, replaceStart: number, quoted: boolean): CompletionEntry[] {
  const entries: CompletionEntry[] = (field.values ?? []).map((value, index) => ({
    label: value,
    kind: 'value',
    detail: `${field.name} value`,
    insertText: valueText(value, quoted),
    replaceStart,
    sortText: String(index).padStart(4, '0'),
  }));
  const seen = field.tenantValues ? tenant[field.tenantValues] : [];
  seen.forEach((value, index) => {
    entries.push({
      label: value.value,
      kind: 'value',
      detail: value.name ?? `seen in this tenant`,
      insertText: valueText(value.value, quoted),
      replaceStart,
      sortText: `1${String(index).padStart(4, '0')}`,
    });
  });
  return entries;
}

function headerEntries(line: string, lineStart: number, offset: number): CompletionEntry[] {
  const before = line.slice(0, offset - lineStart);
  const name = /^\s*@(\w*)$/.exec(before);
  if (name) {
    return HEADER_NAMES.map((header) => ({
      label: `@${header}`,
      kind: 'header' as const,
      detail: header === 'sort' ? 'field asc|desc, …' : header === 'rows' ? 'page size, 1 to 1000' : 'table columns, in order',
      insertText: `@${header} `,
      replaceStart: offset - (name[1]?.length ?? 0) - 1,
      sortText: header,
    }));
  }
  const value = /^\s*@(sort|columns)[ \t]+(.*)$/.exec(before);
  if (!value) {
    return [];
  }
  const last = (value[2] ?? '').split(',').pop() ?? '';
  const word = WORD_BEFORE.exec(last)?.[0] ?? '';
  const replaceStart = offset - word.length;
  if (value[1] === 'sort' && /^\s*\S+\s+\w*$/.test(last)) {
    return ['asc', 'desc'].map((direction) => ({
      label: direction,
      kind: 'keyword' as const,
      detail: 'sort direction',
      insertText: direction,
      replaceStart,
      sortText: direction,
    }));
  }
  const names = value[1] === 'sort' ? SORTABLE_FIELDS : QUERY_FIELD_LIST.map((field) => field.name);
  return names.flatMap((fieldName) => {
    const field = QUERY_FIELDS.get(fieldName);
    return field ? [fieldEntry(field, replaceStart, '')] : [];
  });
}

/** What to offer at `offset` of `text`. */
export function completeAt(text: string, offset: number, tenant: TenantValues): CompletionEntry[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndAt = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEndAt === -1 ? text.length : lineEndAt);
  const trimmed = line.trimStart();
  if (trimmed.startsWith('@')) {
    return headerEntries(line, lineStart, offset);
  }
  if (trimmed.startsWith('//')) {
    return [];
  }
  const before = text.slice(lineStart, offset);
  const valueContext = FIELD_BEFORE_VALUE.exec(before);
  if (valueContext) {
    const field = QUERY_FIELDS.get(valueContext[1] ?? '');
    return field ? valueEntries(field, tenant, offset - (valueContext[3]?.length ?? 0), valueContext[2] === '"') : [];
  }
  const word = WORD_BEFORE.exec(before)?.[0] ?? '';
  const replaceStart = offset - word.length;
  const entries = QUERY_FIELD_LIST.map((field) => fieldEntry(field, replaceStart, ':'));
  for (const keyword of ['AND', 'OR', 'NOT']) {
    entries.push({ label: keyword, kind: 'keyword', detail: 'operator', insertText: `${keyword} `, replaceStart, sortText: `2${keyword}` });
  }
  return entries;
}
