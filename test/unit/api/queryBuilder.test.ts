import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parse, type LiqeQuery } from 'liqe';
import {
  and,
  anyOf,
  gt,
  gte,
  lt,
  lte,
  matchAll,
  not,
  or,
  range,
  raw,
  term,
  wildcard,
  type Query,
  type QueryNode,
} from '../../../src/api/queryBuilder';

/** The tag liqe reads from a one-term query. */
function parsedTag(text: string): Extract<LiqeQuery, { type: 'Tag' }> {
  const ast = parse(text);
  assert.equal(ast.type, 'Tag', `expected a single term from ${text}`);
  return ast as Extract<LiqeQuery, { type: 'Tag' }>;
}

/** Structure without parentheses, AND/OR chains flattened, so builder and parser can be compared. */
type Shape =
  | { op: 'and' | 'or'; operands: Shape[] }
  | { op: 'not'; operand: Shape }
  | { op: 'tag'; field: string; operator: string; value: unknown };

function flatten(op: 'and' | 'or', shapes: Shape[]): Shape {
  return { op, operands: shapes.flatMap((shape) => (shape.op === op ? shape.operands : [shape])) };
}

function shapeOfAst(ast: LiqeQuery): Shape {
  switch (ast.type) {
    case 'ParenthesizedExpression':
      return shapeOfAst(ast.expression);
    case 'LogicalExpression': {
      const op = ast.operator.operator === 'AND' ? 'and' : 'or';
      return flatten(op, [shapeOfAst(ast.left), shapeOfAst(ast.right)]);
    }
    case 'UnaryOperator':
      return { op: 'not', operand: shapeOfAst(ast.operand) };
    case 'Tag': {
      const field = ast.field.type === 'Field' ? ast.field.name : '';
      const expression = ast.expression;
      const value =
        expression.type === 'RangeExpression'
          ? expression.range
          : expression.type === 'LiteralExpression'
            ? expression.value
            : expression.type;
      return { op: 'tag', field, operator: ast.operator.operator, value };
    }
    default:
      throw new Error(`unexpected ${ast.type}`);
  }
}

function shapeOfNode(node: QueryNode): Shape {
  switch (node.kind) {
    case 'and':
    case 'or':
      return flatten(node.kind, node.operands.map(shapeOfNode));
    case 'not':
      return { op: 'not', operand: shapeOfNode(node.operand) };
    case 'term':
      return { op: 'tag', field: node.field, operator: ':', value: node.value };
    case 'wildcard':
      return { op: 'tag', field: node.field, operator: ':', value: node.pattern };
    case 'range':
      return {
        op: 'tag',
        field: node.field,
        operator: ':',
        value: { min: node.min, max: node.max, minInclusive: node.minInclusive, maxInclusive: node.maxInclusive },
      };
    case 'compare':
      return { op: 'tag', field: node.field, operator: `:${node.operator}`, value: node.value };
    default:
      throw new Error(`unexpected ${node.kind}`);
  }
}

