// The problems of a `.ncxq` file, as offsets in its text: its headers, then the query as the
// filter box checks it (the same parser, validateQuery's analysis), then what parses but would not
// find anything: a field the search does not know (with the nearest known one) and a value outside
// a field's closed set.
import type { LiqeQuery } from 'liqe';
import { analyzeQuery } from '../api/queryValidation';
import { readQueryDocument, type Problem, type QueryDocument } from './queryDocument';
import { QUERY_FIELDS, nearestName } from './queryFields';

function tagProblems(node: LiqeQuery, problems: Problem[]): void {
  switch (node.type) {
    case 'Tag': {
      if (node.field.type !== 'Field') {
        return;
      }
      const { name, location } = node.field;
      const field = QUERY_FIELDS.get(name);
      if (!field) {
        const near = nearestName(name, QUERY_FIELDS.keys());
        problems.push({
          start: location.start,
          end: location.end,
          message: `Unknown field '${name}'.` + (near ? ` Did you mean '${near}'?` : ' See the completion list for the fields a query may name.'),
          severity: 'error',
        });
        return;
      }
      const expression = node.expression;
      if (
        field.values &&
        field.kind !== 'number' &&
        expression.type === 'LiteralExpression' &&
        typeof expression.value === 'string' &&
        !/[*?]/.test(expression.value) &&
        !field.values.some((value) => value.toLowerCase() === String(expression.value).toLowerCase())
      ) {
        const near = nearestName(expression.value, field.values);
        problems.push({
          start: expression.location.start,
          end: expression.location.end,
          message:
            `'${expression.value}' is not a ${name} we know, so it may match nothing.` + (near ? ` Did you mean '${near}'?` : ''),
          severity: 'warning',
        });
      }
      return;
    }
    case 'LogicalExpression':
      tagProblems(node.left, problems);
      tagProblems(node.right, problems);
      return;
    case 'UnaryOperator':
      tagProblems(node.operand, problems);
      return;
    case 'ParenthesizedExpression':
      tagProblems(node.expression, problems);
      return;
    case 'EmptyExpression':
      return;
  }
}

export interface QueryAnalysis {
  document: QueryDocument;
  problems: Problem[];
}

export function analyzeQueryText(text: string): QueryAnalysis {
  const document = readQueryDocument(text);
  const problems = [...document.problems];
  const { check, ast } = analyzeQuery(document.body);
  if (!check.ok) {
    const start = Math.min(check.position, text.length);
    problems.push({ start, end: Math.min(start + 1, text.length), message: check.message, severity: 'error' });
  }
  if (ast) {
    tagProblems(ast, problems);
  }
  problems.sort((a, b) => a.start - b.start);
  return { document, problems };
}
