// A query as one AND of cheap parts, so a count or a page is one pass over the index words with
// nothing written: the tree's queries (a state AND a channel, a time range, NOT the known values)
// need no intermediate bit set at all. Parts:
// - `include` / `exclude`: index sets every match must be in / must not be in;
// - `from`/`to`: the position range a createdAt interval turns into;
// - `candidates`: a short list of positions that bounds the result (a recent modifiedAt range, an id);
// - `residual`: tests of what no index answers, run only on workitems that pass everything else.
// An OR or NOT of index lookups is combined into one set; other OR/NOT subtrees become a residual.
import type { Workitem } from '../../api/schemas';
import { predicateOf, type QueryNode } from '../query';
import { setBit, type Bits } from './bitset';
import { evaluate } from './evaluate';
import type { IndexedView } from './view';

type MatchNode = QueryNode & { kind: 'match' };

export type Residual = (workitem: Workitem) => boolean;

/** A set of positions, with its count per block when it is an index key's own set. */
export interface Operand {
  bits: Bits;
  blocks: Uint16Array | undefined;
}

export interface Conjunction {
  /** Known to match nothing (a value no workitem has). */
  empty: boolean;
  include: Operand[];
  exclude: Operand[];
  /** When `include` is one index key's set and nothing else narrows: that key's count. */
  includeCount: number | undefined;
  from: number;
  to: number;
  /** Ascending positions; when set, no other position can match. */
  candidates: Uint32Array | undefined;
  residual: Residual[];
}

/** A time-index span at most this many entries per word of a full bit set is listed, not marked. */
const CANDIDATES_PER_WORD = 0.5;

export function conjunctionOf(node: QueryNode, view: IndexedView): Conjunction {
  const conjunction: Conjunction = {
    empty: false,
    include: [],
    exclude: [],
    includeCount: undefined,
    from: 0,
    to: view.size,
    candidates: undefined,
    residual: [],
  };
  addTerm(conjunction, node, view);
  if (conjunction.include.length !== 1 || conjunction.exclude.length > 0 || conjunction.residual.length > 0) {
    conjunction.includeCount = undefined;
  }
  if (conjunction.candidates !== undefined || conjunction.from > 0 || conjunction.to < view.size) {
    conjunction.includeCount = undefined;
  }
  return conjunction;
}

/** Whether every match of the conjunction must be checked one by one (no words to AND). */
export function isSparse(conjunction: Conjunction): boolean {
  return conjunction.candidates !== undefined;
}

function addTerm(conjunction: Conjunction, node: QueryNode, view: IndexedView): void {
  switch (node.kind) {
    case 'all':
      return;
    case 'and':
      for (const child of node.children) {
        addTerm(conjunction, child, view);
      }
      return;
    case 'match':
      addMatch(conjunction, node, view);
      return;
    case 'not': {
      const single = node.child.kind === 'match' ? indexSet(node.child, view) : undefined;
      if (single) {
        conjunction.exclude.push(single);
      } else if (isIndexOnly(node.child, view)) {
        conjunction.exclude.push(unblocked(evaluate(node.child, view.everything(), view)));
      } else {
        const test = predicateOf(node.child);
        conjunction.residual.push((workitem) => !test(workitem));
      }
      return;
    }
    case 'or':
      if (isIndexOnly(node, view)) {
        conjunction.include.push(unblocked(evaluate(node, view.everything(), view)));
      } else {
        conjunction.residual.push(predicateOf(node));
      }
      return;
  }
}

function addMatch(conjunction: Conjunction, node: MatchNode, view: IndexedView): void {
  const { field, matcher } = node;
  const fromIndex = indexSet(node, view);
  if (fromIndex) {
    if (fromIndex.count === 0) {
      conjunction.empty = true;
    }
    conjunction.include.push(fromIndex);
    conjunction.includeCount = fromIndex.count;
    return;
  }
  if (field.name === 'workitemId' && typeof matcher.exact === 'string') {
    const position = view.positionOf(matcher.exact);
    addCandidates(conjunction, position === undefined ? new Uint32Array(0) : Uint32Array.of(position));
    return;
  }
  const interval = matcher.interval;
  if (interval && field.name === 'createdAt') {
    const [from, to] = view.createdAtSpan(interval);
    conjunction.from = Math.max(conjunction.from, from);
    conjunction.to = Math.min(conjunction.to, to);
    return;
  }
  const times = interval ? view.timeIndex(field.name) : undefined;
  if (interval && times) {
    const [first, end] = times.span(interval);
    if (end - first <= view.words * CANDIDATES_PER_WORD) {
      const listed: number[] = [];
      for (let entry = first; entry < end; entry++) {
        if (times.isLive(entry)) {
          listed.push(times.positionAt(entry));
        }
      }
      addCandidates(conjunction, Uint32Array.from(listed).sort());
    } else {
      const bits = view.scratch();
      for (let entry = first; entry < end; entry++) {
        if (times.isLive(entry)) {
          setBit(bits, times.positionAt(entry));
        }
      }
      conjunction.include.push(unblocked(bits));
      conjunction.includeCount = undefined;
    }
    return;
  }
  conjunction.residual.push(predicateOf(node));
}

function addCandidates(conjunction: Conjunction, positions: Uint32Array): void {
  const known = conjunction.candidates;
  conjunction.candidates = known === undefined ? positions : intersectSorted(known, positions);
}

function intersectSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) {
      i++;
    } else {
      j++;
    }
  }
  return Uint32Array.from(out);
}

function unblocked(bits: Bits): Operand {
  return { bits, blocks: undefined };
}

/** The one index set a match stands for, without copying it when it is one key's set. */
function indexSet(node: MatchNode, view: IndexedView): (Operand & { count: number | undefined }) | undefined {
  const index = view.index(node.field.name);
  if (!index) {
    return undefined;
  }
  const { matcher } = node;
  const exact = matcher.exact;
  const keys = exact !== undefined ? [exact] : [...index.keys()].filter((key) => matcher.test(key));
  if (keys.length === 1) {
    const set = index.setOf(keys[0]);
    return set ? { bits: set.bits, blocks: set.blocks, count: set.count } : { bits: view.scratch(), blocks: undefined, count: 0 };
  }
  return { bits: index.matching((key) => matcher.test(key), view.scratch()), blocks: undefined, count: keys.length === 0 ? 0 : undefined };
}

/** Whether evaluating the subtree only combines index sets (no workitem is read). */
function isIndexOnly(node: QueryNode, view: IndexedView): boolean {
  switch (node.kind) {
    case 'all':
      return true;
    case 'and':
    case 'or':
      return node.children.every((child) => isIndexOnly(child, view));
    case 'not':
      return isIndexOnly(node.child, view);
    case 'match': {
      const { field, matcher } = node;
      return (
        view.index(field.name) !== undefined ||
        (field.name === 'workitemId' && typeof matcher.exact === 'string') ||
        (matcher.interval !== undefined && (field.name === 'createdAt' || view.timeIndex(field.name) !== undefined))
      );
    }
  }
}
