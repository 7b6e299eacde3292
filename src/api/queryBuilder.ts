// A typed builder for the `q` search syntax (Lucene-like, read by liqe on the server side).
// Values are literal: a string is always written quoted and escaped, so spaces, colons, quotes,
// backslashes, parentheses and `*` / `?` in it mean themselves. Only `wildcard()` writes a
// pattern. AND and OR have no precedence over each other in liqe, so every compound operand is
// parenthesised.
import { parse, type LiqeQuery } from 'liqe';
import { validateQuery } from './queryValidation';

export { validateQuery, type QueryCheck } from './queryValidation';

export type TermValue = string | number | boolean | null | Date;
export type Comparison = '>' | '>=' | '<' | '<=';

export interface RangeOptions {
  /** Default true. */
  minInclusive?: boolean;
  /** Default true. */
  maxInclusive?: boolean;
}

export type QueryNode =
  | { kind: 'all' }
  | { kind: 'term'; field: string; value: string | number | boolean | null }
  | { kind: 'wildcard'; field: string; pattern: string }
  | { kind: 'range'; field: string; min: number; max: number; minInclusive: boolean; maxInclusive: boolean }
  | { kind: 'compare'; field: string; operator: Comparison; value: number }
  | { kind: 'raw'; text: string }
  | { kind: 'and' | 'or'; operands: QueryNode[] }
  | { kind: 'not'; operand: QueryNode };

/** An immutable query; `toString()` gives the `q` text (empty for "everything"). */
export class Query {
  /** @internal Use the builder functions below. */
  constructor(readonly node: QueryNode) {}

  get matchesAll(): boolean {
    return this.node.kind === 'all';
  }

  and(...others: Query[]): Query {
    return and(this, ...others);
  }

  or(...others: Query[]): Query {
    return or(this, ...others);
  }

  toString(): string {
    return render(this.node);
  }
}

const PLAIN_FIELD = /^[$A-Z_a-z][\w$.-]*$/;
const OPERATOR_WORDS = new Set(['AND', 'OR', 'NOT']);
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

function renderField(field: string): string {
  return PLAIN_FIELD.test(field) && !OPERATOR_WORDS.has(field) ? field : JSON.stringify(field);
}

function renderNumber(value: number): string {
  const text = String(value);
  if (!PLAIN_DECIMAL.test(text)) {
    throw new RangeError(`The number ${text} cannot be written in a query; use a plain decimal number.`);
  }
  return text;
}

/**
 * A string as a double-quoted literal. liqe reads the inside of double quotes with JSON's escapes
 * (`\"`, `\\`, `\n`, `\uXXXX`...), and JSON.stringify writes exactly those, lone surrogates included.
 */
function renderString(value: string): string {
  return JSON.stringify(value);
}

function renderValue(value: string | number | boolean | null): string {
  if (typeof value === 'string') {
    return renderString(value);
  }
  if (typeof value === 'number') {
    return renderNumber(value);
  }
  return String(value);
}

function isCompound(node: QueryNode): boolean {
  return node.kind === 'and' || node.kind === 'or' || node.kind === 'not' || node.kind === 'raw';
}

function renderOperand(node: QueryNode): string {
  return isCompound(node) ? `(${render(node)})` : render(node);
}

function render(node: QueryNode): string {
  switch (node.kind) {
    case 'all':
      return '';
    case 'term':
      return `${renderField(node.field)}:${renderValue(node.value)}`;
    case 'wildcard':
      return `${renderField(node.field)}:${node.pattern}`;
    case 'range':
      return (
        `${renderField(node.field)}:${node.minInclusive ? '[' : '{'}` +
        `${renderNumber(node.min)} TO ${renderNumber(node.max)}${node.maxInclusive ? ']' : '}'}`
      );
    case 'compare':
      return `${renderField(node.field)}:${node.operator}${renderNumber(node.value)}`;
    case 'raw':
      return node.text;
    case 'and':
    case 'or':
      return node.operands.map(renderOperand).join(node.kind === 'and' ? ' AND ' : ' OR ');
    case 'not':
      return `NOT ${renderOperand(node.operand)}`;
  }
}

function checkField(field: string): string {
  if (field === '') {
    throw new RangeError('A query field name cannot be empty.');
  }
  return field;
}

