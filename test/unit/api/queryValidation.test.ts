import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { and, term, validateQuery } from '../../../src/api/queryBuilder';

function failure(q: string): { message: string; position: number } {
  const check = validateQuery(q);
  assert.ok(!check.ok, `expected '${q}' to be refused`);
  return check;
}

describe('api/validateQuery', () => {
  it('accepts the documented query, blank text and the usual forms', () => {
    for (const q of [
      'state:active AND channelType:voice',
      '',
      '   ',
      'priority:>=3',
      'createdAt:[1678982400000 TO 1678986000000]',
      'NOT (state:hold OR state:active)',
      'agentUsername:jason*',
      'summary:"invoice of March"',
    ]) {
      assert.deepEqual(validateQuery(q), { ok: true }, q);
    }
  });

  it('points at the character the parser stopped on', () => {
    const result = failure('state:(active');
    assert.equal(result.position, 6);
    assert.match(result.message, /'\(' at character 7/);
  });

  it('reports lower-case or doubled operators as unreadable', () => {
    const result = failure('state:active && state:hold');
    assert.equal(result.position, 13);
  });

  it('says a query that stops early is incomplete, at its end', () => {
    for (const q of ['state:active AND', 'summary:"unclosed', '(state:hold OR state:active']) {
      const result = failure(q);
      assert.equal(result.position, q.length, q);
      assert.match(result.message, /ends too early/);
    }
  });

  it('refuses a field without a value, e.g. a space after the colon', () => {
    const result = failure('state: active');
    assert.equal(result.position, 6);
    assert.match(result.message, /'state:' has no value/);
  });

  it('refuses a comparison with something other than a number', () => {
    const result = failure('channelType:voice AND priority:>high');
    assert.equal(result.position, 'channelType:voice AND priority:>'.length);
    assert.match(result.message, /write a number/);
  });

  it('refuses empty parentheses', () => {
    assert.equal(failure('state:hold AND ()').position, 15);
  });

  it('accepts everything the builder writes (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 5 }), (summary, priority) => {
        const q = and(term('summary', summary), term('priority', priority)).toString();
        return validateQuery(q).ok;
      }),
      { numRuns: 300 },
    );
  });
});
