// A compiled query as a plain test of one workitem: what the store runs on the candidates its
// indexes cannot decide, and what a linear scan runs on every workitem.
import type { Workitem } from '../../api/schemas';
import type { QueryNode } from './compile';

export type WorkitemPredicate = (workitem: Workitem) => boolean;

export function predicateOf(node: QueryNode): WorkitemPredicate {
  switch (node.kind) {
    case 'all':
      return () => true;
    case 'and': {
      const children = node.children.map(predicateOf);
      return (workitem) => children.every((child) => child(workitem));
    }
    case 'or': {
      const children = node.children.map(predicateOf);
      return (workitem) => children.some((child) => child(workitem));
    }
    case 'not': {
      const child = predicateOf(node.child);
      return (workitem) => !child(workitem);
    }
    case 'match': {
      const { field, matcher } = node;
      const test = (value: unknown): boolean => matcher.test(value);
      const matches = field.matches;
      return matches ? (workitem) => matches(workitem, test) : (workitem) => matcher.test(field.read(workitem));
    }
  }
}
