// One pass over a conjunction: each word is the AND of its sets (32 workitems at a time), counted
// by popcount, and the page's positions are picked in the same pass; index sets' block counts let
// most blocks be skipped or counted unread. Nothing the size of the store is written, except by
// `markMatches` for the orders that need the whole result.
import { BLOCK_BITS, BLOCK_SHIFT, BLOCK_WORDS, hasBit, popcount32, type Bits } from './bitset';
import type { Conjunction, Operand } from './conjunction';
import type { IndexedView } from './view';

export interface CountedPage {
  total: number;
  /** Positions of matches number start…start+rows-1, in the walk's direction. */
  positions: number[];
}

/** The number of matches. */
export function countMatches(conjunction: Conjunction, view: IndexedView): number {
  if (conjunction.empty) {
    return 0;
  }
  if (conjunction.includeCount !== undefined) {
    return conjunction.includeCount;
  }
  if (conjunction.candidates !== undefined) {
    return matchingCandidates(conjunction, view).length;
  }
  return walk(conjunction, view, 0, 0, -1, undefined).total;
}

/** The total and one page in position order: newest first (direction -1) or oldest first (1). */
export function pageInPositionOrder(conjunction: Conjunction, view: IndexedView, start: number, rows: number, direction: 1 | -1): CountedPage {
  if (conjunction.empty) {
    return { total: 0, positions: [] };
  }
  if (conjunction.candidates !== undefined) {
    const matches = matchingCandidates(conjunction, view);
    if (direction === -1) {
      matches.reverse();
    }
    return { total: matches.length, positions: matches.slice(start, start + rows) };
  }
  return walk(conjunction, view, start, rows, direction, undefined);
}

/** Writes every match into `target` (zeroed, `view.words` long) and returns how many there are. */
export function markMatches(conjunction: Conjunction, view: IndexedView, target: Bits): number {
  if (conjunction.empty) {
    return 0;
  }
  if (conjunction.candidates !== undefined) {
    const matches = matchingCandidates(conjunction, view);
    for (const position of matches) {
      target[position >>> 5] |= 1 << (position & 31);
    }
    return matches.length;
  }
  return walk(conjunction, view, 0, 0, 1, target).total;
}

/** The candidates that pass every other part, ascending. */
export function matchingCandidates(conjunction: Conjunction, view: IndexedView): number[] {
  const out: number[] = [];
  const { candidates, include, exclude, from, to, residual } = conjunction;
  if (candidates === undefined || conjunction.empty) {
    return out;
  }
  for (const position of candidates) {
    if (position < from || position >= to) {
      continue;
    }
    if (include.every(({ bits }) => hasBit(bits, position)) && !exclude.some(({ bits }) => hasBit(bits, position))) {
      const workitem = view.item(position);
      if (residual.every((test) => test(workitem))) {
        out.push(position);
      }
    }
  }
  return out;
}

/**
 * The pass, block by block in the walk's direction. A block where an included set is empty (or an
 * excluded one full) is skipped; a block inside the range where every part but one is full or
 * empty is counted from that part's block count; only the other blocks, and those the page
 * falls in, are read word by word. Nothing but `target` (when given) is written.
 */
