// Evaluates the `q` strings the model sends, over in-memory records, the way the NCX examples read
// (`state:active AND channelType:voice`): field terms match exactly, with AND / OR / NOT and
// parentheses. Parsing is liqe's; anything the model should never send is rejected as a 400.
import { parse, type ParserAst } from 'liqe';
import { NcxError } from '../../../../src/api/errors';

export type FieldReader = (index: number, field: string) => unknown;
export type RecordPredicate = (index: number) => boolean;

export function compileQuery(q: string | undefined, read: FieldReader): RecordPredicate {
  if (q === undefined || q.trim() === '') {
    return () => true;
  }
  let ast: ParserAst;
  try {
    ast = parse(q);
  } catch (error) {
    throw new NcxError('badRequest', `Invalid query: ${(error as Error).message}`, { status: 400 });
  }
  return compile(ast, read);
}

function compile(ast: ParserAst, read: FieldReader): RecordPredicate {
  switch (ast.type) {
    case 'EmptyExpression':
      return () => true;
    case 'ParenthesizedExpression':
      return compile(ast.expression, read);
    case 'UnaryOperator': {
      const operand = compile(ast.operand, read);
      return (index) => !operand(index);
    }
    case 'LogicalExpression': {
      const left = compile(ast.left, read);
      const right = compile(ast.right, read);
      return ast.operator.operator === 'OR'
        ? (index) => left(index) || right(index)
        : (index) => left(index) && right(index);
    }
    case 'Tag': {
      if (ast.field.type !== 'Field' || ast.expression.type !== 'LiteralExpression' || ast.operator.operator !== ':') {
        throw new NcxError('badRequest', 'The fake supports only field:value terms', { status: 400 });
      }
      const field = ast.field.name;
      const expected = String(ast.expression.value);
      return (index) => {
        const value = read(index, field);
        return value !== undefined && String(value) === expected;
      };
    }
  }
}
