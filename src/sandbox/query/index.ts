export { compileQuery, type QueryNode } from './compile';
export { predicateOf, type WorkitemPredicate } from './predicate';
export { parseQuery } from './parse';
export { QUERY_FIELDS, freeTextField, type FieldKind, type FieldSpec } from './fields';
export { type Interval, type Matcher } from './matchers';
export { DEFAULT_SORT, SORT_FIELDS, compareNatural, compareValues, parseSort, type SortField, type SortKey } from './sort';
export { checkPaging, type Paging } from './paging';
