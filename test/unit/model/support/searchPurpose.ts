// What a search the model sends is for, read back from the parameters the change feed's builders
// write (src/model/changeFeed/changeFeed.ts): the test doubles and benchmarks count requests by it.
import type { SearchParams } from '../../../../src/api/workitemsApi';

/** 'feed+audit': a feed page that carries the audit of one group's count (auditedFeed.ts). */
export type SearchPurpose = 'feed' | 'probe' | 'feed+audit' | 'rows';

export function searchPurposeOf(params: SearchParams): SearchPurpose {
  if (params.sort === 'modifiedAt asc') {
    return 'feed';
  }
  if (params.sort === 'modifiedAt desc') {
    return params.q === undefined ? 'probe' : 'feed+audit';
  }
  return 'rows';
}
