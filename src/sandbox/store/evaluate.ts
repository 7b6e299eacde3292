// Evaluates a compiled query to the set of matching positions, using indexes where it can:
// index keys are tested instead of workitems, the createdAt order of positions turns time ranges into a
// position range, the modifiedAt index lists a time range's workitems, and only unindexed predicates
// (text, wildcards on ids, other times) scan, and then only the candidates that the cheap parts of
// an AND left over. Searches go through conjunction.ts, which uses this for OR and NOT of index sets.
import type { QueryNode } from '../query';
import { and, andInto, andNotInto, copyBits, fillRange, isEmpty, orInto, setBit, type Bits } from './bitset';
import type { IndexedView } from './view';

type MatchNode = QueryNode & { kind: 'match' };

export function evaluate(node: QueryNode, within: Bits, view: IndexedView): Bits {
  switch (node.kind) {
    case 'all':
      return copyBits(within, view.scratch());
    case 'and': {
      let current = within;
      for (const child of cheapFirst(node.children, view)) {
        current = evaluate(child, current, view);
        if (isEmpty(current)) {
          break;
        }
      }
      return current === within ? copyBits(within, view.scratch()) : current;
    }
    case 'or': {
      const result = view.scratch();
      // Index lookups are ORed as they are and bounded by `within` once, not one by one.
      const others: QueryNode[] = [];
      for (const child of node.children) {
        const found = child.kind === 'match' ? lookup(child, view) : undefined;
        if (found) {
          orInto(result, found());
        } else {
          others.push(child);
        }
      }
      andInto(result, within);
      if (others.length === 0) {
        return result;
      }
      const remaining = copyBits(within, view.scratch());
      andNotInto(remaining, result);
      for (const child of cheapFirst(others, view)) {
        const part = evaluate(child, remaining, view);
        orInto(result, part);
        andNotInto(remaining, part);
        if (isEmpty(remaining)) {
          break;
        }
      }
      return result;
    }
    case 'not': {
      const result = copyBits(within, view.scratch());
      andNotInto(result, evaluate(node.child, within, view));
      return result;
    }
    case 'match':
      return evaluateMatch(node, within, view);
  }
}

function cheapFirst(children: QueryNode[], view: IndexedView): QueryNode[] {
  const cheap = children.filter((child) => isCheap(child, view));
  return cheap.length === children.length ? children : [...cheap, ...children.filter((child) => !isCheap(child, view))];
}

function isCheap(node: QueryNode, view: IndexedView): boolean {
  switch (node.kind) {
    case 'all':
      return true;
    case 'and':
    case 'or':
      return node.children.every((child) => isCheap(child, view));
    case 'not':
      return isCheap(node.child, view);
    case 'match':
      return lookup(node, view) !== undefined;
  }
}

/** The matching positions found without looking at workitems, or undefined when a scan is needed. */
function lookup(node: MatchNode, view: IndexedView): (() => Bits) | undefined {
  const { field, matcher } = node;
  const index = view.index(field.name);
  if (index) {
    const exact = matcher.exact;
    if (exact !== undefined) {
      return () => index.get(exact) ?? view.scratch();
    }
    return () => index.matching((key) => matcher.test(key), view.scratch());
  }
  if (field.name === 'workitemId' && typeof matcher.exact === 'string') {
    const exact = matcher.exact;
    return () => {
      const bits = view.scratch();
      const position = view.positionOf(exact);
      if (position !== undefined) {
        setBit(bits, position);
      }
      return bits;
    };
  }
  const interval = matcher.interval;
  if (field.name === 'createdAt' && interval) {
    return () => {
      const [from, to] = view.createdAtSpan(interval);
      return fillRange(view.scratch(), from, to);
    };
  }
  const times = interval ? view.timeIndex(field.name) : undefined;
  if (times && interval) {
    return () => {
      const bits = view.scratch();
      const [first, end] = times.span(interval);
      for (let entry = first; entry < end; entry++) {
        if (times.isLive(entry)) {
          setBit(bits, times.positionAt(entry));
        }
      }
      return bits;
    };
  }
  return undefined;
}

function evaluateMatch(node: MatchNode, within: Bits, view: IndexedView): Bits {
  const found = lookup(node, view);
  if (found) {
    return and(within, found(), view.scratch());
  }
  const { field, matcher } = node;
  const test = (value: unknown): boolean => matcher.test(value);
  const matches = field.matches ?? ((workitem, check) => check(field.read(workitem)));
  const result = view.scratch();
  for (let w = 0; w < within.length; w++) {
    let word = within[w];
    while (word !== 0) {
      const low = word & -word;
      const position = (w << 5) + (31 - Math.clz32(low));
      word ^= low;
      if (matches(view.item(position), test)) {
        setBit(result, position);
      }
    }
  }
  return result;
}
