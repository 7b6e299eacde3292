import * as assert from 'assert';
import * as fc from 'fast-check';
import { CountAudit, countRangeAtW, markerOf, type AuditedChange, type AuditMarker } from '../../../src/model/changeFeed/countAudit';

const W = 1_764_000_000_000;

/** One workitem changed since W: where it was at W and when its changes after W are stamped. */
interface World {
  readonly unchangedInGroup: number;
  readonly changed: ReadonlyArray<{ readonly inGroupAtW: boolean; readonly firstChange: number }>;
}

/** The audit's answer as the server gives it when the count is taken at server time `at`. */
function answerAt(world: World, at: number): AuditMarker {
  const happened = world.changed.map((change, index) => ({ ...change, index })).filter((change) => change.firstChange <= at);
  const unchangedInGroup = world.changed.filter((change) => change.firstChange > at && change.inGroupAtW).length;
  const newest = happened.reduce<{ at: number; index: number } | undefined>(
    (best, change) => (best === undefined || change.firstChange >= best.at ? { at: change.firstChange, index: change.index } : best),
    undefined,
  );
  return {
    total: world.unchangedInGroup + unchangedInGroup + happened.length,
    newest: newest?.at ?? W - 5_000,
    newestId: newest === undefined ? 'wi-unchanged' : `wi-${newest.index}`,
  };
}

function changesOf(world: World): AuditedChange[] {
  return world.changed.map((change, index) => ({
    workitemId: `wi-${index}`,
    inGroupAtW: change.inGroupAtW,
    inGroupAfterW: change.inGroupAtW,
    changedAtW: false,
    leftW: change.firstChange,
  }));
}

function trueCount(world: World): number {
  return world.unchangedInGroup + world.changed.filter((change) => change.inGroupAtW).length;
}

describe('count audit: the group count at W from one dated answer', () => {
  it('corrects a drifted count in a busy group at its first audit, to the exact value', () => {
    // 30 changes since W, two thirds of them in the group at W, spread before and after the count.
    const world: World = {
      unchangedInGroup: 412,
      changed: Array.from({ length: 30 }, (_, index) => ({ inGroupAtW: index % 3 !== 0, firstChange: W + 100 * (index + 1) })),
    };
    const audit = new CountAudit();
    const since = {};
    audit.record('state:active', answerAt(world, W + 1_550), since, W);
    const drifted = trueCount(world) + 2;
    const correction = audit.settle(since, () => ({ modelCount: drifted, changes: changesOf(world) }));
    assert.deepStrictEqual(correction, { groupId: 'state:active', count: trueCount(world) });
    assert.strictEqual(audit.stats().corrections, 1);
  });

  it('property: a right count is never "corrected", and without ties the range is one number', () => {
    const change = fc.record({ inGroupAtW: fc.boolean(), firstChange: fc.integer({ min: W + 1, max: W + 40 }) });
    fc.assert(
      fc.property(fc.nat({ max: 500 }), fc.array(change, { maxLength: 40 }), fc.integer({ min: W, max: W + 45 }), (unchangedInGroup, changed, at) => {
        const world: World = { unchangedInGroup, changed };
        const marker = answerAt(world, at);
        const { lowest, highest } = countRangeAtW(marker, W, changesOf(world));
        assert.ok(lowest <= trueCount(world) && trueCount(world) <= highest, `${lowest}..${highest} holds ${trueCount(world)}`);
        const tiedWithNewest = changed.filter((entry) => entry.firstChange === marker.newest).length;
        if (tiedWithNewest <= 1) {
          assert.strictEqual(highest, lowest, 'exact when no other change shares the newest stamp');
        }
        const audit = new CountAudit();
        const since = {};
        audit.record('root', marker, since, W);
        assert.strictEqual(audit.settle(since, () => ({ modelCount: trueCount(world), changes: changesOf(world) })), undefined);
      }),
    );
  });

  it('leaves a range, not a wrong exact value, for changes stamped exactly at the newest time', () => {
    // Two changes share the newest stamp; the answer names the first, the other (not in the group
    // at W) may or may not have happened: the total of 10 fits a count of 9 or 10 at W.
    const world: World = {
      unchangedInGroup: 7,
      changed: [
        { inGroupAtW: true, firstChange: W + 10 },
        { inGroupAtW: true, firstChange: W + 20 },
        { inGroupAtW: false, firstChange: W + 20 },
      ],
    };
    const marker: AuditMarker = { total: 7 + 3, newest: W + 20, newestId: 'wi-1' };
    assert.deepStrictEqual(countRangeAtW(marker, W, changesOf(world)), { lowest: 9, highest: 10 });
    const audit = new CountAudit();
    const since = {};
    audit.record('state:hold', marker, since, W);
    assert.strictEqual(audit.settle(since, () => ({ modelCount: 10, changes: changesOf(world) })), undefined, 'the other end of the range stands');
    audit.record('state:hold', marker, since, W);
    assert.deepStrictEqual(audit.settle(since, () => ({ modelCount: 12, changes: changesOf(world) })), { groupId: 'state:hold', count: 10 });
    audit.record('state:hold', marker, since, W);
    assert.deepStrictEqual(audit.settle(since, () => ({ modelCount: 8, changes: changesOf(world) })), { groupId: 'state:hold', count: 9 });
  });

  it('gives both possibilities to a change its timeline does not date', () => {
    const changes: AuditedChange[] = [{ workitemId: 'wi-0', inGroupAtW: false, inGroupAfterW: false, changedAtW: false, leftW: undefined }];
    assert.deepStrictEqual(countRangeAtW({ total: 5, newest: W + 9, newestId: 'wi-9' }, W, changes), { lowest: 4, highest: 5 });
  });

  it('ignores an answer from another W', () => {
    const audit = new CountAudit();
    audit.record('root', { total: 3, newest: W, newestId: 'wi-0' }, {}, W);
    assert.strictEqual(audit.settle({}, () => ({ modelCount: 99, changes: [] })), undefined);
    assert.strictEqual(audit.stats().compared, 0);
  });
});

describe('count audit: changes stamped with the answer\'s newest time', () => {
  const W = 50;
  const change = (workitemId: string, inGroupAtW: boolean): AuditedChange => ({ workitemId, inGroupAtW, inGroupAfterW: inGroupAtW, changedAtW: false, leftW: 100 });
  const changes = [change('wi-a', true), change('wi-x', false)];

  it('are told apart by the answer\'s rows when it holds all of them: the count is exact', () => {
    const marker = markerOf({ total: 10, items: [{ workitemId: 'wi-a', modifiedAt: 100 }, { workitemId: 'wi-b', modifiedAt: 40 }] });
    assert.deepStrictEqual([...(marker.atNewest ?? [])], ['wi-a']);
    assert.deepStrictEqual(countRangeAtW(marker, W, changes), { lowest: 10, highest: 10 });
  });

  it('stay ambiguous when the answer may have cut them off', () => {
    const marker = markerOf({ total: 10, items: [{ workitemId: 'wi-a', modifiedAt: 100 }] });
    assert.strictEqual(marker.atNewest, undefined);
    assert.deepStrictEqual(countRangeAtW(marker, W, changes), { lowest: 9, highest: 10 });
  });
});
