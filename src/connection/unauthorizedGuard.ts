// Every caller of the API (tree, panels, commands) would otherwise need its own "the token was
// rejected" branch; the connection wraps the client once and learns about every 401 here.
import { isNcxError } from '../api/errors';
import type { WorkitemsApi } from '../api/workitemsApi';

export function guardUnauthorized(api: WorkitemsApi, onUnauthorized: (error: Error) => void): WorkitemsApi {
  const watch = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (isNcxError(error) && error.kind === 'unauthorized') {
        onUnauthorized(error);
      }
      throw error;
    }
  };
  return {
    search: (params, options) => watch(() => api.search(params, options)),
    async *pages(params, options) {
      const iterator = api.pages(params, options)[Symbol.asyncIterator]();
      try {
        for (;;) {
          const next = await watch(() => iterator.next());
          if (next.done) {
            return;
          }
          yield next.value;
        }
      } finally {
        await iterator.return?.();
      }
    },
    count: (q, options) => watch(() => api.count(q, options)),
    fetchWorkitem: (id, options) => watch(() => api.fetchWorkitem(id, options)),
    act: (action, id, input, options) => watch(() => api.act(action, id, input, options)),
    listQueues: (options) => watch(() => api.listQueues(options)),
    listUsers: (q, options) => watch(() => api.listUsers(q, options)),
    listDispositions: (options) => watch(() => api.listDispositions(options)),
    listCampaigns: (options) => watch(() => api.listCampaigns(options)),
    transcript: (workitem, options) => watch(() => api.transcript(workitem, options)),
    recording: (url, options) => watch(() => api.recording(url, options)),
  };
}
