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
    hold: (id, options) => watch(() => api.hold(id, options)),
    unhold: (id, options) => watch(() => api.unhold(id, options)),
    hangUp: (id, options) => watch(() => api.hangUp(id, options)),
    transferToQueue: (id, queueId, transfer, options) =>
      watch(() => api.transferToQueue(id, queueId, transfer, options)),
    listQueues: (options) => watch(() => api.listQueues(options)),
  };
}
