// Writes to the extension's log what the tree model says about its change feed. Once the server
// refuses the feed, every refresh costs one request per group on screen instead of one, and the
// log is where someone wondering about that traffic looks; why a single refresh re-counted is
// detail for the debug level.
import type { Log } from '../../log/log';
import type { FallbackReason } from '../../model/changeFeed/changeFeed';
import type { ModelDisposable } from '../../model/events';
import type { WorkitemTreeModel } from '../../model/workitemTreeModel';

export type FeedEvents = Pick<WorkitemTreeModel, 'onDidStopFeed' | 'onDidFallBack'>;

const FALLBACK_EXPLANATIONS: Readonly<Record<FallbackReason, string>> = {
  overflow: 'more changes than one feed page',
  issues: 'a changed workitem failed validation',
  noModifiedAt: 'a changed workitem has no modifiedAt',
  unknownOldState: "a changed workitem's timeline does not say where it was",
  rejected: 'the server refused the feed',
  failed: 'the feed request failed',
  noWatermark: 'no watermark yet (its probe or an earlier feed page failed)',
};

export function describeFallback(reason: FallbackReason): string {
  return `${reason}: ${FALLBACK_EXPLANATIONS[reason]}`;
}

/** Subscribes the log to the model's feed events; dispose the result to stop. */
export function logFeedEvents(model: FeedEvents, log: Log): ModelDisposable[] {
  return [
    model.onDidStopFeed((event) => log.warn(`Workitems tree: stopped reading the change feed: ${event.reason}.`)),
    model.onDidFallBack((event) =>
      log.debug(`Workitems tree: counted again instead of applying the change feed (${describeFallback(event.reason)}).`),
    ),
  ];
}
