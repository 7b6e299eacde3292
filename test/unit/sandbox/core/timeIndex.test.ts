// The modifiedAt index against a plain array of times: after random changes (forward, backward,
// repeated), inserts in the middle and the bulk drop of stale entries, walking its live entries
// must list every position once, by time then position, and a range must find exactly its times.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { TimeIndex } from '../../../../src/sandbox/store/timeIndex';

const T0 = Date.UTC(2025, 5, 2, 15, 30, 0);

type Step = { kind: 'update'; pick: number; time: number | undefined } | { kind: 'insert'; pick: number; time: number };

const time = fc.integer({ min: 0, max: 400 }).map((seconds) => T0 + seconds * 1000);
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), time: fc.option(time, { nil: undefined, freq: 20 }) }), weight: 9 },
  { arbitrary: fc.record({ kind: fc.constant('insert' as const), pick: fc.nat(), time }), weight: 1 },
);

function liveListing(index: TimeIndex): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let entry = 0; entry < index.entryCount; entry++) {
    if (index.isLive(entry)) {
      out.push([index.timeAt(entry), index.positionAt(entry)]);
    }
  }
  return out;
}

function expectedListing(times: ReadonlyArray<number | undefined>): Array<[number, number]> {
  return times
    .map((t, position): [number, number] => [t ?? -Infinity, position])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

describe('sandbox store TimeIndex', () => {
  it('lists live entries by time then position and finds ranges, after many changes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(time, { nil: undefined, freq: 30 }), { minLength: 1, maxLength: 60 }),
        fc.array(step, { minLength: 1, maxLength: 3000, size: 'max' }),
        fc.tuple(time, time),
        (initial, steps, [a, b]) => {
          const times = [...initial];
          const index = new TimeIndex(times.length, (position) => times[position]);
          for (const s of steps) {
            if (s.kind === 'update') {
              const position = s.pick % times.length;
              times[position] = s.time;
              index.update(position, s.time);
            } else {
              const position = s.pick % (times.length + 1);
              times.splice(position, 0, s.time);
              index.insertPosition(position, s.time);
            }
          }
          assert.deepEqual(liveListing(index), expectedListing(times));
          const [low, high] = [Math.min(a, b), Math.max(a, b)];
          const [from, to] = index.span({ min: low, max: high, minInclusive: true, maxInclusive: false });
          const found: number[] = [];
          for (let entry = from; entry < to; entry++) {
            if (index.isLive(entry)) {
              found.push(index.positionAt(entry));
            }
          }
          const expected = expectedListing(times)
            .filter(([t]) => t >= low && t < high)
            .map(([, position]) => position);
          assert.deepEqual(found, expected);
        },
      ),
      // Shrinking thousands of steps takes minutes: report the first failure as found.
      { numRuns: 100, seed: 2606, endOnFailure: true },
    );
  });

  it('drops stale entries once they outnumber a quarter of all entries', () => {
    const index = new TimeIndex(3, (position) => T0 + position);
    for (let i = 0; i < 5000; i++) {
      index.update(i % 3, T0 + 10 + i);
    }
    assert.ok(index.entryCount < 3 + 2000, `entries ${index.entryCount}`);
    assert.deepEqual(liveListing(index), [
      [T0 + 10 + 4997, 2],
      [T0 + 10 + 4998, 0],
      [T0 + 10 + 4999, 1],
    ]);
  });
});
