// The NCX workitems API over HTTP: the implementation of WorkitemsApi the extension uses.
// Every call goes through http.ts; every answer is validated before anything above sees it.
import { NcxError } from './errors';
import { redactIssues } from './excerpt';
import {
  request,
  type Answer,
  type AnswerReader,
  type AuthScheme,
  type HttpConfig,
  type HttpMethod,
  type RequestLogEntry,
} from './http';
import { PATHS, SEARCH_DEFAULT_ROWS, SEARCH_MAX_ROWS, UNHOLD } from './paths';
import type { RetryTuning } from './retryPolicy';
import { QueueSchema, type Queue, type Workitem } from './schemas';
import {
  checkWorkitem,
  readSearchEnvelope,
  SEARCH_ENVELOPE_DESCRIPTION,
  validateSearchAnswer,
  type ValidatedPage,
} from './validation';
import type { RequestOptions, SearchPage, SearchParams, TransferOptions, WorkitemsApi } from './workitemsApi';
import { summarizeIssues } from './zodIssues';
import * as z from './zodMini';

export interface NcxClientOptions {
  /** The API's base URL: the `location` a sign-in answered, or the sandbox's URL. */
  location: string;
  /** Read before every request, so a renewed token is picked up at once. */
  token?: () => string | undefined;
  authScheme?: AuthScheme;
  /** Per request; default 15 s. */
  timeoutMs?: number;
  /** Extra attempts for reads; default 3. Actions are never repeated. */
  retries?: number;
  onRequest?: (entry: RequestLogEntry) => void;
  onExchange?: HttpConfig['onExchange'];
  /** Backoff fine-tuning (mostly for tests). */
  retryTuning?: Partial<RetryTuning>;
  maxAnswerBytes?: number;
  /** How to wait between retries (tests record the delays instead of waiting them). */
  wait?: HttpConfig['wait'];
}

const WORKITEM_SCHEMA_TYPE = 'workitem';
/**
 * Pages whose ids `pages()` remembers to leave out repeats. A workitem comes back only when new
 * arrivals push the list down between two requests, and only by as many positions as arrived;
 * three pages' worth is ample.
 */
const PAGES_REMEMBERED = 3;
const QUEUE_SCHEMA_TYPE = 'queue';

function readWorkitem(json: unknown, answer: Answer): Workitem {
  const checked = checkWorkitem(json, 0);
  if (checked.ok) {
    return checked.workitem;
  }
  throw answer.malformed(summarizeIssues(checked.issues), { issues: checked.issues });
}

function checkPaging(params: SearchParams): void {
  const { rows, start } = params;
  if (rows !== undefined && (!Number.isInteger(rows) || rows < 0 || rows > SEARCH_MAX_ROWS)) {
    throw new NcxError('badRequest', `The page size must be a whole number from 0 to ${SEARCH_MAX_ROWS}, not ${rows}.`);
  }
  if (start !== undefined && (!Number.isInteger(start) || start < 0)) {
    throw new NcxError('badRequest', `The page offset must be a whole number from 0 up, not ${start}.`);
  }
}

export class NcxClient implements WorkitemsApi {
  private readonly http: HttpConfig;

