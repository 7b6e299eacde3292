// What a hover on a field name in `.ncxq` text says: what the field is, whether NCX documents it,
// and its known values. Markdown built only from our own catalog.
import { QUERY_FIELDS, type QueryField } from './queryFields';

export interface HoverInfo {
  start: number;
  end: number;
  markdown: string;
}

const NAME_CHAR = /[\w$.-]/;

export function describeField(field: QueryField): string {
  const origin = field.documented
    ? 'Documented by NCX (workitem schema).'
    : 'Not in NCX documentation: assumed from live data and the sandbox (see the README, "What NCX leaves open").';
  const values = field.values ? `\n\nValues: ${field.values.map((value) => `\`${value}\``).join(', ')}` : '';
  return `**${field.name}** (${field.kind})\n\n${field.description}\n\n${origin}${values}`;
}

export function hoverAt(text: string, offset: number): HoverInfo | undefined {
  let start = offset;
  while (start > 0 && NAME_CHAR.test(text[start - 1] ?? '')) {
    start -= 1;
  }
  let end = offset;
  while (end < text.length && NAME_CHAR.test(text[end] ?? '')) {
    end += 1;
  }
  const field = QUERY_FIELDS.get(text.slice(start, end));
  if (!field || start === end) {
    return undefined;
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineText = text.slice(lineStart, start).trimStart();
  const isField = text[end] === ':' || /^@(sort|columns)\b/.test(lineText);
  return isField ? { start, end, markdown: describeField(field) } : undefined;
}
