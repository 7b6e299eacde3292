// A WorkitemsApi that asks for the real one on every call, so the tree can be built before the
// connection exists (the sandbox starts, the user signs in later) and a connect failure reaches
// the tree as the error of the fetch that needed it.
import type { Queue, Workitem } from '../api/schemas';
import type { RequestOptions, SearchPage, SearchParams, WorkitemsApi } from '../api/workitemsApi';

export function deferredWorkitemsApi(getApi: () => Promise<WorkitemsApi>): WorkitemsApi {
  return {
    async search(params: SearchParams, options?: RequestOptions): Promise<SearchPage> {
      return (await getApi()).search(params, options);
    },
    async *pages(params: Omit<SearchParams, 'start'>, options?: RequestOptions): AsyncIterable<SearchPage> {
      yield* (await getApi()).pages(params, options);
    },
    async count(q: string | undefined, options?: RequestOptions): Promise<number> {
      return (await getApi()).count(q, options);
    },
    async fetchWorkitem(id: string, options?: RequestOptions): Promise<Workitem> {
      return (await getApi()).fetchWorkitem(id, options);
    },
    async act(action, id, input, options) {
      return (await getApi()).act(action, id, input, options);
    },
    async listQueues(options?: RequestOptions): Promise<Queue[]> {
      return (await getApi()).listQueues(options);
    },
    async listUsers(q, options) {
      return (await getApi()).listUsers(q, options);
    },
    async listDispositions(options) {
      return (await getApi()).listDispositions(options);
    },
    async listCampaigns(options) {
      return (await getApi()).listCampaigns(options);
    },
    async transcript(workitem, options) {
      return (await getApi()).transcript(workitem, options);
    },
    async recording(url, options) {
      return (await getApi()).recording(url, options);
    },
  };
}
