// Fields a query names that this extension does not know. A tenant may have fields we don't
// (custom data), so such a query is still sent; but a typo (`stat:hold`, `colour:blue`) would
// otherwise give an empty tree with no word of why, so the filter warns and names the nearest
// known field. The known fields are the query language's own list (src/sandbox/query/fields.ts).
import { parse, type LiqeQuery } from 'liqe';
import { QUERY_FIELDS } from '../sandbox/query/fields';

export interface UnknownField {
  /** As typed. */
  name: string;
  /** The known field closest to it. */
  nearest: string;
}

/** Edits (insert, delete, replace, swap of neighbours) from `a` to `b`; both are short field names. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * How far a typed name is from a known field: a typed prefix (`stat` of `state`) or part (`queue` of
 * `selectedQueue`) counts as near.
 */
function distance(typed: string, known: string): number {
  const a = typed.toLowerCase();
  const b = known.toLowerCase();
  const whole = editDistance(a, b);
  const last = b.includes('.') ? editDistance(a, b.slice(b.lastIndexOf('.') + 1)) + 0.5 : Infinity;
  const prefix = a.length >= 3 && b.startsWith(a) ? 0.5 + (b.length - a.length) / 10 : Infinity;
  const part = a.length >= 4 && b.includes(a) ? 1 + (b.length - a.length) / 10 : Infinity;
  return Math.min(whole, last, prefix, part);
}

export function nearestKnownField(name: string): string {
  let best = '';
  let bestDistance = Infinity;
  for (const known of QUERY_FIELDS.keys()) {
    const d = distance(name, known);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}

function fieldNames(node: LiqeQuery, into: string[]): string[] {
  switch (node.type) {
    case 'Tag':
      if (node.field.type === 'Field') into.push(node.field.name);
      break;
    case 'LogicalExpression':
      fieldNames(node.left, into);
      fieldNames(node.right, into);
      break;
    case 'UnaryOperator':
      fieldNames(node.operand, into);
      break;
    case 'ParenthesizedExpression':
      fieldNames(node.expression, into);
      break;
    case 'EmptyExpression':
      break;
  }
  return into;
}

/** The fields `q` names that no known field matches, each once, with the nearest known one; [] when unreadable. */
export function unknownQueryFields(q: string): UnknownField[] {
  let ast: LiqeQuery;
  try {
    ast = parse(q);
  } catch {
    return [];
  }
  const names = [...new Set(fieldNames(ast, []))];
  return names.filter((name) => !QUERY_FIELDS.has(name)).map((name) => ({ name, nearest: nearestKnownField(name) }));
}
