// A WorkitemsApi that passes every call on and records what it was for, so a test can tell the
// change-feed requests from counts and workitem pages, and can alter one answer on purpose.
import type { TranscriptObject } from '../../../../src/api/transcriptContract';
import type { Recording } from '../../../../src/api/workitemsApi';
import type { ActionInput } from '../../../../src/api/actions/catalog';
import type { WorkitemAction } from '../../../../src/api/domain';
import type { Campaign, Disposition, Queue, User, Workitem } from '../../../../src/api/schemas';
import type { RequestOptions, SearchPage, SearchParams, WorkitemsApi } from '../../../../src/api/workitemsApi';
import { searchPurposeOf } from './searchPurpose';

export interface RecordedCall {
  readonly kind: 'feed' | 'probe' | 'feed+audit' | 'page' | 'count' | 'other';
  readonly q?: string;
}

export class RecordingApi implements WorkitemsApi {
  readonly calls: RecordedCall[] = [];
  /** Applied to the next feed answer (with or without an audit) only, then cleared. */
  alterNextFeed: ((page: SearchPage) => SearchPage) | undefined;

  constructor(private readonly inner: WorkitemsApi) {}

  kinds(): string[] {
    return this.calls.map((call) => call.kind);
  }

  reset(): void {
    this.calls.length = 0;
  }

  async search(params: SearchParams, options?: RequestOptions): Promise<SearchPage> {
    const purpose = searchPurposeOf(params);
    const kind = purpose === 'rows' ? 'page' : purpose;
    this.calls.push({ kind, q: params.q });
    const page = await this.send(params, options);
    const alter = kind === 'feed' || kind === 'feed+audit' ? this.alterNextFeed : undefined;
    if (alter) {
      this.alterNextFeed = undefined;
      return alter(page);
    }
    return page;
  }

  /** Sends a recorded search on (a subclass may act around it). */
  protected send(params: SearchParams, options?: RequestOptions): Promise<SearchPage> {
    return this.inner.search(params, options);
  }

  pages(params: Omit<SearchParams, 'start'>, options?: RequestOptions): AsyncIterable<SearchPage> {
    this.calls.push({ kind: 'other' });
    return this.inner.pages(params, options);
  }

  count(q: string | undefined, options?: RequestOptions): Promise<number> {
    this.calls.push({ kind: 'count', q });
    return this.inner.count(q, options);
  }

  fetchWorkitem(id: string, options?: RequestOptions): Promise<Workitem> {
    this.calls.push({ kind: 'other' });
    return this.inner.fetchWorkitem(id, options);
  }

  act<A extends WorkitemAction>(action: A, id: string, input: ActionInput<A>, options?: RequestOptions): Promise<Workitem | undefined> {
    return this.inner.act(action, id, input, options);
  }

  listQueues(options?: RequestOptions): Promise<Queue[]> {
    return this.inner.listQueues(options);
  }

  listUsers(q: string | undefined, options?: RequestOptions): Promise<User[]> {
    return this.inner.listUsers(q, options);
  }

  listDispositions(options?: RequestOptions): Promise<Disposition[]> {
    return this.inner.listDispositions(options);
  }

  listCampaigns(options?: RequestOptions): Promise<Campaign[]> {
    return this.inner.listCampaigns(options);
  }

  transcript(workitem: Pick<Workitem, 'workitemId' | 'conversationId'>, options?: RequestOptions): Promise<TranscriptObject | undefined> {
    this.calls.push({ kind: 'other' });
    return this.inner.transcript(workitem, options);
  }

  recording(url: string, options?: RequestOptions): Promise<Recording> {
    this.calls.push({ kind: 'other' });
    return this.inner.recording(url, options);
  }
}