describe('api/queryBuilder', () => {
  describe('terms', () => {
    it('writes the documented example query', () => {
      const query = and(term('state', 'active'), term('channelType', 'voice'));
      assert.equal(query.toString(), 'state:"active" AND channelType:"voice"');
      assert.deepEqual(shapeOfAst(parse(query.toString())), shapeOfNode(query.node));
    });

    const awkward = [
      'John Smith',
      'a:b',
      'say "hi"',
      'C:\\Users\\agent',
      '(group)',
      'wild*card?',
      'AND',
      'NOT',
      'line\nbreak',
      'tab\there',
      '',
      'émoji 📞',
      "it's",
      '/not a regex/',
      '[1 TO 5]',
    ];
    for (const value of awkward) {
      it(`keeps ${JSON.stringify(value)} literal through liqe`, () => {
        const tag = parsedTag(term('summary', value).toString());
        assert.equal(tag.expression.type, 'LiteralExpression');
        assert.ok(tag.expression.type === 'LiteralExpression' && tag.expression.quoted, 'value must be quoted');
        assert.equal(tag.expression.value, value);
      });
    }

    it('round-trips any string value through escaping and liqe (property)', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string()), (value) => {
          const tag = parsedTag(term('summary', value).toString());
          return tag.expression.type === 'LiteralExpression' && tag.expression.quoted && tag.expression.value === value;
        }),
        { numRuns: 2000 },
      );
    });

    it('round-trips any field name (property)', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', minLength: 1 }), (field) => {
          const tag = parsedTag(term(field, 'x').toString());
          return tag.field.type === 'Field' && tag.field.name === field;
        }),
        { numRuns: 1000 },
      );
    });

    it('writes numbers, booleans and null unquoted so they keep their type', () => {
      assert.equal(term('priority', 3).toString(), 'priority:3');
      assert.equal(parsedTag(term('priority', 3).toString()).expression.type, 'LiteralExpression');
      for (const value of [3, -2.5, true, false, null]) {
        const tag = parsedTag(term('x', value).toString());
        assert.ok(tag.expression.type === 'LiteralExpression');
        assert.equal(tag.expression.value, value);
      }
    });

    it('writes a Date as Unix milliseconds', () => {
      const when = new Date(Date.UTC(2023, 2, 16, 16, 0, 0));
      assert.equal(term('createdAt', when).toString(), `createdAt:${when.getTime()}`);
    });

    it('refuses numbers the syntax cannot write', () => {
      for (const value of [Number.NaN, Number.POSITIVE_INFINITY, 1e21, 1e-7]) {
        assert.throws(() => term('priority', value), RangeError);
      }
    });

    it('quotes field names that are not plain words', () => {
      assert.equal(term('data.queueId', 'q_support').toString(), 'data.queueId:"q_support"');
      assert.equal(term('my field', 1).toString(), '"my field":1');
      assert.equal(term('AND', 1).toString(), '"AND":1');
      assert.throws(() => term('', 'x'), RangeError);
    });
  });

  describe('wildcards, ranges and comparisons', () => {
    it('writes a wildcard only when asked, unquoted', () => {
      const tag = parsedTag(wildcard('agentUsername', 'jason.*').toString());
      assert.ok(tag.expression.type === 'LiteralExpression');
      assert.equal(tag.expression.quoted, false);
      assert.equal(tag.expression.value, 'jason.*');
    });

    it('refuses wildcard patterns the syntax cannot hold unquoted', () => {
      assert.throws(() => wildcard('summary', 'John Sm*'), /cannot be written/);
      assert.throws(() => wildcard('summary', 'a:b*'), /cannot be written/);
      assert.throws(() => wildcard('summary', 'plain'), /no \* or \?/);
    });

    it('writes ranges with inclusive and exclusive ends', () => {
      const inclusive = parsedTag(range('priority', 2, 4).toString());
      assert.ok(inclusive.expression.type === 'RangeExpression');
      assert.deepEqual(inclusive.expression.range, { min: 2, max: 4, minInclusive: true, maxInclusive: true });
      const halfOpen = parsedTag(range('createdAt', 100, 200, { maxInclusive: false }).toString());
      assert.ok(halfOpen.expression.type === 'RangeExpression');
      assert.deepEqual(halfOpen.expression.range, { min: 100, max: 200, minInclusive: true, maxInclusive: false });
    });

    it('writes comparisons liqe reads as numeric', () => {
      const cases: [Query, string, number][] = [
        [gt('priority', 3), ':>', 3],
        [gte('priority', 3), ':>=', 3],
        [lt('createdAt', 1678982400000), ':<', 1678982400000],
        [lte('createdAt', new Date(5000)), ':<=', 5000],
      ];
      for (const [query, operator, value] of cases) {
        const tag = parsedTag(query.toString());
        assert.equal(tag.operator.operator, operator);
        assert.ok(tag.expression.type === 'LiteralExpression');
        assert.equal(tag.expression.value, value);
      }
    });
  });

  describe('combinations', () => {
    it('parenthesises compound operands, since liqe gives AND and OR equal precedence', () => {
      const query = and(or(term('state', 'hold'), term('state', 'active')), term('channelType', 'voice'));
      assert.equal(query.toString(), '(state:"hold" OR state:"active") AND channelType:"voice"');
      assert.deepEqual(shapeOfAst(parse(query.toString())), shapeOfNode(query.node));
    });

    it('writes NOT of a term and of a compound', () => {
      assert.equal(not(term('state', 'terminated')).toString(), 'NOT state:"terminated"');
      const compound = not(or(term('a', 1), term('b', 2)));
      assert.equal(compound.toString(), 'NOT (a:1 OR b:2)');
      const doubled = not(not(term('a', 1)));
      assert.deepEqual(shapeOfAst(parse(doubled.toString())), shapeOfNode(doubled.node));
    });

    it('treats "everything" as the neutral element', () => {
      assert.equal(matchAll().toString(), '');
      assert.equal(and().toString(), '');
      assert.equal(and(matchAll(), term('a', 1)).toString(), 'a:1');
      assert.ok(or(matchAll(), term('a', 1)).matchesAll);
      assert.throws(() => not(matchAll()), RangeError);
      assert.throws(() => anyOf('state', []), RangeError);
    });

    it('builds anyOf as an OR of literal terms', () => {
      const query = anyOf('state', ['hold', 'active']);
      assert.equal(query.toString(), 'state:"hold" OR state:"active"');
    });

    it('combines a person’s filter text, parenthesised, and refuses one that does not parse', () => {
      const query = and(raw('state:hold OR state:active'), term('channelType', 'voice'));
      assert.equal(query.toString(), '(state:hold OR state:active) AND channelType:"voice"');
      assert.ok(raw('   ').matchesAll);
      assert.throws(() => raw('state:(hold'), RangeError);
    });

    it('keeps the structure of any built query through liqe (property)', () => {
      const value = fc.oneof(fc.string(), fc.integer(), fc.boolean());
      const field = fc.constantFrom('state', 'channelType', 'priority', 'data.queueId', 'odd field');
      const leaf = fc.oneof(
        fc.tuple(field, value).map(([name, v]) => term(name, v)),
        fc.tuple(field, fc.integer(), fc.integer()).map(([name, a, b]) => range(name, Math.min(a, b), Math.max(a, b))),
        fc.tuple(field, fc.integer()).map(([name, v]) => gte(name, v)),
      );
      const tree = fc.letrec<{ query: Query }>((tie) => ({
        query: fc.oneof(
          { depthSize: 'small', withCrossShrink: true },
          leaf,
          fc.array(tie('query'), { minLength: 2, maxLength: 3 }).map((qs) => and(...qs)),
          fc.array(tie('query'), { minLength: 2, maxLength: 3 }).map(([first, ...rest]) => or(first as Query, ...rest)),
          tie('query').map((q) => not(q)),
        ),
      })).query;
      fc.assert(
        fc.property(tree, (query) => {
          assert.deepEqual(shapeOfAst(parse(query.toString())), shapeOfNode(query.node));
        }),
        { numRuns: 300 },
      );
    });
  });
});
