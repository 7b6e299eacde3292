// The NCX workitems API over HTTP: the implementation of WorkitemsApi the extension uses.
// Every call goes through http.ts; every answer is validated before anything above sees it.
import { conversationOf, RECORDING_MAX_BYTES, RECORDING_TYPES, TranscriptAnswerSchema, type TranscriptObject } from './transcriptContract';
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
import { actionRequests, actionSpec, type ActionInput } from './actions/catalog';
import type { WorkitemAction } from './domain';
import { ListWalk, QUEUE_LIST_LIMITS, WORKITEM_WALK_LIMITS, type ListLimits } from './listWalk';
import { PATHS, SEARCH_DEFAULT_ROWS, SEARCH_MAX_ROWS, withoutTrailingSlashes } from './paths';
import type { RetryTuning } from './retryPolicy';
import {
  CampaignSchema,
  DispositionSchema,
  QueueSchema,
  UserSchema,
  type Campaign,
  type Disposition,
  type Queue,
  type User,
  type Workitem,
} from './schemas';
import {
  checkWorkitem,
  readSearchEnvelope,
  SEARCH_ENVELOPE_DESCRIPTION,
  validateSearchAnswer,
  type ValidatedPage,
} from './validation';
import type { ListOptions, Recording, RequestOptions, SearchPage, SearchParams, WorkitemsApi } from './workitemsApi';
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
  /** Caps of list walks (listWalk.ts); the defaults fit any real tenant. */
  walkLimits?: { workitems?: ListLimits; queues?: ListLimits };
  /** Default: the process's shared transport. */
  transport?: HttpConfig['transport'];
  /** The tenant's shared request budget; every client of one tenant is given the same gate. */
  gate?: HttpConfig['gate'];
}

const WORKITEM_SCHEMA_TYPE = 'workitem';
/**
 * Pages whose ids `pages()` remembers to leave out repeats. A workitem comes back only when new
 * arrivals push the list down between two requests, and only by as many positions as arrived;
 * three pages' worth is ample.
 */
