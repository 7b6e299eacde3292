import * as assert from 'assert';
import { untranslated } from '../../../../src/model/format/l10n';
import { compactJson, truncateText } from '../../../../src/model/format/text';
import { formatDuration, formatRelative, formatTimeOfDay, formatTimestamp } from '../../../../src/model/format/time';
import { T0 } from '../fixtures/workitems';

describe('field formatting helpers', () => {
  it('formats durations as their two largest units', () => {
    assert.strictEqual(formatDuration(0, 'en'), '0s');
    assert.strictEqual(formatDuration(850, 'en'), '850ms');
    assert.strictEqual(formatDuration(12_000, 'en'), '12s');
    assert.strictEqual(formatDuration(4 * 60_000 + 3_000, 'en'), '4m 3s');
    assert.strictEqual(formatDuration(3_600_000 + 5 * 60_000 + 59_000, 'en'), '1h 5m');
    assert.strictEqual(formatDuration(3_600_000 + 30_000, 'en'), '1h');
    assert.strictEqual(formatDuration(2 * 86_400_000 + 3 * 3_600_000, 'en'), '2d 3h');
    assert.strictEqual(formatDuration(-90_000, 'en'), '-1m 30s');
  });

  it('formats relative times in the past and the future', () => {
    assert.strictEqual(formatRelative(T0 - 3 * 60_000, T0, 'en'), '3 min. ago');
    assert.strictEqual(formatRelative(T0 + 2 * 3_600_000, T0, 'en'), 'in 2 hr.');
    assert.strictEqual(formatRelative(T0, T0, 'en'), 'now');
    assert.strictEqual(formatRelative(T0 - 3 * 86_400_000, T0, 'en'), '3 days ago');
  });

  it('falls back instead of failing on an unknown locale or time zone', () => {
    assert.strictEqual(typeof formatTimestamp(T0, { locale: 'not a locale!', timeZone: 'Mars/Olympus' }), 'string');
    assert.strictEqual(formatTimeOfDay(T0, { locale: 'en-US', timeZone: 'UTC' }), '4:00:00 PM');
  });

  it('never cuts an emoji in half when truncating', () => {
    const text = 'ab😀cd';
    assert.deepStrictEqual(truncateText(text, 3), { text: 'ab', truncated: true, fullLength: 6 });
    assert.deepStrictEqual(truncateText(text, 4), { text: 'ab😀', truncated: true, fullLength: 6 });
    assert.deepStrictEqual(truncateText(text, 10), { text, truncated: false, fullLength: 6 });
  });

  it('renders compact JSON of anything without throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.strictEqual(compactJson({ a: [1, 'b'] }), '{"a":[1,"b"]}');
    assert.strictEqual(compactJson(undefined), 'undefined');
    // Cyclic values cannot come from a parsed body, but a bug must not blank the panel: marked, not thrown.
    assert.strictEqual(compactJson(cyclic), '{"self":"‹circular, not shown›"}');
  });

  it('fills placeholders without translating', () => {
    assert.strictEqual(untranslated.t('{0} of {1}, {2}', 1, 'two'), '1 of two, {2}');
  });
});
