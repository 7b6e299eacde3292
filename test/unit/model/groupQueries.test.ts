import * as assert from 'assert';
import * as fc from 'fast-check';
import { parse } from 'liqe';
import { CHANNEL_TYPES, WORKITEM_STATES } from '../../../src/api/domain';
import type { GroupSegment } from '../../../src/model/groupKeys';
import { OTHER_GROUP_VALUE } from '../../../src/model/groupKeys';
import { groupQuery, workitemInGroupQuery } from '../../../src/model/groupQueries';
import { compileQuery } from './support/fakeQuery';

interface Row {
  state: string;
  channelType: string;
  priority: number;
  workitemId: string;
}

function matches(q: string | undefined, rows: readonly Row[]): boolean[] {
  const predicate = compileQuery(q, (index, field) => rows[index][field as keyof Row]);
  return rows.map((_, index) => predicate(index));
}

const stateValues = [...WORKITEM_STATES, 'parked'];
const channelValues = [...CHANNEL_TYPES, 'fax'];
const rowArb = fc.record({
  state: fc.constantFrom(...stateValues),
  channelType: fc.constantFrom(...channelValues),
  priority: fc.integer({ min: 1, max: 5 }),
  workitemId: fc.constantFrom('wi_1', 'wi_2', 'wi "3"'),
});

// Filters a person might type: terms combined with AND / OR / NOT, precedence left to parentheses.
const termArb = fc.oneof(
  fc.constantFrom(...stateValues).map((value) => `state:${value}`),
  fc.constantFrom(...channelValues).map((value) => `channelType:${value}`),
  fc.integer({ min: 1, max: 5 }).map((value) => `priority:${value}`),
);
const filterArb: fc.Arbitrary<string> = fc.letrec<{ filter: string }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    termArb,
    fc.tuple(tie('filter'), fc.constantFrom('AND', 'OR'), tie('filter')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    tie('filter').map((inner) => `NOT (${inner})`),
  ),
})).filter;

const segmentArb: fc.Arbitrary<GroupSegment[]> = fc.oneof(
  fc.constant<GroupSegment[]>([]),
  fc.constantFrom(...WORKITEM_STATES, OTHER_GROUP_VALUE).map((value) => [{ dimension: 'state' as const, value }]),
  fc
    .tuple(fc.constantFrom(...CHANNEL_TYPES, OTHER_GROUP_VALUE), fc.constantFrom(...WORKITEM_STATES, OTHER_GROUP_VALUE))
    .map(([channel, state]) => [
      { dimension: 'channel' as const, value: channel },
      { dimension: 'state' as const, value: state },
    ]),
);

describe('group queries', () => {
  it('is "everything" (undefined) without filter and grouping', () => {
    assert.strictEqual(groupQuery(undefined, []), undefined);
    assert.strictEqual(groupQuery('   ', []), undefined);
  });

  it('writes one quoted term per grouping level, ANDed with the user filter in parentheses', () => {
    assert.strictEqual(
      groupQuery('state:hold OR priority:5', [
        { dimension: 'state', value: 'active' },
        { dimension: 'channel', value: 'voice' },
      ]),
      '(state:hold OR priority:5) AND state:"active" AND channelType:"voice"',
    );
  });

  it('builds the "other" group as NOT any known value of its level', () => {
    const q = groupQuery(undefined, [{ dimension: 'channel', value: OTHER_GROUP_VALUE }]);
    const rows: Row[] = channelValues.map((channelType, index) => ({ state: 'active', channelType, priority: 1, workitemId: `wi_${index}` }));
    assert.deepStrictEqual(
      matches(q, rows),
      channelValues.map((channel) => channel === 'fax'),
    );
  });

  it('matches exactly the filter AND the group terms, for any filter and group path', () => {
    fc.assert(
      fc.property(filterArb, segmentArb, fc.array(rowArb, { minLength: 1, maxLength: 30 }), (filter, segments, rows) => {
        const combined = matches(groupQuery(filter, segments), rows);
        const byFilter = matches(filter, rows);
        const byGroup = matches(groupQuery(undefined, segments), rows);
        assert.deepStrictEqual(combined, byFilter.map((ok, index) => ok && byGroup[index]));
      }),
      { numRuns: 300 },
    );
  });

  it('escapes a workitem id so that it is read back as itself', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }).filter((id) => !/[\u0000-\u001f]/.test(id)),
        (workitemId) => {
          const ast = parse(workitemInGroupQuery(undefined, workitemId));
          assert.strictEqual(ast.type, 'Tag');
          if (ast.type === 'Tag' && ast.expression.type === 'LiteralExpression') {
            assert.strictEqual(ast.expression.value, workitemId);
          } else {
            assert.fail(`not a literal term: ${JSON.stringify(ast)}`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds one workitem inside a group even when its id holds quotes and operators', () => {
    const rows: Row[] = [
      { state: 'active', channelType: 'voice', priority: 1, workitemId: 'wi "3" OR state:active' },
      { state: 'active', channelType: 'voice', priority: 1, workitemId: 'wi_2' },
      { state: 'hold', channelType: 'voice', priority: 1, workitemId: 'wi "3" OR state:active' },
    ];
    const inActive = groupQuery(undefined, [{ dimension: 'state', value: 'active' }]);
    assert.deepStrictEqual(matches(workitemInGroupQuery(inActive, 'wi "3" OR state:active'), rows), [true, false, false]);
  });

  it('rejects a filter that cannot be read instead of sending it', () => {
    assert.throws(() => groupQuery('state:(active', []), RangeError);
  });
});
