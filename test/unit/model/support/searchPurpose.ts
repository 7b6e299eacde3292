// What a search the model sends is for, read back from the parameters the change feed's builders
// write (src/model/changeFeed/changeFeed.ts): the test doubles and benchmarks count requests by it.
import type { SearchParams } from '../../../../src/api/workitemsApi';

export type SearchPurpose = 'feed' | 'probe' | 'audit' | 'rows';

export function searchPurposeOf(params: SearchParams): SearchPurpose {
  if (params.sort === 'modifiedAt asc') {
    return 'feed';
  }
  if (params.sort === 'modifiedAt desc') {
    return params.q === undefined ? 'probe' : 'audit';
  }
  return 'rows';
}
