import type { Bits } from './bitset';

/** Scratch bit sets kept between searches: enough for a query with a dozen terms. */
const MAX_SPARE = 24;

/**
 * Bit sets for the intermediate results of one search, recycled when it ends. At a million
 * workitems each is 125 KB; allocating a few per request keeps the garbage collector busy and
 * shows as latency spikes.
 */
export class ScratchPool {
  private readonly spare: Bits[] = [];
  private readonly lent: Bits[] = [];

  /** A zeroed set of `words` words, valid until `recycle`. */
  take(words: number): Bits {
    let bits = this.spare.pop();
    while (bits && bits.length !== words) {
      bits = this.spare.pop(); // sized for another number of workitems: let it go
    }
    if (bits) {
      bits.fill(0);
    } else {
      bits = new Uint32Array(words);
    }
    this.lent.push(bits);
    return bits;
  }

  recycle(): void {
    for (const bits of this.lent) {
      if (this.spare.length < MAX_SPARE) {
        this.spare.push(bits);
      }
    }
    this.lent.length = 0;
  }
}
