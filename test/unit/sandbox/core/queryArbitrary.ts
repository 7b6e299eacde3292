// Random queries for comparing the store with the naive reference: each carries its `q` text and the
// plain test a workitem must pass, built from the atoms a test file chooses.
import * as fc from 'fast-check';
import type { Workitem } from '../../../../src/api/schemas';

export interface ReferenceQuery {
  text: string;
  test: (workitem: Workitem) => boolean;
}

/** ANDs, ORs and NOTs of the atoms, nested a little; `andNot` adds the `a AND b AND NOT (c)` shape. */
export function queriesOf(atom: fc.Arbitrary<ReferenceQuery>, options: { andNot?: boolean } = {}): fc.Arbitrary<ReferenceQuery> {
  return fc.letrec<{ node: ReferenceQuery }>((tie) => {
    const and = fc.tuple(tie('node'), tie('node')).map(([a, b]) => ({ text: `(${a.text} AND ${b.text})`, test: (w: Workitem) => a.test(w) && b.test(w) }));
    const andNot = fc.tuple(tie('node'), tie('node'), tie('node')).map(([a, b, c]) => ({
      text: `(${a.text} AND ${b.text} AND NOT (${c.text}))`,
      test: (w: Workitem) => a.test(w) && b.test(w) && !c.test(w),
    }));
    const or = fc.tuple(tie('node'), tie('node')).map(([a, b]) => ({ text: `(${a.text} OR ${b.text})`, test: (w: Workitem) => a.test(w) || b.test(w) }));
    const not = tie('node').map((a) => ({ text: `NOT (${a.text})`, test: (w: Workitem) => !a.test(w) }));
    const shapes = options.andNot ? [atom, and, andNot, or, not] : [atom, and, or, not];
    return { node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, ...shapes) };
  }).node;
}
