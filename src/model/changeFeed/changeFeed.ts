// The change feed a refresh reads instead of re-counting every group: the workitems modified since
// the watermark W (the greatest `modifiedAt` the model has seen, server time taken from the data,
// never from this machine's clock). The query is inclusive, so the workitems already applied at W
// come back and are skipped by id (after a probe every change at W is held, and it is exclusive).
import { gt, gte } from '../../api/queryBuilder';
import type { Workitem } from '../../api/schemas';
import type { SearchPage, SearchParams } from '../../api/workitemsApi';

/** One page of changes per cycle; more than this falls back to a full re-count. */
export const FEED_PAGE_ROWS = 200;

export interface Watermark {
  readonly at: number;
  /**
   * Workitems whose version at exactly `at` the counts already hold. 'all' after a probe: the
   * counts were taken after it, so every change at `at` that existed then is in them.
   */
  readonly seenAt: ReadonlySet<string> | 'all';
}

/** Sent before the counts of a full load: the newest change, whose time becomes W. */
export const PROBE_PARAMS: SearchParams = { sort: 'modifiedAt desc', rows: 1, start: 0 };

/** What a search the tree sends is for: the three change-feed requests, or rows of a group. */
/** An empty tenant has no change yet: every workitem it will ever hold is newer than this. */
export const EMPTY_WATERMARK: Watermark = { at: 0, seenAt: 'all' };

export function watermarkFromProbe(page: SearchPage): Watermark | undefined {
  if (page.total === 0) {
    return EMPTY_WATERMARK;
  }
  const newest = page.items[0]?.modifiedAt;
  return newest === undefined ? undefined : { at: newest, seenAt: 'all' };
}

/**
 * Changes at W are asked for again unless the counts hold all of them: a page full of changes the
 * model already holds (one busy millisecond) would otherwise overflow cycle after cycle.
 */
export function feedParams(watermark: Watermark): SearchParams {
  const since = watermark.seenAt === 'all' ? gt('modifiedAt', watermark.at) : gte('modifiedAt', watermark.at);
  return { q: since.toString(), sort: 'modifiedAt asc', rows: FEED_PAGE_ROWS, start: 0 };
}

/** Whether this version of a workitem is one the counts do not hold yet. */
export function isUnseen(workitem: Workitem, watermark: Watermark): boolean {
  const modifiedAt = workitem.modifiedAt;
  if (modifiedAt === undefined || modifiedAt < watermark.at) {
    return false;
  }
  return modifiedAt > watermark.at || (watermark.seenAt !== 'all' && !watermark.seenAt.has(workitem.workitemId));
}

/** Whether the counts held the version of `workitemId` that was current at W (see stateAtTime.ts). */
export function sawAt(watermark: Watermark, workitemId: string): boolean {
  return watermark.seenAt === 'all' || watermark.seenAt.has(workitemId);
}

/** W after applying `applied` (every unseen change of a complete page). */
export function advanceWatermark(watermark: Watermark, applied: readonly Workitem[]): Watermark {
  let at = watermark.at;
  for (const workitem of applied) {
    at = Math.max(at, workitem.modifiedAt ?? at);
  }
  const atNewest = applied.filter((workitem) => workitem.modifiedAt === at).map((workitem) => workitem.workitemId);
  if (at !== watermark.at) {
    return { at, seenAt: new Set(atNewest) };
  }
  if (watermark.seenAt === 'all' || atNewest.length === 0) {
    return watermark;
  }
  return { at, seenAt: new Set([...watermark.seenAt, ...atNewest]) };
}

export type FallbackReason =
  /** More changes than one page. */
  | 'overflow'
  /** The page has workitems that failed validation (their place cannot be read). */
  | 'issues'
  | 'noModifiedAt'
  /** A changed workitem's timeline does not say where it was at W. */
  | 'unknownOldState'
  /** The server answered 400 to the feed, or ignored its query: it is not used again by this model. */
  | 'rejected'
  /** The feed request failed otherwise (network, 5xx…). */
  | 'failed'
  /** No W yet (a probe or an earlier page failed). */
  | 'noWatermark';

/**
 * Whether an answer shows that the server ignored the feed's query or sort (a workitem older than
 * asked for, or out of order): such a server would make the feed lie, so it is not asked again.
 */
export function ignoresFeedQuery(page: SearchPage, watermark: Watermark): boolean {
  let previous = -Infinity;
  for (const workitem of page.items) {
    const modifiedAt = workitem.modifiedAt;
    if (modifiedAt === undefined) {
      continue; // not a sign of an ignored query: a fallback of its own (noModifiedAt)
    }
    const tooOld = modifiedAt < watermark.at || (modifiedAt === watermark.at && watermark.seenAt === 'all');
    if (tooOld || modifiedAt < previous) {
      return true;
    }
    previous = modifiedAt;
  }
  return false;
}

/** Why a feed page cannot be applied change by change (undefined: it can). */
export function pageFallbackReason(page: SearchPage): FallbackReason | undefined {
  if (page.total > page.count) {
    return 'overflow';
  }
  if (page.issues.length > 0) {
    return 'issues';
  }
  if (page.items.some((workitem) => workitem.modifiedAt === undefined)) {
    return 'noModifiedAt';
  }
  return undefined;
}
