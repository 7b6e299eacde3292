// Sets of workitem positions as bit arrays (bit i = the workitem at insertion index i): AND, OR and
// NOT run 32 workitems per machine word, and a count is a popcount per word.

export type Bits = Uint32Array;

export function wordsFor(bitCount: number): number {
  return (bitCount + 31) >>> 5;
}

/** Sets bits [from, to) of `target` (the others are left as they are) and returns it. */
export function fillRange(target: Bits, from: number, to: number): Bits {
  if (from >= to) {
    return target;
  }
  const firstWord = from >>> 5;
  const lastWord = (to - 1) >>> 5;
  for (let w = firstWord; w <= lastWord; w++) {
    let word = 0xffffffff;
    if (w === firstWord) {
      word &= ~0 << (from & 31);
    }
    if (w === lastWord && (to & 31) !== 0) {
      word &= (1 << (to & 31)) - 1;
    }
    target[w] |= word;
  }
  return target;
}

export function setBit(bits: Bits, index: number): void {
  bits[index >>> 5] |= 1 << (index & 31);
}

export function clearBit(bits: Bits, index: number): void {
  bits[index >>> 5] &= ~(1 << (index & 31));
}

export function hasBit(bits: Bits, index: number): boolean {
  return (bits[index >>> 5] & (1 << (index & 31))) !== 0;
}

/** target &= source, over target's length (source words past its own length count as 0). */
export function andInto(target: Bits, source: Bits): void {
  const shared = Math.min(target.length, source.length);
  for (let w = 0; w < shared; w++) {
    target[w] &= source[w];
  }
  target.fill(0, shared);
}

export function orInto(target: Bits, source: Bits): void {
  const shared = Math.min(target.length, source.length);
  for (let w = 0; w < shared; w++) {
    target[w] |= source[w];
  }
}

export function andNotInto(target: Bits, source: Bits): void {
  const shared = Math.min(target.length, source.length);
  for (let w = 0; w < shared; w++) {
    target[w] &= ~source[w];
  }
}

/** target = a & b, over target's length; returns target. */
export function and(a: Bits, b: Bits, target: Bits): Bits {
  const shared = Math.min(target.length, a.length, b.length);
  for (let w = 0; w < shared; w++) {
    target[w] = a[w] & b[w];
  }
  target.fill(0, shared);
  return target;
}

/** target = source, over target's length; returns target. */
export function copyBits(source: Bits, target: Bits): Bits {
  const shared = Math.min(target.length, source.length);
  target.set(source.length > shared ? source.subarray(0, shared) : source);
  target.fill(0, shared);
  return target;
}

export function popcount32(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function countBits(bits: Bits): number {
  let total = 0;
  for (let w = 0; w < bits.length; w++) {
    const word = bits[w];
    if (word !== 0) {
      total += popcount32(word);
    }
  }
  return total;
}

export function isEmpty(bits: Bits): boolean {
  for (let w = 0; w < bits.length; w++) {
    if (bits[w] !== 0) {
      return false;
    }
  }
  return true;
}

/**
 * Positions of set bits number `skip` to `skip + take - 1`, walking upward (direction 1) or
 * downward from the highest bit (direction -1). Whole words are skipped by their popcount.
 */
export function selectBits(bits: Bits, skip: number, take: number, direction: 1 | -1): number[] {
  const out: number[] = [];
  if (take <= 0) {
    return out;
  }
  let toSkip = skip;
  const words = bits.length;
  for (let step = 0; step < words; step++) {
    const w = direction === 1 ? step : words - 1 - step;
    const word = bits[w];
    if (word === 0) {
      continue;
    }
    const count = popcount32(word);
    if (toSkip >= count) {
      toSkip -= count;
      continue;
    }
    for (let b = 0; b < 32; b++) {
      const bit = direction === 1 ? b : 31 - b;
      if ((word & (1 << bit)) === 0) {
        continue;
      }
      if (toSkip > 0) {
        toSkip--;
        continue;
      }
      out.push((w << 5) + bit);
      if (out.length === take) {
        return out;
      }
    }
  }
  return out;
}

/**
 * Opens a gap at `position`: every bit at or above it moves up by one, the bit at `position`
 * becomes 0. Only the first `usedWords` words are touched (the rest must be zero).
 */
export function insertGap(bits: Bits, position: number, usedWords: number): void {
  const first = position >>> 5;
  const top = Math.min(usedWords, bits.length) - 1;
  for (let w = top; w > first; w--) {
    bits[w] = (bits[w] << 1) | (bits[w - 1] >>> 31);
  }
  const below = (1 << (position & 31)) - 1;
  const word = bits[first];
  bits[first] = (word & below) | ((word & ~below) << 1);
}

/** Every set position, ascending. */
export function allPositions(bits: Bits): Uint32Array {
  const out = new Uint32Array(countBits(bits));
  let n = 0;
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w];
    while (word !== 0) {
      const low = word & -word;
      out[n++] = (w << 5) + (31 - Math.clz32(low));
      word ^= low;
    }
  }
  return out;
}

/**
 * Bits per block of a block-counted set: 32 words. A set that keeps the number of its bits in each
 * block lets an AND skip blocks where a part is empty and count blocks where all but one part are
 * full without reading their words; at a million workitems that is 977 blocks instead of 31,250 words.
 */
export const BLOCK_BITS = 1024;
export const BLOCK_SHIFT = 10;
export const BLOCK_WORDS = 32;

export function blocksFor(words: number): number {
  return (words + BLOCK_WORDS - 1) >>> 5;
}

/** Recomputes `counts` for blocks [fromBlock, toBlock) from the bits. */
export function recountBlocks(bits: Bits, counts: Uint16Array, fromBlock: number, toBlock: number): void {
  for (let block = fromBlock; block < toBlock; block++) {
    let total = 0;
    const end = Math.min(bits.length, (block + 1) * BLOCK_WORDS);
    for (let w = block * BLOCK_WORDS; w < end; w++) {
      const word = bits[w];
      if (word !== 0) {
        total += popcount32(word);
      }
    }
    counts[block] = total;
  }
}
