import { BLOCK_SHIFT, blocksFor, clearBit, hasBit, insertGap, orInto, recountBlocks, setBit, type Bits } from './bitset';

export type IndexKey = string | number;

/** One key's workitems, with their count and their count per block kept as bits change. */
export interface KeySet {
  bits: Bits;
  blocks: Uint16Array;
  count: number;
}

/**
 * One bit set per distinct value of a field, plus the set of workitems that have any value.
 * Values other than strings and numbers (absent, malformed) are simply not indexed.
 */
export class FieldIndex {
  private readonly byValue = new Map<IndexKey, KeySet>();
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
    let set = this.byValue.get(value);
    if (!set) {
      set = { bits: new Uint32Array(this.words), blocks: new Uint16Array(blocksFor(this.words)), count: 0 };
      this.byValue.set(value, set);
    }
    if (!hasBit(set.bits, position)) {
      setBit(set.bits, position);
      set.blocks[position >>> BLOCK_SHIFT]++;
      set.count++;
    }
    setBit(this.present, position);
  }

  remove(value: unknown, position: number): void {
    if (!isKey(value)) {
      return;
    }
    const set = this.byValue.get(value);
    if (set && hasBit(set.bits, position)) {
      clearBit(set.bits, position);
      set.blocks[position >>> BLOCK_SHIFT]--;
      set.count--;
      clearBit(this.present, position);
    }
  }

  get(value: IndexKey): Bits | undefined {
    return this.byValue.get(value)?.bits;
  }

  /** The key's set with its counts (read only). */
  setOf(value: IndexKey): KeySet | undefined {
    return this.byValue.get(value);
  }

  keys(): IterableIterator<IndexKey> {
    return this.byValue.keys();
  }

  /** Workitems with any indexed value of the field. */
  withAnyValue(): Bits {
    return this.present;
  }

  /** The union of the sets of every key that passes `test`, written into a zeroed `target`. */
  matching(test: (key: IndexKey) => boolean, target: Bits): Bits {
    for (const [key, set] of this.byValue) {
      if (test(key)) {
        orInto(target, set.bits);
      }
    }
    return target;
  }

  /** Moves every position at or above `position` up by one (an insert in the middle). */
  openGap(position: number, usedWords: number): void {
    const fromBlock = position >>> BLOCK_SHIFT;
    const toBlock = blocksFor(usedWords);
    for (const set of this.byValue.values()) {
      insertGap(set.bits, position, usedWords);
      recountBlocks(set.bits, set.blocks, fromBlock, toBlock);
    }
    insertGap(this.present, position, usedWords);
  }

  /** Makes room for positions up to `words * 32 - 1`. */
  grow(words: number): void {
    if (words <= this.words) {
      return;
    }
    this.words = words;
    for (const set of this.byValue.values()) {
      set.bits = resized(set.bits, words);
      const blocks = new Uint16Array(blocksFor(words));
      blocks.set(set.blocks);
      set.blocks = blocks;
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