function toNumber(value: number | Date): number {
  const number = value instanceof Date ? value.getTime() : value;
  renderNumber(number);
  return number;
}

/** Everything: the empty query. */
export function matchAll(): Query {
  return new Query({ kind: 'all' });
}

/** `field` equals `value` literally. A Date is compared as Unix milliseconds. */
export function term(field: string, value: TermValue): Query {
  const literal = value instanceof Date ? toNumber(value) : value;
  if (typeof literal === 'number') {
    renderNumber(literal);
  }
  return new Query({ kind: 'term', field: checkField(field), value: literal });
}

/** `field` equals one of `values`; no values matches nothing, which `q` cannot say, so it throws. */
export function anyOf(field: string, values: readonly TermValue[]): Query {
  const [first, ...rest] = values.map((value) => term(field, value));
  if (!first) {
    throw new RangeError(`anyOf('${field}') needs at least one value.`);
  }
  return or(first, ...rest);
}

/**
 * A pattern where `*` stands for any run of characters and `?` for one character. The rest of the
 * pattern must be plain (letters, digits, `_ . @ # $ -`): the syntax has no escapes outside quotes.
 */
export function wildcard(field: string, pattern: string): Query {
  if (!/[*?]/.test(pattern)) {
    throw new RangeError(`The wildcard pattern '${pattern}' has no * or ?; use term() for a literal value.`);
  }
  const text = `${renderField(checkField(field))}:${pattern}`;
  let parsed: LiqeQuery | undefined;
  try {
    parsed = parse(text);
  } catch {
    parsed = undefined;
  }
  const expression = parsed?.type === 'Tag' ? parsed.expression : undefined;
  if (expression?.type !== 'LiteralExpression' || expression.quoted || expression.value !== pattern) {
    throw new RangeError(
      `The wildcard pattern '${pattern}' cannot be written in a query: ` +
        'besides * and ?, use only letters, digits and _ . @ # $ -.',
    );
  }
  return new Query({ kind: 'wildcard', field, pattern });
}

/** `min` to `max`, both included unless told otherwise. Dates become Unix milliseconds. */
export function range(field: string, min: number | Date, max: number | Date, options: RangeOptions = {}): Query {
  return new Query({
    kind: 'range',
    field: checkField(field),
    min: toNumber(min),
    max: toNumber(max),
    minInclusive: options.minInclusive ?? true,
    maxInclusive: options.maxInclusive ?? true,
  });
}

export function compare(field: string, operator: Comparison, value: number | Date): Query {
  return new Query({ kind: 'compare', field: checkField(field), operator, value: toNumber(value) });
}

export const gt = (field: string, value: number | Date): Query => compare(field, '>', value);
export const gte = (field: string, value: number | Date): Query => compare(field, '>=', value);
export const lt = (field: string, value: number | Date): Query => compare(field, '<', value);
export const lte = (field: string, value: number | Date): Query => compare(field, '<=', value);

/**
 * Query text written by a person (the filter box), to combine with built queries. It must parse;
 * blank text is "everything".
 */
export function raw(text: string): Query {
  if (text.trim() === '') {
    return matchAll();
  }
  const check = validateQuery(text);
  if (!check.ok) {
    throw new RangeError(check.message);
  }
  return new Query({ kind: 'raw', text: text.trim() });
}

/** All of `queries`; "everything" operands drop out, and no operands is "everything". */
export function and(...queries: Query[]): Query {
  const operands = queries.map((query) => query.node).filter((node) => node.kind !== 'all');
  const [only] = operands;
  if (operands.length === 1 && only) {
    return new Query(only);
  }
  return operands.length === 0 ? matchAll() : new Query({ kind: 'and', operands });
}

/** Any of `queries`; an "everything" operand makes the whole "everything". */
export function or(first: Query, ...rest: Query[]): Query {
  const operands = [first, ...rest].map((query) => query.node);
  if (operands.some((node) => node.kind === 'all')) {
    return matchAll();
  }
  return operands.length === 1 ? first : new Query({ kind: 'or', operands });
}

/** Everything `query` does not match; NOT of "everything" matches nothing, which `q` cannot say. */
export function not(query: Query): Query {
  if (query.matchesAll) {
    throw new RangeError('not() of a query that matches everything would match nothing, which q cannot express.');
  }
  return new Query({ kind: 'not', operand: query.node });
}
