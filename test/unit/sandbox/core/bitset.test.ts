import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  allPositions,
  countBits,
  hasBit,
  insertGap,
  fillRange,
  selectBits,
  setBit,
  wordsFor,
} from '../../../../src/sandbox/store/bitset';

const MAX_BITS = 200;

/** A bit set and the plain sorted list of its positions, built side by side. */
const bitsAndList = fc.uniqueArray(fc.nat({ max: MAX_BITS - 1 }), { maxLength: 120 }).map((positions) => {
  const bits = new Uint32Array(wordsFor(MAX_BITS + 1));
  positions.forEach((position) => setBit(bits, position));
  return { bits, list: [...positions].sort((a, b) => a - b) };
});

describe('sandbox store bit sets', () => {
  it('count, list and test membership like the plain list', () => {
    fc.assert(
      fc.property(bitsAndList, fc.nat({ max: MAX_BITS - 1 }), ({ bits, list }, probe) => {
        assert.equal(countBits(bits), list.length);
        assert.deepEqual(Array.from(allPositions(bits)), list);
        assert.equal(hasBit(bits, probe), list.includes(probe));
      }),
    );
  });

  it('select a page upward and downward, skipping whole words by their count', () => {
    fc.assert(
      fc.property(bitsAndList, fc.nat({ max: 130 }), fc.nat({ max: 40 }), ({ bits, list }, skip, take) => {
        assert.deepEqual(selectBits(bits, skip, take, 1), list.slice(skip, skip + take));
        assert.deepEqual(selectBits(bits, skip, take, -1), [...list].reverse().slice(skip, skip + take));
      }),
    );
  });

  it('set exactly the bits of a range', () => {
    fc.assert(
      fc.property(fc.nat({ max: MAX_BITS }), fc.nat({ max: MAX_BITS }), (a, b) => {
        const [from, to] = [Math.min(a, b), Math.max(a, b)];
        const expected = Array.from({ length: to - from }, (_, i) => from + i);
        assert.deepEqual(Array.from(allPositions(fillRange(new Uint32Array(wordsFor(MAX_BITS)), from, to))), expected);
      }),
    );
  });

  it('open a gap: positions at or above it move up by one', () => {
    fc.assert(
      fc.property(bitsAndList, fc.nat({ max: MAX_BITS - 1 }), ({ bits, list }, gap) => {
        insertGap(bits, gap, bits.length);
        const expected = list.map((position) => (position >= gap ? position + 1 : position));
        assert.deepEqual(Array.from(allPositions(bits)), expected);
      }),
    );
  });
});
