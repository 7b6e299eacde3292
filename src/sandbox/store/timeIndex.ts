// A time field that changes (modifiedAt: every action sets it to "now") kept in value order: entries
// of (time, position) sorted by time, then position. A range of times is a span of entries found by
// binary search, and walking the entries is walking the workitems in that field's order.
//
// Changing a workitem's time appends an entry instead of moving one: the old entry goes stale
// (each entry carries a sequence number; only the one its position holds now is live) and stale
// entries are dropped in bulk once they are many. New times are "now", so appending is the usual
// case and a change costs O(1); a time earlier than the newest moves the tail by one.
import type { Interval } from '../query';

/** Workitems without a numeric value sort lowest, as the sort order wants absent values. */
const MISSING = -Infinity;
const FIRST_CAPACITY = 1024;

export class TimeIndex {
  private times: Float64Array;
  private positions: Uint32Array;
  private seqs: Uint32Array;
  private entries = 0;
  /** The live entry's sequence number for each position (0: none). */
  private liveSeq: Uint32Array;
  private positionCount = 0;
  private nextSeq = 1;
  private stale = 0;

  /** Indexes positions 0…count-1, whose values `valueAt` reads. */
  constructor(count: number, valueAt: (position: number) => unknown) {
    const keys = new Float64Array(count);
    const order = new Uint32Array(count);
    for (let position = 0; position < count; position++) {
      keys[position] = timeOf(valueAt(position));
      order[position] = position;
    }
    // Answers -1/0/1, not a difference of two times: a difference is a double, which the sort
    // boxes for each of the ~20 million comparisons at a million workitems.
    order.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
    // Room for the stale entries of a quarter of the workitems before they are dropped.
    const capacity = FIRST_CAPACITY + Math.ceil(count * 1.4);
    this.times = new Float64Array(capacity);
    this.positions = new Uint32Array(capacity);
    this.seqs = new Uint32Array(capacity);
    this.liveSeq = new Uint32Array(capacity);
    for (let i = 0; i < count; i++) {
      const position = order[i];
      this.times[i] = keys[position];
      this.positions[i] = position;
      this.seqs[i] = this.nextSeq;
      this.liveSeq[position] = this.nextSeq++;
    }
    this.entries = count;
    this.positionCount = count;
  }

  /** Entries, live or stale: walk 0…entryCount-1 and skip those `isLive` refuses. */
  get entryCount(): number {
    return this.entries;
  }

  timeAt(entry: number): number {
    return this.times[entry];
  }

  positionAt(entry: number): number {
    return this.positions[entry];
  }

  isLive(entry: number): boolean {
    return this.liveSeq[this.positions[entry]] === this.seqs[entry];
  }

  /** A new workitem at `position`; the positions at and above it move up by one first. */
  insertPosition(position: number, value: unknown): void {
    if (this.positionCount + 1 > this.liveSeq.length) {
      this.liveSeq = grown(this.liveSeq, this.liveSeq.length * 2);
    }
    if (position < this.positionCount) {
      const positions = this.positions;
      for (let i = 0; i < this.entries; i++) {
        if (positions[i] >= position) {
          positions[i]++;
        }
      }
      this.liveSeq.copyWithin(position + 1, position, this.positionCount);
    }
    this.positionCount++;
    this.addEntry(timeOf(value), position);
  }

  /** The workitem at `position` now has `value`. */
  update(position: number, value: unknown): void {
    const time = timeOf(value);
    if (this.liveSeq[position] !== 0) {
      this.stale++;
    }
    this.addEntry(time, position);
    if (this.stale > FIRST_CAPACITY && this.stale * 4 > this.entries) {
      this.dropStale();
    }
  }

  /** Entries [from, to) whose time lies in the interval (workitems without a value never do). */
  span(interval: Interval): [number, number] {
    const { min, max, minInclusive, maxInclusive } = interval;
    const firstValued = this.firstEntry((time) => time > MISSING);
    const from = Math.max(firstValued, this.firstEntry((time) => (minInclusive ? time >= min : time > min)));
    const to = this.firstEntry((time) => (maxInclusive ? time > max : time >= max));
    return [from, Math.max(from, to)];
  }

  private addEntry(time: number, position: number): void {
    if (this.entries === this.times.length) {
      const capacity = this.times.length * 2;
      this.times = grown(this.times, capacity);
      this.positions = grown(this.positions, capacity);
      this.seqs = grown(this.seqs, capacity);
    }
    let at = this.entries;
    const newest = at === 0 ? MISSING : this.times[at - 1];
    if (at > 0 && (time < newest || (time === newest && this.positions[at - 1] > position))) {
      at = this.firstEntry((entryTime) => entryTime > time);
      while (at > 0 && this.times[at - 1] === time && this.positions[at - 1] > position) {
        at--;
      }
      this.times.copyWithin(at + 1, at, this.entries);
      this.positions.copyWithin(at + 1, at, this.entries);
      this.seqs.copyWithin(at + 1, at, this.entries);
    }
    const seq = this.nextSeq++;
    this.times[at] = time;
    this.positions[at] = position;
    this.seqs[at] = seq;
    this.liveSeq[position] = seq;
    this.entries++;
  }

  private dropStale(): void {
    let kept = 0;
    for (let i = 0; i < this.entries; i++) {
      if (this.isLive(i)) {
        this.times[kept] = this.times[i];
        this.positions[kept] = this.positions[i];
        this.seqs[kept] = this.seqs[i];
        kept++;
      }
    }
    this.entries = kept;
    this.stale = 0;
  }

  private firstEntry(isPast: (time: number) => boolean): number {
    let low = 0;
    let high = this.entries;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (isPast(this.times[middle])) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }
}

function timeOf(value: unknown): number {
  return typeof value === 'number' && !Number.isNaN(value) ? value : MISSING;
}

function grown<T extends Float64Array | Uint32Array>(array: T, capacity: number): T {
  const larger = new (array.constructor as new (length: number) => T)(capacity);
  larger.set(array);
  return larger;
}
