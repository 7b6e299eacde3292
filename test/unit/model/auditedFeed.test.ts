import * as assert from 'assert';
import type { Workitem } from '../../../src/api/schemas';
import type { SearchPage } from '../../../src/api/workitemsApi';
import { AUDIT_ROWS, auditedFeedParams, splitAuditedFeed } from '../../../src/model/changeFeed/auditedFeed';
import { FEED_PAGE_ROWS, type Watermark } from '../../../src/model/changeFeed/changeFeed';
import { FIXTURE_NOW, makeWorkitem } from './support/fixtures';

const W = FIXTURE_NOW;
const all: Watermark = { at: W, seenAt: 'all' };

function item(n: number, state: string, modifiedAt: number): Workitem {
  return { ...makeWorkitem(n, { state, channelType: 'voice' }), modifiedAt };
}

/** An answer as the server sends it: newest first, `total` matches. */
function answer(items: Workitem[], total = items.length): SearchPage {
  return { items, issues: [], count: items.length, total, start: 0 };
}

const inHold = (workitem: Workitem): boolean => workitem.state === 'hold';

describe('change feed: a feed page that carries an audit', () => {
  it('asks for the group up to W and everything newer (from W on when not every version at W is held), newest first', () => {
    const params = auditedFeedParams('state:"hold"', all);
    assert.strictEqual(params.sort, 'modifiedAt desc');
    assert.match(params.q ?? '', /state:"hold"/);
    assert.match(params.q ?? '', new RegExp(`modifiedAt:<=${W}`));
    assert.match(params.q ?? '', new RegExp(`modifiedAt:>${W}`));
    assert.match(auditedFeedParams('state:"hold"', { at: W, seenAt: new Set(['wi_1']) }).q ?? '', new RegExp(`modifiedAt:>=${W}`));
  });

  it('asks for about as many rows as the last page changed plus the audit\'s own, at most a feed page', () => {
    assert.strictEqual(auditedFeedParams(undefined, all, 0).rows, AUDIT_ROWS);
    assert.strictEqual(auditedFeedParams(undefined, all, 10).rows, 20 + AUDIT_ROWS);
    assert.strictEqual(auditedFeedParams(undefined, all, 500).rows, FEED_PAGE_ROWS);
  });

  it('reads the changes since W (oldest first) and the audit of the group from one answer', () => {
    const rows = [item(1, 'active', W + 30), item(2, 'hold', W + 10), item(4, 'hold', W), item(5, 'hold', W - 50)];
    const split = splitAuditedFeed(answer(rows, 40), all, inHold);
    assert.strictEqual(split.kind, 'page');
    if (split.kind !== 'page') return;
    // After a probe the versions at W are held: the feed is what is newer.
    assert.deepStrictEqual(
      split.page.items.map((workitem) => workitem.workitemId),
      [rows[1]?.workitemId, rows[0]?.workitemId],
    );
    assert.strictEqual(split.page.total, 2);
    assert.strictEqual(split.marker?.total, 40);
    assert.strictEqual(split.marker?.newest, W + 30);
    assert.strictEqual(split.marker?.newestId, rows[0]?.workitemId);
  });

  it('keeps the rows stamped W in the feed when not every version at W is held', () => {
    const rows = [item(1, 'active', W + 5), item(2, 'hold', W), item(3, 'active', W), item(4, 'hold', W - 1)];
    const split = splitAuditedFeed(answer(rows, 9), { at: W, seenAt: new Set([rows[1]?.workitemId ?? '']) }, inHold);
    assert.strictEqual(split.kind, 'page');
    if (split.kind !== 'page') return;
    assert.deepStrictEqual(split.page.items.map((workitem) => workitem.modifiedAt), [W, W, W + 5]);
    // The audit's own query leaves out the row at W outside the group (#3): its total is one less.
    assert.strictEqual(split.marker?.total, 8);
  });

  it('overflows when the answer stops before the rows older than W', () => {
    const rows = [item(1, 'active', W + 9), item(2, 'hold', W + 8)];
    assert.deepStrictEqual(splitAuditedFeed(answer(rows, 500), all, inHold), { kind: 'fallback', reason: 'overflow' });
  });

  it('is whole without an older row when it holds every match, or (every version at W held) reaches W', () => {
    assert.strictEqual(splitAuditedFeed(answer([item(1, 'active', W + 9)]), all, inHold).kind, 'page');
    assert.strictEqual(splitAuditedFeed(answer([item(1, 'active', W + 9), item(2, 'hold', W)], 50), all, inHold).kind, 'page');
    const someHeld: Watermark = { at: W, seenAt: new Set(['wi_1']) };
    assert.strictEqual(splitAuditedFeed(answer([item(1, 'active', W + 9), item(2, 'hold', W)], 50), someHeld, inHold).kind, 'fallback');
  });

  it('falls back on invalid rows or rows without modifiedAt, and says when the order asked for was ignored', () => {
    const rows = [item(1, 'active', W + 9), item(2, 'hold', W - 3)];
    const withIssue = { ...answer(rows), issues: [{ workitemId: 'wi_9', path: 'priority', expected: 'number', received: '"x"' }] };
    assert.deepStrictEqual(splitAuditedFeed(withIssue, all, inHold), { kind: 'fallback', reason: 'issues' });
    const undated = rows.map(({ modifiedAt: _dropped, ...rest }) => rest);
    assert.deepStrictEqual(splitAuditedFeed(answer(undated), all, inHold), { kind: 'fallback', reason: 'noModifiedAt' });
    assert.deepStrictEqual(splitAuditedFeed(answer([...rows].reverse()), all, inHold), { kind: 'ignored' });
  });
});