const PAGES_REMEMBERED = 3;
const QUEUE_SCHEMA_TYPE = 'queue';
const USER_SCHEMA_TYPE = 'user';
const DISPOSITION_SCHEMA_TYPE = 'disposition';
const CAMPAIGN_SCHEMA_TYPE = 'campaign';
/** A picker shows the first matches as the user types; a tenant may have thousands of users. */
const USER_PICK_ROWS = 100;

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
  private readonly walkLimits: { workitems: ListLimits; queues: ListLimits };

  constructor(options: NcxClientOptions) {
    this.walkLimits = {
      workitems: options.walkLimits?.workitems ?? WORKITEM_WALK_LIMITS,
      queues: options.walkLimits?.queues ?? QUEUE_LIST_LIMITS,
    };
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
      ...(options.transport ? { transport: options.transport } : {}),
      ...(options.gate ? { gate: options.gate } : {}),
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
    const walk = new ListWalk('workitems', this.walkLimits.workitems, options?.signal);
    for (;;) {
      walk.beforePage();
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
      // Invalid objects count as new (they are reported as issues); repeats of yielded ones do not.
      if (!walk.afterPage(page.received, page.received - (page.items.length - items.length), start, page.total)) {
        return;
      }
    }
  }

  async count(q: string | undefined, options?: RequestOptions): Promise<number> {
    const page = await this.searchRaw(WORKITEM_SCHEMA_TYPE, { ...(q !== undefined ? { q } : {}), rows: 0 }, options);
    return page.total;
  }

  // Async, so that an id refused by PATHS (a dot segment) rejects like every other failure.
  async fetchWorkitem(id: string, options?: RequestOptions): Promise<Workitem> {
    return this.send('GET', PATHS.workitem(id), 'a workitem', readWorkitem, options);
  }

  /** The transcript, summary and recording references of a workitem; undefined when it has none. */
  async transcript(workitem: Pick<Workitem, 'workitemId' | 'conversationId'>, options?: RequestOptions): Promise<TranscriptObject | undefined> {
    const answer = await this.send('GET', PATHS.transcripts(conversationOf(workitem), workitem.workitemId), 'transcripts and recordings', TranscriptAnswerSchema, options);
    return answer.objects.find((object) => object.workitemId === workitem.workitemId) ?? answer.objects.find((object) => object.workitemId === undefined);
  }

  /**
   * A recording's bytes. The token goes only to the API's own host: a `url` anywhere else is
   * refused, not fetched (a server could otherwise collect tokens by pointing recordings at itself).
   */
  async recording(url: string, options?: RequestOptions): Promise<Recording> {
    const base = withoutTrailingSlashes(this.http.baseUrl);
    let target: URL;
    try {
      target = new URL(url, `${base}/`);
    } catch {
      throw new NcxError('malformed', `The recording's address is not a URL: ${url.slice(0, 200)}`);
    }
    const prefix = `${base}/`;
    if (!target.href.startsWith(prefix)) {
      throw new NcxError('badRequest', `The recording is on another host (${target.origin}); it is not fetched, so your token is not sent there.`);
    }
    return request<Recording>(this.http, {
      method: 'GET',
      path: `/${target.href.slice(prefix.length)}`,
      expected: 'a recording',
      // Never read: the bytes reader below takes the answer.
      answer: () => {
        throw new NcxError('malformed', 'a recording is not JSON');
      },
      ...(options?.signal ? { signal: options.signal } : {}),
      bytes: {
        accept: 'audio/*',
        read: (bytes, contentType) => {
          const type = (contentType ?? '').split(';')[0]?.trim() ?? '';
          if (!RECORDING_TYPES.test(type)) {
            throw new NcxError('malformed', `The recording is not audio (its content type is '${type.slice(0, 100) || 'none'}').`);
          }
          if (bytes.length > RECORDING_MAX_BYTES) {
            throw new NcxError('malformed', `The recording is ${bytes.length} bytes, more than the ${RECORDING_MAX_BYTES} shown.`);
          }
          return { bytes, contentType: type };
        },
      },
    });
  }

  /** Sends the action's requests in order (DTMF: one per digit); the input is checked first. */
  async act<A extends WorkitemAction>(
    action: A,
    id: string,
    input: ActionInput<A>,
    options?: RequestOptions,
  ): Promise<Workitem | undefined> {
    const spec = actionSpec(action);
    let answer: Workitem | undefined;
    for (const step of actionRequests(action, id, input)) {
      if (options?.signal?.aborted) {
        throw new NcxError('cancelled', `Sending ${action} to ${id} was cancelled.`);
      }
      const extra = step.body ? { body: step.body } : {};
      if (spec.answers === 'workitem') {
        answer = await this.send(step.method, step.path, 'a workitem', readWorkitem, options, extra);
      } else {
        // NCX answers `{}`; nothing in it is used, so any JSON (or none) is accepted.
        await this.send(step.method, step.path, 'an acknowledgement', z.unknown(), options, extra);
      }
    }
    return answer;
  }

  /** Every queue, page by page. A queue the schema rejects is left out rather than failing the list. */
  listQueues(options?: RequestOptions): Promise<Queue[]> {
    return this.listObjects(QUEUE_SCHEMA_TYPE, QueueSchema, undefined, options);
  }

  listUsers(q: string | undefined, options?: ListOptions): Promise<User[]> {
    return this.listObjects(USER_SCHEMA_TYPE, UserSchema, q?.trim() || undefined, options, options?.rows ?? USER_PICK_ROWS);
  }

  listDispositions(options?: RequestOptions): Promise<Disposition[]> {
    return this.listObjects(DISPOSITION_SCHEMA_TYPE, DispositionSchema, undefined, options);
  }

  listCampaigns(options?: RequestOptions): Promise<Campaign[]> {
    return this.listObjects(CAMPAIGN_SCHEMA_TYPE, CampaignSchema, undefined, options);
  }

  /**
   * The objects of a schema type, page by page up to `limit`; one the schema rejects is left out,
   * one seen before (same `_id`) is not held twice, and the walk is bounded (see listWalk.ts).
   */
  private async listObjects<T extends { _id: string }>(
    schemaType: string,
    schema: z.ZodMiniType<T>,
    q: string | undefined,
    options: RequestOptions | undefined,
    limit = Number.POSITIVE_INFINITY,
  ): Promise<T[]> {
    const objects: T[] = [];
    const seen = new Set<string>();
    let start = 0;
    const walk = new ListWalk(`${schemaType}s`, this.walkLimits.queues, options?.signal);
    for (;;) {
      walk.beforePage();
      const page = await this.send(
        'GET',
        PATHS.search(schemaType),
        SEARCH_ENVELOPE_DESCRIPTION,
        (json, answer) => readSearchEnvelope(json, (problem) => answer.malformed(problem)),
        options,
        { query: { q, rows: Math.min(SEARCH_MAX_ROWS, limit), start } },
      );
      let fresh = 0;
      for (const object of page.objects) {
        const parsed = schema.safeParse(object);
        if (parsed.success && !seen.has(parsed.data._id)) {
          seen.add(parsed.data._id);
          objects.push(parsed.data);
          fresh += 1;
        }
      }
      start += page.objects.length;
      if (objects.length >= limit || !walk.afterPage(page.objects.length, fresh, start, page.total)) {
        return objects.slice(0, limit);
      }
    }
  }
}
