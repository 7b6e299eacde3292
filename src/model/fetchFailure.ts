// Turns whatever a fetch threw into what the tree shows in place of the missing rows.
import { isNcxError } from '../api/errors';
import type { ErrorModelNode } from './modelNodes';

export type FetchFailure = Pick<ErrorModelNode, 'reason' | 'action' | 'message' | 'errorKind'>;

export function describeFetchFailure(error: unknown): FetchFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (!isNcxError(error)) {
    return { reason: 'failed', action: 'retry', message };
  }
  switch (error.kind) {
    case 'unauthorized':
      return { reason: 'unauthorized', action: 'signIn', message, errorKind: error.kind };
    case 'network':
    case 'timeout':
      return { reason: 'unreachable', action: 'retry', message, errorKind: error.kind };
    default:
      return { reason: 'failed', action: 'retry', message, errorKind: error.kind };
  }
}

/** A fetch abandoned because the tree was reset (new filter, grouping, client) is not a failure. */
export function isCancellation(error: unknown): boolean {
  return (
    (isNcxError(error) && error.kind === 'cancelled') ||
    (error instanceof Error && error.name === 'AbortError')
  );
}
