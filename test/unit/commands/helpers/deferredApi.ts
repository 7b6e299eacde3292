// A WorkitemsApi whose actions wait until the test releases them, to observe what happens while
// a request is in flight. Reads are not needed by the tests that use it and fail loudly.
import { NcxError } from '../../../../src/api/errors';
import type { Queue, Workitem } from '../../../../src/api/schemas';
import type { SearchPage, WorkitemsApi } from '../../../../src/api/workitemsApi';

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export class DeferredActionsApi implements WorkitemsApi {
  /** Each action call, in order, with the promise the test settles. */
  readonly calls: Array<{ action: string; id: string; queueId?: string; answer: Deferred<Workitem> }> = [];

  constructor(private readonly queues: Queue[] = []) {}

  search(): Promise<SearchPage> {
    return Promise.reject(new Error('search is not part of this fake'));
  }

  async *pages(): AsyncIterable<SearchPage> {
    throw new Error('pages is not part of this fake');
  }

  count(): Promise<number> {
    return Promise.reject(new Error('count is not part of this fake'));
  }

  fetchWorkitem(_id: string): Promise<Workitem> {
    return Promise.reject(new Error('fetchWorkitem is not part of this fake'));
  }

  hold(id: string): Promise<Workitem> {
    return this.record('hold', id);
  }

  unhold(id: string): Promise<Workitem> {
    return this.record('unhold', id);
  }

  hangUp(id: string): Promise<Workitem> {
    return this.record('hangup', id);
  }

  async transferToQueue(id: string, queueId: string): Promise<void> {
    await this.record('transfer', id, queueId);
  }

  async listQueues(): Promise<Queue[]> {
    return this.queues;
  }

  private record(action: string, id: string, queueId?: string): Promise<Workitem> {
    const answer = deferred<Workitem>();
    this.calls.push({ action, id, queueId, answer });
    return answer.promise;
  }
}

/** The deferred fake, plus `fetchWorkitem` answered from a fixed set (404 for the rest). */
export class KnownWorkitemsApi extends DeferredActionsApi {
  readonly fetched: string[] = [];

  constructor(private readonly known: readonly Workitem[], queues: Queue[] = []) {
    super(queues);
  }

  override async fetchWorkitem(id: string): Promise<Workitem> {
    this.fetched.push(id);
    const found = this.known.find((workitem) => workitem.workitemId === id);
    if (!found) {
      throw new NcxError('notFound', `Nothing was found at GET /users/api/workitems/${id}.`, { status: 404 });
    }
    return found;
  }
}
