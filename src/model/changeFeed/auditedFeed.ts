// A feed page that carries the audit of one group's count (see countAudit.ts) in the same request,
// so a refresh cycle stays one request and the count and the changes come from one answer.
//
// The request: the audit's query, `(<group> AND modifiedAt:<=W) OR modifiedAt:>W`, newest first,
// with a feed page's rows. Its rows start with every workitem changed since W, then the group's
// older rows: read back to front, the rows newer than W are the feed page, and the answer is the
// audit's own. When not every version at W is held, the feed also needs every row stamped exactly
// W (see `feedParams`): the query then asks for `modifiedAt:>=W`, and the rows at W outside the
// group, which the answer holds whenever it is complete, are taken out of the audit's answer.
import { and, gt, gte, lte, or, raw } from '../../api/queryBuilder';
import type { Workitem } from '../../api/schemas';
import type { SearchPage, SearchParams } from '../../api/workitemsApi';
import { FEED_PAGE_ROWS, type FallbackReason, type Watermark } from './changeFeed';
import { markerOf, type AuditMarker } from './countAudit';

/**
 * Rows past the changes: enough to hold every workitem stamped with the newest time of the
 * audit's answer (changes made together, e.g. by one routing step, share a millisecond), which
 * tells which of them the count saw.
 */
export const AUDIT_ROWS = 25;

/**
 * `expectedChanges`: about as many as the last page held; the rows asked for are those plus the
 * audit's own, not a whole feed page of the group's older rows (each row costs the server and the
 * client). An answer cut short of W is asked again as a plain feed page.
 */
export function auditedFeedParams(q: string | undefined, watermark: Watermark, expectedChanges = FEED_PAGE_ROWS): SearchParams {
  const since = watermark.seenAt === 'all' ? gt('modifiedAt', watermark.at) : gte('modifiedAt', watermark.at);
  const query = or(and(raw(q ?? ''), lte('modifiedAt', watermark.at)), since);
  const rows = Math.min(FEED_PAGE_ROWS, 2 * expectedChanges + AUDIT_ROWS);
  return { q: query.toString(), sort: 'modifiedAt desc', rows, start: 0 };
}

export type AuditedFeed =
  /** The feed page (oldest first, as `feedParams` asks) and the audit's marker (undefined: not datable). */
  | { readonly kind: 'page'; readonly page: SearchPage; readonly marker: AuditMarker | undefined }
  /** Why the answer cannot be applied, as for a plain feed page; 'overflow': more changes than it holds. */
  | { readonly kind: 'fallback'; readonly reason: FallbackReason }
  /** Rows out of the order asked for: the server ignored the query or the sort. */
  | { readonly kind: 'ignored' };

/**
 * Splits an answer to `auditedFeedParams`. `inGroup`: whether a workitem (as it is now) belongs to
 * the audited group, by the same reading of its fields the feed moves counts with.
 */
export function splitAuditedFeed(answer: SearchPage, watermark: Watermark, inGroup: (workitem: Workitem) => boolean): AuditedFeed {
  const items = answer.items;
  if (answer.issues.length > 0) {
    return { kind: 'fallback', reason: 'issues' };
  }
  let previous = Infinity;
  for (const item of items) {
    const modifiedAt = item.modifiedAt;
    if (modifiedAt === undefined) {
      return { kind: 'fallback', reason: 'noModifiedAt' };
    }
    if (modifiedAt > previous) {
      return { kind: 'ignored' };
    }
    previous = modifiedAt;
  }
  const at = watermark.at;
  const allHeldAtW = watermark.seenAt === 'all';
  // Complete: the whole answer, or a row the feed does not ask for after every row it does.
  const lastAt = items[items.length - 1]?.modifiedAt ?? Infinity;
  const complete = items.length >= answer.total || lastAt < at || (allHeldAtW && lastAt === at);
  if (!complete) {
    return { kind: 'fallback', reason: 'overflow' };
  }
  // After a probe every version at W is held (the feed asks for what is newer), else the rows at W
  // come too and are skipped by id (see `feedParams`).
  const inFeed = (item: Workitem): boolean => (item.modifiedAt ?? -Infinity) > at || (!allHeldAtW && item.modifiedAt === at);
  const changes = items.filter(inFeed).reverse();
  const page: SearchPage = { items: changes, issues: [], count: changes.length, total: changes.length, start: 0 };
  const outside = (item: Workitem): boolean => !allHeldAtW && item.modifiedAt === at && !inGroup(item);
  const audited = items.filter((item) => !outside(item));
  const total = answer.total - (items.length - audited.length);
  const dated = total === 0 || audited[0]?.modifiedAt !== undefined;
  return { kind: 'page', page, marker: dated ? markerOf({ total, items: audited }) : undefined };
}
