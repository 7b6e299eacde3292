// Turns liqe's syntax tree into a QueryNode tree that the store evaluates against its indexes.
// Everything that can be wrong with a query (unknown field, a word where a number belongs, a
// range on a text field) is found here, before any workitem is looked at.
// AND and OR bind equally and group from the left, as liqe reads them: `a OR b AND c` is
// `(a OR b) AND c`. Queries that mix them should use parentheses.
import type { ExpressionToken, LiqeQuery, TagToken } from 'liqe';
import { QuerySyntaxError } from '../contracts';
import { QUERY_FIELDS, freeTextField, type FieldSpec } from './fields';
import {
  anyElementMatcher,
  containsMatcher,
  equalsMatcher,
  hasWildcard,
  intervalMatcher,
  wildcardMatcher,
  type Interval,
  type Matcher,
} from './matchers';
import { parseQuery } from './parse';

export type QueryNode =
  | { kind: 'all' }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  | { kind: 'match'; field: FieldSpec; matcher: Matcher };

/** Compiles `q`; an absent or blank query matches everything. Throws QuerySyntaxError. */
export function compileQuery(query: string | undefined): QueryNode {
  if (query === undefined || query.trim() === '') {
    return { kind: 'all' };
  }
  return compileNode(parseQuery(query), query);
}

function compileNode(node: LiqeQuery, query: string): QueryNode {
  switch (node.type) {
    case 'EmptyExpression':
      throw new QuerySyntaxError(`Empty expression at position ${node.location.start}`, node.location.start);
    case 'ParenthesizedExpression':
      if (node.expression.type === 'EmptyExpression') {
        throw new QuerySyntaxError(`Empty parentheses at position ${node.location.start}`, node.location.start);
      }
      return compileNode(node.expression, query);
    case 'UnaryOperator':
      return { kind: 'not', child: compileNode(node.operand, query) };
    case 'LogicalExpression': {
      const kind = node.operator.operator === 'OR' ? 'or' : 'and';
      const children = [compileNode(node.left, query), compileNode(node.right, query)].flatMap((child) =>
        child.kind === kind ? child.children : [child],
      );
      return { kind, children };
    }
    case 'Tag':
      return compileTag(node, query);
  }
}

function compileTag(tag: TagToken, query: string): QueryNode {
  const position = tag.location.start;
  if (tag.field.type === 'ImplicitField') {
    return compileFreeText(tag.expression, query, position);
  }
  const field = QUERY_FIELDS.get(tag.field.name);
  const fieldPosition = tag.field.location.start;
  if (!field) {
    throw unknownField(tag.field.name, fieldPosition);
  }
  const expression = tag.expression;
  const operator = tag.operator.operator;
  switch (expression.type) {
    case 'EmptyExpression':
      throw new QuerySyntaxError(`${field.name}: needs a value at position ${expression.location.start}`, expression.location.start);
    case 'RegexExpression':
      throw new QuerySyntaxError(
        `Regular expressions are not supported (position ${expression.location.start}); use wildcards, e.g. ${field.name}:abc*`,
        expression.location.start,
      );
    case 'RangeExpression':
      requireOrdered(field, 'a range', fieldPosition);
      return match(field, intervalMatcher(expression.range));
    case 'LiteralExpression':
      break;
  }
  const valuePosition = expression.location.start;
  if (field.kind === 'number' || field.kind === 'time') {
    if (!expression.quoted && expression.value === '*') {
      return match(field, intervalMatcher({ min: -Infinity, max: Infinity, minInclusive: true, maxInclusive: true }));
    }
    const value = numberFor(field, expression, valuePosition);
    return match(field, intervalMatcher(comparison(operator, value, isDateOnly(field, expression))));
  }
  if (operator !== ':' && operator !== ':=') {
    throw new QuerySyntaxError(
      `${field.name} is a ${field.kind === 'text' ? 'text' : 'keyword'} field: "${operator.slice(1)}" compares numbers and times only (position ${fieldPosition})`,
      fieldPosition,
    );
  }
  const text = literalText(expression, query);
  const caseSensitive = expression.quoted || field.kind === 'id';
  let matcher: Matcher;
  if (!expression.quoted && hasWildcard(text)) {
    matcher = wildcardMatcher(text, caseSensitive);
  } else if (field.kind === 'text' && operator === ':') {
    matcher = containsMatcher(text, caseSensitive);
  } else {
    matcher = equalsMatcher(text, caseSensitive);
  }
  return match(field, field.kind === 'keywordList' ? anyElementMatcher(matcher) : matcher);
}

