// Checks query text typed by a person (the filter box) before it is sent, with the same parser
// the server uses, so the box can point at the faulty character instead of showing a 400 later.
import { parse, SyntaxError as LiqeSyntaxError, type LiqeQuery } from 'liqe';

export type QueryCheck =
  | { ok: true }
  | {
      ok: false;
      /** A sentence saying what is wrong and how to fix it. */
      message: string;
      /** 0-based character offset in the query. */
      position: number;
    };

const INCOMPLETE_MESSAGE =
  'The query ends too early: close every quote and parenthesis, and give AND, OR and NOT something on both sides.';

function describeCharacter(q: string, offset: number): string {
  const character = q[offset];
  if (character === undefined) {
    return 'the end of the query';
  }
  return character.trim() === '' ? `the space at character ${offset + 1}` : `'${character}' at character ${offset + 1}`;
}

function fromParseError(q: string, error: unknown): QueryCheck {
  if (error instanceof LiqeSyntaxError) {
    return {
      ok: false,
      message:
        `The query cannot be read at ${describeCharacter(q, error.offset)}; ` +
        'check quotes, parentheses and operators (AND, OR, NOT must be upper case).',
      position: error.offset,
    };
  }
  if (error instanceof Error && /no parsings/i.test(error.message)) {
    return { ok: false, message: INCOMPLETE_MESSAGE, position: q.length };
  }
  return {
    ok: false,
    message: 'The query can be read in more than one way; add parentheses to say what goes together.',
    position: 0,
  };
}

/** Problems the parser accepts but the search would not: a field with no value, a comparison with a word. */
function findMeaningProblem(node: LiqeQuery): QueryCheck | undefined {
  switch (node.type) {
    case 'Tag': {
      if (node.field.type !== 'Field') {
        return undefined;
      }
      const { expression, operator } = node;
      if (expression.type === 'EmptyExpression') {
        return {
          ok: false,
          message: `'${node.field.name}${operator.operator}' has no value; write the value right after the colon, without a space.`,
          position: operator.location.end,
        };
      }
      if (
        operator.operator !== ':' &&
        !(expression.type === 'LiteralExpression' && typeof expression.value === 'number')
      ) {
        return {
          ok: false,
          message:
            `'${node.field.name}${operator.operator}' compares numbers; ` +
            `write a number after '${operator.operator}', e.g. priority:>=3.`,
          position: expression.location.start,
        };
      }
      return undefined;
    }
    case 'LogicalExpression':
      return (node.left && findMeaningProblem(node.left)) ?? (node.right && findMeaningProblem(node.right));
    case 'UnaryOperator':
      return node.operand ? findMeaningProblem(node.operand) : undefined;
    case 'ParenthesizedExpression':
      if (node.expression.type === 'EmptyExpression') {
        return {
          ok: false,
          message: 'The query has empty parentheses; put a condition inside or remove them.',
          position: node.location.start,
        };
      }
      return findMeaningProblem(node.expression);
    case 'EmptyExpression':
      return undefined;
  }
}

/** `{ ok: true }` for text the search accepts (blank text means everything). */
export function validateQuery(q: string): QueryCheck {
  return analyzeQuery(q).check;
}

/** The check and, when the text parses, its syntax tree (the query editor reads fields from it). */
export function analyzeQuery(q: string): { check: QueryCheck; ast?: LiqeQuery } {
  let ast: LiqeQuery;
  try {
    ast = parse(q);
  } catch (error) {
    return { check: fromParseError(q, error) };
  }
  return { check: findMeaningProblem(ast) ?? { ok: true }, ast };
}
