import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { isNcxError } from '../../../src/api/errors';
import { ContactSchema, TimeEventSchema, WorkitemSchema } from '../../../src/api/schemas';
import { FAST_CHECKED_FIELDS } from '../../../src/api/workitemFastCheck';
import {
  checkWorkitem,
  isValidWorkitem,
  validateSearchAnswer,
} from '../../../src/api/validation';
import { EXAMPLE_WORKITEM, realisticWorkitem, realisticWorkitems, searchEnvelope } from './fixtures/workitems';

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('api/validation', () => {
  it("accepts the documentation's example workitem as it is", () => {
    const checked = checkWorkitem(clone(EXAMPLE_WORKITEM), 0);
    assert.ok(checked.ok);
    assert.deepEqual(checked.workitem, EXAMPLE_WORKITEM);
  });

  it('keeps fields it does not know, at the top and inside nested objects', () => {
    const item = {
      ...realisticWorkitem(1),
      digits: '1#',
      surveyResult: { score: 9 },
      currentSMSMessage: { type: 'USER', textMsg: 'Hello' },
    };
    item.contact = { ...item.contact, _id: 'ct_1', vip: true } as typeof item.contact;
    item.timeEvents = [{ type: 'answered', timestamp: 1678982460000, durationMs: 1200 }];
    const page = validateSearchAnswer(clone(searchEnvelope([item])));
    assert.equal(page.issues.length, 0);
    const [kept] = page.items;
    assert.ok(kept);
    assert.equal(kept['digits'], '1#');
    assert.deepEqual(kept['surveyResult'], { score: 9 });
    assert.equal(kept.contact?.['vip'], true);
    assert.equal(kept.timeEvents?.[0]?.['durationMs'], 1200);
  });

  it('keeps workitems whose state, type or channel it has never seen', () => {
    const item = { ...realisticWorkitem(2), state: 'wrapup', type: 'InboundFax', channelType: 'fax', actions: ['mute'] };
    const page = validateSearchAnswer(clone(searchEnvelope([item])));
    assert.deepEqual(page.items, [item]);
  });

  it('keeps the 99 good workitems of a page and reports the corrupt one with its path', () => {
    const objects: unknown[] = clone(realisticWorkitems(100));
    const corrupt = objects[42] as { workitemId: string; timeEvents: { timestamp: unknown }[] };
    const corruptEvent = corrupt.timeEvents[1];
    assert.ok(corruptEvent);
    corruptEvent.timestamp = 'yesterday';
    const page = validateSearchAnswer(searchEnvelope(objects, 5000));
    assert.equal(page.items.length, 99);
    assert.ok(!page.items.some((item) => item.workitemId === corrupt.workitemId));
    assert.deepEqual(page.issues, [
      { workitemId: corrupt.workitemId, path: 'timeEvents.1.timestamp', expected: 'number', received: '"yesterday"' },
    ]);
    assert.equal(page.total, 5000);
    assert.equal(page.count, 100);
    assert.equal(page.received, 100);
  });

  it('names a workitem without a readable id by its place in the page', () => {
    const withoutId: Record<string, unknown> = { ...realisticWorkitem(3) };
    delete withoutId['workitemId'];
    const page = validateSearchAnswer(searchEnvelope([realisticWorkitem(4), withoutId, 'not an object']));
    assert.deepEqual(
      page.issues.map((issue) => [issue.workitemId, issue.path, issue.received]),
      [
        ['#1', 'workitemId', 'missing'],
        ['#2', '', '"not an object"'],
      ],
    );
  });

  it('describes range and length problems in words', () => {
    const item = { ...realisticWorkitem(5), priority: 9, createdAt: -1, workitemId: '' };
    const checked = checkWorkitem(item, 0);
    assert.ok(!checked.ok);
    const byPath = new Map(checked.issues.map((issue) => [issue.path, issue]));
    assert.equal(byPath.get('priority')?.expected, 'a number <= 5');
    assert.equal(byPath.get('priority')?.received, '9');
    assert.equal(byPath.get('createdAt')?.expected, 'a number >= 0');
    assert.equal(byPath.get('workitemId')?.expected, 'at least 1 characters');
    // An empty id cannot name the workitem, so its place in the page does.
    assert.ok(checked.issues.every((issue) => issue.workitemId === '#0'));
  });

  it('refuses a wrong envelope as malformed, saying what was expected', () => {
    for (const answer of [{ count: 1, total: 1, objects: 'nope' }, { results: [] }, [], null]) {
      assert.throws(
        () => validateSearchAnswer(answer),
        (error: unknown) => isNcxError(error) && error.kind === 'malformed' && /\{count, total, objects\}/.test(error.message),
      );
    }
  });

  it('validates a page that went through JSON text into its items', () => {
    const page = validateSearchAnswer(JSON.parse(JSON.stringify(searchEnvelope(realisticWorkitems(10), 10))));
    assert.equal(page.items.length, 10);
    assert.deepEqual(page.items[3], realisticWorkitem(3));
  });

  describe('the fast check agrees with WorkitemSchema', () => {
    it('knows every field of the workitem, time event and contact schemas', () => {
      const sorted = (keys: readonly string[]): string[] => [...keys].sort();
      assert.deepEqual(sorted(FAST_CHECKED_FIELDS.workitem), sorted(Object.keys(WorkitemSchema.shape)));
      assert.deepEqual(sorted(FAST_CHECKED_FIELDS.timeEvent), sorted(Object.keys(TimeEventSchema.shape)));
      assert.deepEqual(sorted(FAST_CHECKED_FIELDS.contact), sorted(Object.keys(ContactSchema.shape)));
    });

    // What JSON.parse makes: plain objects only (fast-check may also build null-prototype ones).
    const json = fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
    const replacement = fc.oneof(
      json,
      fc.constant(undefined),
      fc.constantFrom(-1, 0, 2.5, 6, Number.MAX_SAFE_INTEGER + 2, '', 'text', [], {}),
    );
    const paths = [
      ...Object.keys(realisticWorkitem(0)).map((key) => [key]),
      ['contact', '_id'],
      ['contact', 'firstName'],
      ['timeEvents', '0'],
      ['timeEvents', '1', 'timestamp'],
      ['timeEvents', '2', 'type'],
      ['actions', '0'],
      ['data', 'language'],
      ['somethingNew'],
    ];
    /** A realistic workitem with up to three fields replaced by arbitrary JSON (or removed). */
    const workitemLike = fc
      .tuple(
        fc.nat(500),
        fc.array(fc.tuple(fc.constantFrom(...paths), replacement), { maxLength: 3 }),
      )
      .map(([index, changes]) => {
        const value = clone(realisticWorkitem(index)) as unknown as Record<string, unknown>;
        for (const [path, next] of changes) {
          let target: unknown = value;
          for (const key of path.slice(0, -1)) {
            target = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)[key] : undefined;
          }
          const last = path[path.length - 1];
          // Only what JSON can hold: no named properties on arrays.
          const fits = Array.isArray(target) ? /^\d+$/.test(last ?? '') : typeof target === 'object' && target !== null;
          if (fits && last !== undefined) {
            // A copy: the constants `[]` and `{}` are shared by every run, and a later change of
            // the same run could write into them (even themselves), which JSON never makes.
            (target as Record<string, unknown>)[last] = next === undefined ? undefined : clone(next);
          }
        }
        return value;
      });

    it('on generated workitem-like values (property)', () => {
      let valid = 0;
      let invalid = 0;
      fc.assert(
        fc.property(workitemLike, (value) => {
          const parsed = WorkitemSchema.safeParse(value);
          if (parsed.success) {
            valid += 1;
          } else {
            invalid += 1;
          }
          assert.equal(isValidWorkitem(value), parsed.success);
          const checked = checkWorkitem(value, 0);
          assert.equal(checked.ok, parsed.success);
          if (checked.ok && parsed.success) {
            assert.deepEqual(checked.workitem, parsed.data);
          } else if (!checked.ok) {
            assert.ok(checked.issues.length > 0);
          }
        }),
        { numRuns: 3000 },
      );
      // Both answers must have been exercised for the agreement to mean anything.
      assert.ok(valid > 100 && invalid > 100, `valid ${valid}, invalid ${invalid}`);
    });

    it('on realistic workitems with one field broken at a time', () => {
      const base = realisticWorkitem(7);
      for (const key of Object.keys(base)) {
        for (const replacement of [null, 'text', -5, 2.5, [], {}]) {
          const value = { ...base, [key]: replacement };
          assert.equal(isValidWorkitem(value), WorkitemSchema.safeParse(value).success, `${key} = ${JSON.stringify(replacement)}`);
        }
      }
    });
  });
});
