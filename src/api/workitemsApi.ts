// The contract between the API client and everything above it (model, tree, webview, commands).
// The client in client.ts implements it; tests and the model may use any implementation.
import type { TranscriptObject } from './transcriptContract';
import type { ActionInput } from './actions/catalog';
import type { WorkitemAction } from './domain';
import type { Campaign, Disposition, Queue, User, Workitem } from './schemas';

export interface SearchParams {
  /** Query in the NCX `q` syntax, e.g. `state:active AND channelType:voice`; omitted = everything. */
  q?: string;
  /** Page size: default 100, at most 1000; 0 asks only for the total. */
  rows?: number;
  /** Item offset of the page. */
  start?: number;
  /** e.g. `createdAt desc`, `priority desc,createdAt asc`. */
  sort?: string;
}

/** One validation problem of one workitem in an answer. */
export interface ValidationIssue {
  /** The workitem's id when it had a readable one, otherwise `#<index in page>`. */
  workitemId: string;
  /** Dotted path of the field, e.g. `timeEvents.3.timestamp`. */
  path: string;
  expected: string;
  /** A short rendering of what came (truncated). */
  received: string;
}

export interface SearchPage {
  /** Valid workitems of the page, in server order. */
  items: Workitem[];
  /** Problems of the workitems left out of `items`. */
  issues: ValidationIssue[];
  /** `count` and `total` as the server sent them. */
  count: number;
  total: number;
  start: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface ListOptions extends RequestOptions {
  rows?: number;
}

export interface WorkitemsApi {
  search(params: SearchParams, options?: RequestOptions): Promise<SearchPage>;
  /** Walks every page of a query; pages already yielded are not kept. */
  pages(params: Omit<SearchParams, 'start'>, options?: RequestOptions): AsyncIterable<SearchPage>;
  /** The number of workitems matching `q` (one request with rows=0). */
  count(q: string | undefined, options?: RequestOptions): Promise<number>;
  fetchWorkitem(id: string, options?: RequestOptions): Promise<Workitem>;
  /**
   * Sends an action's requests as ACTION_CATALOG declares them. Answers the workitem when NCX does
   * (hold, hang up…), undefined when it answers `{}` (transfers, priority).
   */
  act<A extends WorkitemAction>(action: A, id: string, input: ActionInput<A>, options?: RequestOptions): Promise<Workitem | undefined>;
  listQueues(options?: RequestOptions): Promise<Queue[]>;
  /** Users matching `q` (loose, as NCX's `q` is), at most `rows` (a picker's worth unless asked). */
  listUsers(q: string | undefined, options?: ListOptions): Promise<User[]>;
  listDispositions(options?: RequestOptions): Promise<Disposition[]>;
  listCampaigns(options?: RequestOptions): Promise<Campaign[]>;
  /** Transcript, summary and recording references (see transcriptContract.ts); undefined when none. */
  transcript(workitem: Pick<Workitem, 'workitemId' | 'conversationId'>, options?: RequestOptions): Promise<TranscriptObject | undefined>;
  /** A recording's bytes, from the API's own host only. */
  recording(url: string, options?: RequestOptions): Promise<Recording>;
}

export interface Recording {
  bytes: Uint8Array;
  /** `audio/…` */
  contentType: string;
}