function compileFreeText(expression: ExpressionToken, query: string, position: number): QueryNode {
  if (expression.type !== 'LiteralExpression') {
    throw new QuerySyntaxError(`A search term needs a field for this kind of value (position ${position})`, position);
  }
  const text = literalText(expression, query);
  const wildcard = !expression.quoted && hasWildcard(text);
  const matcher = wildcard ? wildcardMatcher(text, false) : containsMatcher(text, expression.quoted);
  return match(freeTextField(wildcard || /\s/.test(text)), matcher);
}

function match(field: FieldSpec, matcher: Matcher): QueryNode {
  return { kind: 'match', field, matcher };
}

/** The value as typed: liqe turns `007` into 7 and `true` into a boolean, which ids must not see. */
function literalText(expression: ExpressionToken & { type: 'LiteralExpression' }, query: string): string {
  if (typeof expression.value === 'string') {
    return expression.value;
  }
  return query.slice(expression.location.start, expression.location.end);
}

function requireOrdered(field: FieldSpec, what: string, position: number): void {
  if (field.kind !== 'number' && field.kind !== 'time') {
    throw new QuerySyntaxError(`${field.name} is not a number or time field: ${what} cannot apply to it (position ${position})`, position);
  }
}

function numberFor(field: FieldSpec, expression: ExpressionToken & { type: 'LiteralExpression' }, position: number): number {
  const { value } = expression;
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string') {
    const asNumber = Number(value);
    if (value.trim() !== '' && Number.isFinite(asNumber)) {
      return asNumber;
    }
    if (field.kind === 'time') {
      const asDate = Date.parse(value);
      if (Number.isFinite(asDate)) {
        return asDate;
      }
    }
  }
  const expected = field.kind === 'time' ? 'a Unix ms timestamp or a quoted date' : 'a number';
  throw new QuerySyntaxError(`${field.name} expects ${expected}, got ${JSON.stringify(value)} at position ${position}`, position);
}

/** `createdAt:"2025-06-01"` means that whole (UTC) day. */
function isDateOnly(field: FieldSpec, expression: ExpressionToken & { type: 'LiteralExpression' }): boolean {
  return field.kind === 'time' && typeof expression.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(expression.value);
}

const DAY = 24 * 60 * 60 * 1000;

function comparison(operator: string, value: number, wholeDay: boolean): Interval {
  const last = wholeDay ? value + DAY : value;
  switch (operator) {
    case ':>':
      return wholeDay
        ? { min: last, max: Infinity, minInclusive: true, maxInclusive: true }
        : { min: value, max: Infinity, minInclusive: false, maxInclusive: true };
    case ':>=':
      return { min: value, max: Infinity, minInclusive: true, maxInclusive: true };
    case ':<':
      return { min: -Infinity, max: value, minInclusive: true, maxInclusive: false };
    case ':<=':
      return { min: -Infinity, max: last, minInclusive: true, maxInclusive: !wholeDay };
    default:
      return { min: value, max: last, minInclusive: true, maxInclusive: !wholeDay };
  }
}

function unknownField(name: string, position: number): QuerySyntaxError {
  const lower = name.toLowerCase();
  const suggestion = [...QUERY_FIELDS.keys()].find((known) => known.toLowerCase() === lower);
  const hint = suggestion ? `did you mean ${suggestion}?` : `known fields: ${[...QUERY_FIELDS.keys()].join(', ')}`;
  return new QuerySyntaxError(`Unknown field "${name}" at position ${position}; ${hint}`, position);
}
