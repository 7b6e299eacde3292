import { clearBit, insertGap, orInto, setBit, type Bits } from './bitset';

export type IndexKey = string | number;

/**
 * One bit set per distinct value of a field, plus the set of workitems that have any value.
 * Values other than strings and numbers (absent, malformed) are simply not indexed.
 */
export class FieldIndex {
  private readonly byValue = new Map<IndexKey, Bits>();
  private present: Bits;

  constructor(
    readonly field: string,
    private words: number,
  ) {
    this.present = new Uint32Array(words);
  }

  add(value: unknown, position: number): void {
    if (!isKey(value)) {
      return;
    }
    let bits = this.byValue.get(value);
    if (!bits) {
      bits = new Uint32Array(this.words);
      this.byValue.set(value, bits);
    }
    setBit(bits, position);
    setBit(this.present, position);
  }

  remove(value: unknown, position: number): void {
    if (!isKey(value)) {
      return;
    }
    const bits = this.byValue.get(value);
    if (bits) {
      clearBit(bits, position);
      clearBit(this.present, position);
    }
  }

  get(value: IndexKey): Bits | undefined {
    return this.byValue.get(value);
  }

  keys(): IterableIterator<IndexKey> {
    return this.byValue.keys();
  }

  entries(): IterableIterator<[IndexKey, Bits]> {
    return this.byValue.entries();
  }

  /** Workitems with any indexed value of the field. */
  withAnyValue(): Bits {
    return this.present;
  }

  /** The union of the sets of every key that passes `test`, written into a zeroed `target`. */
  matching(test: (key: IndexKey) => boolean, target: Bits): Bits {
    for (const [key, bits] of this.byValue) {
      if (test(key)) {
        orInto(target, bits);
      }
    }
    return target;
  }

  /** Moves every position at or above `position` up by one (an insert in the middle). */
  openGap(position: number, usedWords: number): void {
    for (const bits of this.byValue.values()) {
      insertGap(bits, position, usedWords);
    }
    insertGap(this.present, position, usedWords);
  }

  /** Makes room for positions up to `words * 32 - 1`. */
  grow(words: number): void {
    if (words <= this.words) {
      return;
    }
    this.words = words;
    for (const [key, bits] of this.byValue) {
      this.byValue.set(key, resized(bits, words));
    }
    this.present = resized(this.present, words);
  }
}

function isKey(value: unknown): value is IndexKey {
  return typeof value === 'string' || typeof value === 'number';
}

function resized(bits: Bits, words: number): Bits {
  const larger = new Uint32Array(words);
  larger.set(bits);
  return larger;
}
