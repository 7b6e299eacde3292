// A WorkitemsApi whose actions wait until the test releases them, to observe what happens while
// a request is in flight. Reads are not needed by the tests that use it and fail loudly.
import type { TranscriptObject } from '../../../../src/api/transcriptContract';
import type { Recording } from '../../../../src/api/workitemsApi';
import { actionRequests, actionSpec, type ActionInput, type ActionRequest } from '../../../../src/api/actions/catalog';
import type { WorkitemAction } from '../../../../src/api/domain';
import { NcxError } from '../../../../src/api/errors';
import type { Campaign, Disposition, Queue, User, Workitem } from '../../../../src/api/schemas';
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
  readonly calls: Array<{
    action: WorkitemAction;
    id: string;
    input: object;
    requests: readonly ActionRequest[];
    queueId?: string;
    answer: Deferred<Workitem>;
  }> = [];
  users: User[] = [];
  dispositions: Disposition[] = [];

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

  /** Records the requests the catalog declares for the action; the test settles the answer. */
  async act<A extends WorkitemAction>(action: A, id: string, input: ActionInput<A>): Promise<Workitem | undefined> {
    const requests = actionRequests(action, id, input);
    const answer = await this.record(action, id, input, requests);
    return actionSpec(action).answers === 'workitem' ? answer : undefined;
  }

  async listQueues(): Promise<Queue[]> {
    return this.queues;
  }

  async listUsers(): Promise<User[]> {
    return this.users;
  }

  async listDispositions(): Promise<Disposition[]> {
    return this.dispositions;
  }

  async listCampaigns(): Promise<Campaign[]> {
    return [];
  }

  async transcript(): Promise<TranscriptObject | undefined> {
    return undefined;
  }

  async recording(): Promise<Recording> {
    throw new Error('no recordings in the command tests');
  }

  private record(action: WorkitemAction, id: string, input: object, requests: readonly ActionRequest[]): Promise<Workitem> {
    const answer = deferred<Workitem>();
    const queueId = 'queueId' in input && typeof input.queueId === 'string' ? input.queueId : undefined;
    this.calls.push({ action, id, input, requests, answer, ...(queueId !== undefined ? { queueId } : {}) });
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
