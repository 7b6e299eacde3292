// boundedStringify hands plain JSON to the engine's writer and everything else to its own bounded
// one: the two must never be told apart by their output.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { boundedStringify } from '../../../src/api/boundedJson';

describe('boundedStringify', () => {
  it('writes any parsed JSON exactly as JSON.stringify does, on one line and indented', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const parsed: unknown = JSON.parse(JSON.stringify(value));
        assert.equal(boundedStringify(parsed).text, JSON.stringify(parsed));
        assert.equal(boundedStringify(parsed, { indent: 2 }).text, JSON.stringify(parsed, null, 2));
        assert.equal(boundedStringify(parsed).cut, false);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps its own reading of what is not plain JSON: instances, toJSON, bigint, cycles, depth, size', () => {
    assert.equal(boundedStringify({ at: new Date(0) }).text, '{"at":{}}', 'a class instance is read by its own fields');
    assert.equal(boundedStringify({ value: { toJSON: () => 'replaced', kept: 1 } }).text, '{"value":{"kept":1}}', 'toJSON is not called');
    assert.equal(boundedStringify({ big: 12n }).text, '{"big":12}');
    const circular: Record<string, unknown> = { name: 'loop' };
    circular['self'] = circular;
    assert.match(boundedStringify(circular).text, /circular, not shown/);
    assert.match(boundedStringify({ a: { b: { c: {} } } }, { maxDepth: 2 }).text, /nested deeper than 2 levels/);
    const long = boundedStringify({ text: 'x'.repeat(5000) }, { maxChars: 100 });
    assert.ok(long.cut);
    assert.match(long.text, /cut: longer than 100 characters/);
  });
});