function walk(conjunction: Conjunction, view: IndexedView, start: number, rows: number, direction: 1 | -1, target: Bits | undefined): CountedPage {
  const { include, exclude, residual } = conjunction;
  const from = Math.max(0, conjunction.from);
  const to = Math.min(view.size, conjunction.to);
  const positions: number[] = [];
  if (from >= to) {
    return { total: 0, positions };
  }
  const firstBlock = from >>> BLOCK_SHIFT;
  const lastBlock = (to - 1) >>> BLOCK_SHIFT;
  const end = start + rows;
  let total = 0;
  for (let step = firstBlock; step <= lastBlock; step++) {
    const block = direction === 1 ? step : firstBlock + lastBlock - step;
    const known = blockCount(include, exclude, block);
    if (known === 0) {
      continue;
    }
    const whole = block << BLOCK_SHIFT >= from && (block + 1) << BLOCK_SHIFT <= to;
    // Counted unread, unless the page is picked here or the words must be written out.
    if (known > 0 && whole && residual.length === 0 && (total + known <= start || total >= end)) {
      if (target === undefined) {
        total += known;
        continue;
      }
      if (known === BLOCK_BITS) {
        target.fill(0xffffffff, block * BLOCK_WORDS, (block + 1) * BLOCK_WORDS);
        total += known;
        continue;
      }
    }
    const firstWord = Math.max(block * BLOCK_WORDS, from >>> 5);
    const lastWord = Math.min(block * BLOCK_WORDS + BLOCK_WORDS - 1, (to - 1) >>> 5);
    for (let wordStep = firstWord; wordStep <= lastWord; wordStep++) {
      const w = direction === 1 ? wordStep : firstWord + lastWord - wordStep;
      let word = wordAt(include, exclude, w);
      if (word === 0) {
        continue;
      }
      if (w === from >>> 5) {
        word &= ~0 << (from & 31);
      }
      if (w === (to - 1) >>> 5 && (to & 31) !== 0) {
        word &= (1 << (to & 31)) - 1;
      }
      if (residual.length > 0 && word !== 0) {
        word = passingResidual(word, w, conjunction, view);
      }
      if (word === 0) {
        continue;
      }
      if (target !== undefined) {
        target[w] = word;
      }
      const count = popcount32(word);
      if (total + count > start && total < end) {
        pick(word, w, direction, start - total, end - total, positions);
      }
      total += count;
    }
  }
  return { total, positions };
}

/**
 * Matches in a block told by block counts alone: 0 when a part rules the block out, the count when
 * every part but at most one is full (or, excluded, empty) there, -1 when the words must be read.
 */
function blockCount(include: readonly Operand[], exclude: readonly Operand[], block: number): number {
  let known = BLOCK_BITS;
  let open = 0;
  for (let i = 0; i < include.length; i++) {
    const blocks = include[i].blocks;
    if (blocks === undefined) {
      open += 2;
      continue;
    }
    const count = blocks[block];
    if (count === 0) {
      return 0;
    }
    if (count !== BLOCK_BITS) {
      open++;
      known = count;
    }
  }
  for (let i = 0; i < exclude.length; i++) {
    const blocks = exclude[i].blocks;
    if (blocks === undefined) {
      open += 2;
      continue;
    }
    const count = blocks[block];
    if (count === BLOCK_BITS) {
      return 0;
    }
    if (count !== 0) {
      open++;
      known = BLOCK_BITS - count;
    }
  }
  return open <= 1 ? known : -1;
}

function wordAt(include: readonly Operand[], exclude: readonly Operand[], w: number): number {
  let word = include.length > 0 ? include[0].bits[w] : ~0;
  for (let i = 1; i < include.length && word !== 0; i++) {
    word &= include[i].bits[w];
  }
  for (let i = 0; i < exclude.length && word !== 0; i++) {
    word &= ~exclude[i].bits[w];
  }
  return word;
}

/** Appends the positions of the word's set bits ranked [skip, stop) in the walk's direction. */
function pick(word: number, w: number, direction: 1 | -1, skip: number, stop: number, out: number[]): void {
  let rank = 0;
  let rest = word;
  while (rest !== 0 && rank < stop) {
    let bit: number;
    if (direction === 1) {
      const low = rest & -rest;
      bit = 31 - Math.clz32(low);
      rest ^= low;
    } else {
      bit = 31 - Math.clz32(rest);
      rest ^= 1 << bit;
    }
    if (rank >= skip) {
      out.push((w << 5) + bit);
    }
    rank++;
  }
}

function passingResidual(word: number, w: number, conjunction: Conjunction, view: IndexedView): number {
  let kept = word;
  let rest = word;
  const residual = conjunction.residual;
  while (rest !== 0) {
    const low = rest & -rest;
    rest ^= low;
    const workitem = view.item((w << 5) + (31 - Math.clz32(low)));
    for (let i = 0; i < residual.length; i++) {
      if (!residual[i](workitem)) {
        kept &= ~low;
        break;
      }
    }
  }
  return kept;
}
