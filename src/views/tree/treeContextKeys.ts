// The tree's state as its context key tells package.json's `when` clauses (the welcome content
// shown while the tree has no rows); the keys themselves are in src/contributions.ts.
import type { RootStatus } from '../../model/workitemTreeModel';

export type TreeState = 'loading' | 'ready' | 'empty' | 'signedOut' | 'unreachable' | 'failed';

export function treeStateOf(status: RootStatus): TreeState {
  switch (status.kind) {
    case 'notLoaded':
      return 'loading';
    case 'failed':
      return status.failure.reason === 'unauthorized'
        ? 'signedOut'
        : status.failure.reason === 'unreachable'
          ? 'unreachable'
          : 'failed';
    case 'loaded':
      return status.total === 0 ? 'empty' : 'ready';
  }
}

/**
 * Signed out and unreachable are told by the welcome content (with its sign-in, sandbox and retry
 * links) rather than by a row; every other failure is an error row with a retry.
 */
export function showsWelcomeInsteadOfRows(state: TreeState): boolean {
  return state === 'signedOut' || state === 'unreachable';
}