  constructor(options: NcxClientOptions) {
    this.http = {
      baseUrl: options.location,
      ...(options.token ? { token: options.token } : {}),
      ...(options.authScheme ? { authScheme: options.authScheme } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
      ...(options.onExchange ? { onExchange: options.onExchange } : {}),
      ...(options.retryTuning ? { retryTuning: options.retryTuning } : {}),
      ...(options.maxAnswerBytes !== undefined ? { maxAnswerBytes: options.maxAnswerBytes } : {}),
      ...(options.wait ? { wait: options.wait } : {}),
    };
  }

  /** The base URL this client talks to. */
  get location(): string {
    return this.http.baseUrl;
  }

  private send<T>(
    method: HttpMethod,
    path: string,
    expected: string,
    answer: AnswerReader<T>,
    options: RequestOptions | undefined,
    extra: { query?: Record<string, string | number | undefined>; body?: unknown } = {},
  ): Promise<T> {
    return request(this.http, {
      method,
      path,
      expected,
      answer,
      ...extra,
      ...(options?.signal ? { signal: options.signal } : {}),
    });
  }

  private searchRaw(schemaType: string, params: SearchParams, options: RequestOptions | undefined): Promise<ValidatedPage> {
    checkPaging(params);
    const q = params.q?.trim();
    return this.send(
      'GET',
      PATHS.search(schemaType),
      SEARCH_ENVELOPE_DESCRIPTION,
      (json, answer) => {
        const page = validateSearchAnswer(json, (problem) => answer.malformed(problem));
        return page.issues.length === 0 ? page : { ...page, issues: redactIssues(page.issues, answer.redact) };
      },
      options,
      {
        query: {
          q: q === '' ? undefined : q,
          rows: params.rows ?? SEARCH_DEFAULT_ROWS,
          start: params.start ?? 0,
          sort: params.sort,
        },
      },
    );
  }

  async search(params: SearchParams, options?: RequestOptions): Promise<SearchPage> {
    const page = await this.searchRaw(WORKITEM_SCHEMA_TYPE, params, options);
    return { items: page.items, issues: page.issues, count: page.count, total: page.total, start: params.start ?? 0 };
  }

  /**
   * Walks the pages of a query from the start. The offset moves by what each page actually held,
   * so a server that sends fewer rows than asked skips nothing. When new workitems push the list
   * down while we read, a page starts with some the walk already yielded: those are left out,
   * by the ids of the last PAGES_REMEMBERED pages. Only that window is kept, so a walk over a
   * million workitems holds as little as one over a thousand.
   */
  async *pages(params: Omit<SearchParams, 'start'>, options?: RequestOptions): AsyncGenerator<SearchPage, void, undefined> {
    const rows = params.rows ?? SEARCH_DEFAULT_ROWS;
    if (rows === 0) {
      throw new NcxError('badRequest', 'Walking pages needs a page size of at least 1; use count() for the total alone.');
    }
    const recent: Array<Set<string>> = [];
    const seenRecently = (id: string): boolean => recent.some((ids) => ids.has(id));
    let start = 0;
    for (;;) {
      if (options?.signal?.aborted) {
        throw new NcxError('cancelled', `Reading the pages of the search was cancelled.`);
      }
      const page = await this.searchRaw(WORKITEM_SCHEMA_TYPE, { ...params, rows, start }, options);
      const ids = new Set<string>();
      const items = page.items.filter((item) => {
        if (ids.has(item.workitemId) || seenRecently(item.workitemId)) {
          return false;
        }
        ids.add(item.workitemId);
        return true;
      });
      recent.push(ids);
      if (recent.length > PAGES_REMEMBERED) {
        recent.shift();
      }
      yield { items, issues: page.issues, count: page.count, total: page.total, start };
      start += page.received;
      if (page.received === 0 || start >= page.total) {
        return;
      }
    }
  }

  async count(q: string | undefined, options?: RequestOptions): Promise<number> {
    const page = await this.searchRaw(WORKITEM_SCHEMA_TYPE, { ...(q !== undefined ? { q } : {}), rows: 0 }, options);
    return page.total;
  }

  fetchWorkitem(id: string, options?: RequestOptions): Promise<Workitem> {
    return this.send('GET', PATHS.workitem(id), 'a workitem', readWorkitem, options);
  }

  hold(id: string, options?: RequestOptions): Promise<Workitem> {
    return this.send('POST', PATHS.hold(id), 'a workitem', readWorkitem, options);
  }

  unhold(id: string, options?: RequestOptions): Promise<Workitem> {
    return this.send(UNHOLD.method, UNHOLD.path(id), 'a workitem', readWorkitem, options);
  }

  hangUp(id: string, options?: RequestOptions): Promise<Workitem> {
    return this.send('POST', PATHS.hangup(id), 'a workitem', readWorkitem, options);
  }

  async transferToQueue(id: string, queueId: string, transfer: TransferOptions = {}, options?: RequestOptions): Promise<void> {
    const body = {
      inboxId: queueId,
      workitemId: id,
      ...(transfer.ringAll !== undefined ? { ringAll: transfer.ringAll } : {}),
      ...(transfer.recording !== undefined ? { recording: transfer.recording } : {}),
    };
    // NCX answers `{}`; nothing in it is used, so any JSON (or none) is accepted.
    await this.send('POST', PATHS.queueTransfer(id, queueId), 'an acknowledgement', z.unknown(), options, { body });
  }

  /** Every queue, page by page. A queue the schema rejects is left out rather than failing the list. */
  async listQueues(options?: RequestOptions): Promise<Queue[]> {
    const queues: Queue[] = [];
    let start = 0;
    for (;;) {
      const page = await this.send(
        'GET',
        PATHS.search(QUEUE_SCHEMA_TYPE),
        SEARCH_ENVELOPE_DESCRIPTION,
        (json, answer) => readSearchEnvelope(json, (problem) => answer.malformed(problem)),
        options,
        { query: { rows: SEARCH_MAX_ROWS, start } },
      );
      for (const object of page.objects) {
        const queue = QueueSchema.safeParse(object);
        if (queue.success) {
          queues.push(queue.data);
        }
      }
      start += page.objects.length;
      if (page.objects.length === 0 || start >= page.total) {
        return queues;
      }
    }
  }
}
