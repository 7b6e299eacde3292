// Redoes the journal's mutations on a freshly generated store.
import type { WorkitemStore } from '../contracts';
import type { JournalEntry } from './journalEntry';

export class ReplayError extends Error {
  constructor(index: number, entry: JournalEntry, cause: unknown) {
    const what = entry.kind === 'apply' ? `${entry.action} of ${entry.workitemId}` : `insert of ${entry.workitem.workitemId}`;
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Journal entry ${index + 1} (${what}) cannot be replayed: ${reason}`);
    this.name = 'ReplayError';
  }
}

export function replayJournal(store: WorkitemStore, entries: readonly JournalEntry[]): void {
  entries.forEach((entry, index) => {
    try {
      if (entry.kind === 'apply') {
        store.apply(entry.workitemId, entry.action, entry.context);
      } else {
        store.insert(entry.workitem);
      }
    } catch (error) {
      throw new ReplayError(index, entry, error);
    }
  });
}
