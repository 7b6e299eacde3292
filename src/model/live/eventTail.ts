// What the Events view holds: the last N changes in a ring (the oldest goes first), a filter,
// pause and clear. Paused, changes are still taken in (nothing is missed) but what is shown stays
// put until resumed. No `vscode` import.
import type { LiveChange } from './liveChange';
import { parseTailFilter, type ParsedFilter } from './tailFilter';

/** The Events view repaints at most once per this gap however fast changes come (a few times a second). */
export const TAIL_RENDER_GAP_MS = 300;

export interface TailEntry {
  /** Arrival order, 1, 2, 3…: stable ids for the view's rows. */
  readonly seq: number;
  readonly change: LiveChange;
  /** Where it happened (the connection's host). */
  readonly connection: string;
  /** The queue's name, when known. */
  readonly queueName: string | undefined;
}

export class EventTail {
  private ring: (TailEntry | undefined)[];
  private head = 0;
  private count = 0;
  private nextSeq = 1;
  private filter: ParsedFilter = parseTailFilter(undefined);
  private filterText: string | undefined;
  private frozen: TailEntry[] | undefined;
  /** Changes taken in since the start (or the last clear), kept or not. */
  received = 0;

  constructor(private capacity: number) {
    this.ring = new Array<TailEntry | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  get paused(): boolean {
    return this.frozen !== undefined;
  }

  get query(): string | undefined {
    return this.filterText;
  }

  push(changes: readonly LiveChange[], connection: string, queueName: (queueId: string | undefined) => string | undefined): void {
    for (const change of changes) {
      const entry: TailEntry = { seq: this.nextSeq++, change, connection, queueName: queueName(change.workitem.selectedQueue) };
      this.ring[this.head] = entry;
      this.head = (this.head + 1) % this.capacity;
      this.count = Math.min(this.count + 1, this.capacity);
      this.received++;
    }
  }

  /** Keeps the newest entries that fit. */
  resize(capacity: number): void {
    if (capacity === this.capacity) return;
    const kept = this.newestFirst().slice(0, capacity).reverse();
    this.capacity = capacity;
    this.ring = new Array<TailEntry | undefined>(capacity);
    this.head = 0;
    this.count = 0;
    for (const entry of kept) {
      this.ring[this.head] = entry;
      this.head = (this.head + 1) % capacity;
      this.count++;
    }
  }

  clear(): void {
    this.ring = new Array<TailEntry | undefined>(this.capacity);
    this.head = 0;
    this.count = 0;
    this.received = 0;
    if (this.frozen) this.frozen = [];
  }

  pause(): void {
    this.frozen ??= this.newestFirst();
  }

  resume(): void {
    this.frozen = undefined;
  }

  /** Sets the `q` filter; returns the unknown field name when it cannot be used (nothing changes then). */
  setFilter(text: string | undefined): string | undefined {
    const parsed = parseTailFilter(text);
    if (!parsed.ok) return parsed.error;
    this.filter = parsed;
    this.filterText = text?.trim() ? text.trim() : undefined;
    return undefined;
  }

  /** What the view shows, newest first: filtered, and as it was when paused. */
  shown(): TailEntry[] {
    return (this.frozen ?? this.newestFirst()).filter((entry) => this.filter.match(entry));
  }

  /** Every change held, newest first, paused or not, unfiltered. */
  newestFirst(): TailEntry[] {
    const entries: TailEntry[] = [];
    for (let index = 1; index <= this.count; index++) {
      const entry = this.ring[(this.head - index + this.capacity * 2) % this.capacity];
      if (entry) entries.push(entry);
    }
    return entries;
  }
}
