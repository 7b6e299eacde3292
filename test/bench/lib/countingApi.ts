// A WorkitemsApi that passes every call to a real client and tallies them by kind, so a refresh
// cycle's requests can be broken down (counts vs pages). The client's own onRequest report stays
// the authority on HTTP requests; this only says what they were for.
import type { TranscriptObject } from '../../../src/api/transcriptContract';
import type { Recording } from '../../../src/api/workitemsApi';
import type { ActionInput } from '../../../src/api/actions/catalog';
import type { WorkitemAction } from '../../../src/api/domain';
import type { Campaign, Disposition, Queue, User, Workitem } from '../../../src/api/schemas';
import type { RequestOptions, SearchPage, SearchParams, WorkitemsApi } from '../../../src/api/workitemsApi';
import { searchPurposeOf, type SearchPurpose } from '../../unit/model/support/searchPurpose';

export interface CallTally {
  counts: number;
  searches: number;
  other: number;
}

/** What a search or count was for, read from its parameters. */
export type CallKind = SearchPurpose | 'count';

export class CountingApi implements WorkitemsApi {
  readonly tally: CallTally = { counts: 0, searches: 0, other: 0 };
  /** Searches and counts in the order sent, by what they were for (cleared by the caller). */
  readonly log: CallKind[] = [];

  constructor(private readonly inner: WorkitemsApi) {}

  snapshot(): CallTally {
    return { ...this.tally };
  }

  search(params: SearchParams, options?: RequestOptions): Promise<SearchPage> {
    this.tally.searches++;
    this.log.push(searchPurposeOf(params));
    return this.inner.search(params, options);
  }

  pages(params: Omit<SearchParams, 'start'>, options?: RequestOptions): AsyncIterable<SearchPage> {
    this.tally.other++;
    return this.inner.pages(params, options);
  }

  count(q: string | undefined, options?: RequestOptions): Promise<number> {
    this.tally.counts++;
    this.log.push('count');
    return this.inner.count(q, options);
  }

  fetchWorkitem(id: string, options?: RequestOptions): Promise<Workitem> {
    this.tally.other++;
    return this.inner.fetchWorkitem(id, options);
  }

  act<A extends WorkitemAction>(action: A, id: string, input: ActionInput<A>, options?: RequestOptions): Promise<Workitem | undefined> {
    this.tally.other++;
    return this.inner.act(action, id, input, options);
  }

  listQueues(options?: RequestOptions): Promise<Queue[]> {
    this.tally.other++;
    return this.inner.listQueues(options);
  }

  listUsers(q: string | undefined, options?: RequestOptions): Promise<User[]> {
    this.tally.other++;
    return this.inner.listUsers(q, options);
  }

  listDispositions(options?: RequestOptions): Promise<Disposition[]> {
    this.tally.other++;
    return this.inner.listDispositions(options);
  }

  listCampaigns(options?: RequestOptions): Promise<Campaign[]> {
    this.tally.other++;
    return this.inner.listCampaigns(options);
  }

  transcript(workitem: Pick<Workitem, 'workitemId' | 'conversationId'>, options?: RequestOptions): Promise<TranscriptObject | undefined> {
    this.tally.other++;
    return this.inner.transcript(workitem, options);
  }

  recording(url: string, options?: RequestOptions): Promise<Recording> {
    this.tally.other++;
    return this.inner.recording(url, options);
  }
}
