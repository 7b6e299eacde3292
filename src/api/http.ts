// The one way this client talks HTTP. Every call goes through `request`, so timeouts,
// cancellation, the size cap, retries, error mapping and the request log behave the same for all.
import type { RateGate } from './rateGate';
import { ClientRequest, type IncomingMessage } from 'node:http';
import { NcxError, type NcxErrorDetails, type NcxErrorKind } from './errors';
import { redactIssues, withoutSecrets } from './excerpt';
import { reportExchange, type HttpExchange } from './exchange';
import {
  cancelledError,
  errorForStatus,
  malformedError,
  networkError,
  timeoutError,
  tooLargeError,
  type HeaderReader,
  type RequestContext,
} from './httpErrors';
import { withoutTrailingSlashes } from './paths';
import { DEFAULT_RETRY_TUNING, retryDelayMs, sleep, type RetryTuning } from './retryPolicy';
import { tokenHeaderProblem } from './token';
import { sharedTransport, type Transport } from './transport';
import { describeZodIssues } from './zodIssues';
import * as z from './zodMini';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `bearer` sends `Authorization: Bearer <token>`; `raw` sends the bare token, as live NCX clients do. */
export type AuthScheme = 'bearer' | 'raw';

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_ANSWER_BYTES = 50 * 1024 * 1024;

/** One attempt, for the log. Never contains the token, the headers or the query string. */
export interface RequestLogEntry {
  method: HttpMethod;
  path: string;
  status?: number;
  durationMs: number;
  error?: NcxErrorKind;
  /** 1 for the first try, 2 for the first retry... */
  attempt: number;
}

export interface HttpConfig {
  /** Where the API lives, e.g. `https://cluster.example.com` (a path prefix is kept). */
  baseUrl: string;
  /** Read at every attempt, so a token renewed meanwhile is used by the retry. */
  token?: () => string | undefined;
  authScheme?: AuthScheme;
  /** Per attempt, including reading the answer. */
  timeoutMs?: number;
  /** Extra attempts for a read; overrides `retryTuning.retries`. */
  retries?: number;
  retryTuning?: Partial<RetryTuning>;
  maxAnswerBytes?: number;
  onRequest?: (entry: RequestLogEntry) => void;
  /** Every attempt with its headers and bodies, credentials replaced (the request inspector). */
  onExchange?: (exchange: HttpExchange) => void;
  /** How to wait between retries; tests replace it to see the delays without waiting them. */
  wait?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  /** Keep-alive agents, proxy and certificates; default: the process's shared transport. */
  transport?: Transport;
  /** The tenant's shared request budget: a 429 slows every request through it (see rateGate.ts). */
  gate?: RateGate;
}

/** What a reader gets besides the JSON: a way to say the answer is not what it should be. */
export interface Answer {
  status: number;
  /** A malformed error for this answer; `problem` says what is wrong in a few words. */
  malformed(problem: string, details?: NcxErrorDetails): NcxError;
  /** `text` without the request's credentials, for anything a reader quotes from the answer. */
  redact(text: string): string;
}

/**
 * Validates the parsed JSON of a 2xx answer (`undefined` when the body was empty). Any zod schema
 * will do, from zod/mini or the full build: both are read through zod's shared core.
 */
export type AnswerReader<T> = z.core.$ZodType<T> | ((json: unknown, answer: Answer) => T);

export interface HttpRequest<T> {
  method: HttpMethod;
  /** Starts with `/`; already encoded (see paths.ts). */
  path: string;
  query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** A complete Authorization value (e.g. HTTP Basic) used instead of the token. */
  authorization?: string;
  /** More strings that must never appear in an error message, e.g. a password. */
  secrets?: readonly string[];
  /** What the answer should be, for messages: e.g. `a workitem`. */
  expected: string;
  answer: AnswerReader<T>;
  /**
   * For an answer that is not JSON (a recording): its bytes and content type go here instead of
   * `answer`, and `accept` is what the request asks for.
   */
  bytes?: { accept: string; read(bytes: Buffer, contentType: string | null): T };
}

interface Prepared {
  url: URL;
  context: RequestContext;
  timeoutMs: number;
  maxAnswerBytes: number;
}

function isZodSchema<T>(reader: AnswerReader<T>): reader is z.core.$ZodType<T> {
  return typeof reader === 'object' && reader !== null && '_zod' in reader;
}

function prepare<T>(config: HttpConfig, call: HttpRequest<T>): Prepared {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let base: URL;
  try {
    base = new URL(config.baseUrl);
  } catch {
    base = new URL('invalid:');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    // Credentials written into the location stay out of the message.
    const shown = config.baseUrl.replace(/\/\/[^/@]*@/, '//');
    throw new NcxError(
      'network',
      `The location '${shown}' is not an http:// or https:// address; check the connection settings.`,
      { request: `${call.method} ${call.path}` },
    );
  }
  const url = new URL(withoutTrailingSlashes(base.href) + call.path);
  for (const [name, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) {
      url.searchParams.set(name, String(value));
    }
  }
  return {
    url,
    context: { method: call.method, path: call.path, origin: base.origin, timeoutMs },
    timeoutMs,
    maxAnswerBytes: config.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES,
  };
}

function authorizationFor<T>(config: HttpConfig, call: HttpRequest<T>, token: string | undefined): string | undefined {
  if (call.authorization !== undefined) {
    return call.authorization;
  }
  if (token === undefined || token === '') {
    return undefined;
  }
  return config.authScheme === 'raw' ? token : `Bearer ${token}`;
}

function readAnswer<T>(
  call: HttpRequest<T>,
  status: number,
  text: string,
  context: RequestContext,
  secrets: readonly (string | undefined)[],
): T {
  // A server may echo the credentials back in the very values a problem quotes.
  const redact = (value: string): string => withoutSecrets(value, secrets);
  const malformed = (problem: string, details: NcxErrorDetails = {}): NcxError =>
    malformedError(context, call.expected, redact(problem), redact(text), {
      status,
      ...details,
      ...(details.issues ? { issues: redactIssues(details.issues, redact) } : {}),
    });
  let json: unknown;
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      throw malformed('it is not JSON');
    }
  }
  if (!isZodSchema(call.answer)) {
    return call.answer(json, { status, malformed, redact });
  }
  const parsed = z.safeParse(call.answer, json);
  if (!parsed.success) {
    throw malformed(describeZodIssues(parsed.error.issues, json));
  }
  return parsed.data;
}

function classifyFailure(
  error: unknown,
  why: 'timeout' | 'cancelled' | undefined,
  prepared: Prepared,
): NcxError {
  if (error instanceof NcxError) {
    return error;
  }
  if (why === 'timeout') {
    return timeoutError(prepared.context);
  }
  if (why === 'cancelled') {
    return cancelledError(prepared.context);
  }
  return networkError(error, prepared.context);
}

interface RawAnswer {
  status: number;
  bytes: Buffer;
  /** Read by name for error mapping, walked whole for the request inspector. */
  headers: HeaderReader & { forEach(callback: (value: string, name: string) => void): void };
  text: string;
}

function headerReader(message: IncomingMessage): RawAnswer['headers'] {
  const joined = (value: string | string[] | undefined): string | null =>
    value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  return {
    get: (name: string) => joined(message.headers[name.toLowerCase()]),
    forEach(callback) {
      for (const [name, value] of Object.entries(message.headers)) {
        const text = joined(value);
        if (text !== null) callback(text, name);
      }
    },
  };
}

/**
 * One exchange on one of the transport's kept-alive connections. A body cut short (the
 * connection closed before Content-Length or the last chunk) fails at once with Node's own
 * `aborted` error, so no watch of the socket is needed.
 */
function exchange(
  prepared: Prepared,
  transport: Transport,
  method: HttpMethod,
  headers: Record<string, string>,
  body: string | undefined,
  signal: AbortSignal,
): Promise<RawAnswer> {
  const { url, maxAnswerBytes, context } = prepared;
  return new Promise<RawAnswer>((resolve, reject) => {
    // `ClientRequest` itself, not `http(s).request`: see transport.ts for why.
    const outgoing = new ClientRequest({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || (url.protocol === 'https:' ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method,
      headers: body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      agent: transport.agentFor(url),
    });
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      outgoing.destroy();
      reject(error);
    };
    const onAbort = (): void => fail(new Error('aborted by the caller'));
    signal.addEventListener('abort', onAbort, { once: true });
    // A reset on a reused connection may mean the server closed it while idle, or that it took
    // the request and died: an action cannot tell which, so it is not sent again (reads retry).
    // Idle connections close after 4 s on this side, before common server keep-alive timeouts.
    outgoing.once('error', fail);
    outgoing.once('response', (incoming) => {
      const declared = Number(incoming.headers['content-length'] ?? NaN);
      if (declared > maxAnswerBytes) {
        incoming.destroy();
        fail(tooLargeError(maxAnswerBytes, context));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxAnswerBytes) {
          incoming.destroy();
          fail(tooLargeError(maxAnswerBytes, context));
          return;
        }
        chunks.push(chunk);
      });
      incoming.once('error', (error: Error & { code?: string }) => {
        // Node reports a body cut short as 'aborted' (ECONNRESET); say so in the usual words.
        fail(error.message === 'aborted' ? Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }) : error);
      });
      incoming.once('end', () => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        const bytes = Buffer.concat(chunks);
        resolve({ status: incoming.statusCode ?? 0, headers: headerReader(incoming), bytes, text: bytes.toString('utf8') });
      });
    });
    outgoing.end(body);
  });
}

async function attemptOnce<T>(
  config: HttpConfig,
  call: HttpRequest<T>,
  prepared: Prepared,
  attempt: number,
): Promise<T> {
  const token = config.token?.();
  const authorization = authorizationFor(config, call, token);
  const unusable = call.authorization === undefined && token !== undefined ? tokenHeaderProblem(token) : undefined;
  if (unusable !== undefined) {
    // Not a network problem and not worth a retry: the same token fails the same way every time.
    throw new NcxError('unauthorized', `The token contains ${unusable}, so it cannot be sent in an HTTP header: sign in again.`, {
      request: `${call.method} ${call.path}`,
    });
  }
  const secrets = [token, authorization, ...(call.secrets ?? [])];
  const headers: Record<string, string> = { Accept: call.bytes?.accept ?? 'application/json' };
  if (authorization !== undefined) {
    headers['Authorization'] = authorization;
  }
  let body: string | undefined;
  if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers['Content-Type'] = 'application/json';
  }

  const controller = new AbortController();
  let why: 'timeout' | 'cancelled' | undefined;
  const timer = setTimeout(() => {
    why = 'timeout';
    controller.abort();
  }, prepared.timeoutMs);
  const onCancel = (): void => {
    why ??= 'cancelled';
    controller.abort();
  };
  call.signal?.addEventListener('abort', onCancel, { once: true });

  const started = performance.now();
  const startedAt = Date.now();
  let answered: { headers: RawAnswer['headers']; text?: string } | undefined;
  let status: number | undefined;
  let failure: NcxError | undefined;
  try {
    // A redirect would carry the token to wherever the server points (another port, a
    // subdomain); the API never redirects, so a 3xx is reported as the answer it is.
    const answer = await exchange(prepared, config.transport ?? sharedTransport, call.method, headers, body, controller.signal);
    status = answer.status;
    // Bytes that are not text (a recording) are logged as their size, not as mojibake.
    const ok2xx = answer.status >= 200 && answer.status < 300;
    answered = { headers: answer.headers, text: call.bytes && ok2xx ? `[${answer.bytes.length} bytes, ${answer.headers.get('content-type') ?? 'no content type'}]` : answer.text };
    const ok = status >= 200 && status < 300;
    if (!ok) {
      throw errorForStatus(status, answer.headers, withoutSecrets(answer.text, secrets), prepared.context);
    }
    try {
      if (call.bytes) return call.bytes.read(answer.bytes, answer.headers.get('content-type'));
      return readAnswer(call, status, answer.text, prepared.context, secrets);
    } catch (error) {
      // A fault of ours while reading an answer that did arrive is not a network problem, and
      // reading the same answer again would fail the same way: it is reported as malformed.
      throw error instanceof NcxError
        ? error
        : malformedError(prepared.context, call.expected, `it could not be read (${error instanceof Error ? error.message : 'unknown error'})`, withoutSecrets(answer.text, secrets), { status, cause: error });
    }
  } catch (error) {
    failure = classifyFailure(error, why, prepared);
    throw failure;
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener('abort', onCancel);
    report(config, {
      method: call.method,
      path: call.path,
      ...(status !== undefined ? { status } : {}),
      durationMs: Math.round(performance.now() - started),
      ...(failure ? { error: failure.kind } : {}),
      attempt,
    });
    reportExchange(config.onExchange, () => ({
      startedAt, method: call.method, url: prepared.url.href, headers, ...(body !== undefined ? { body } : {}),
      ...(token !== undefined ? { token } : {}), secrets, ...(status !== undefined ? { status } : {}),
      ...(answered ? { responseHeaders: answered.headers, responseText: answered.text ?? '' } : {}),
      durationMs: Math.round(performance.now() - started), attempt, ...(failure ? { error: failure.kind } : {}),
    }));
  }
}

function report(config: HttpConfig, entry: RequestLogEntry): void {
  try {
    config.onRequest?.(entry);
  } catch {
    // The log must never be the reason a request fails.
  }
}

/**
 * Sends one request and returns its validated answer, or throws an NcxError. A GET is retried
 * on 429 / 502 / 503 / 504 and network errors; every other method is sent exactly once.
 */
export async function request<T>(config: HttpConfig, call: HttpRequest<T>): Promise<T> {
  const prepared = prepare(config, call);
  if (call.signal?.aborted) {
    throw cancelledError(prepared.context);
  }
  const tuning: RetryTuning = {
    ...DEFAULT_RETRY_TUNING,
    ...config.retryTuning,
    ...(config.retries !== undefined ? { retries: config.retries } : {}),
  };
  const cancelled = (): NcxError => cancelledError(prepared.context);
  const wait = config.wait ?? ((ms: number, signal: AbortSignal | undefined) => sleep(ms, signal, cancelled));
  const gate = config.gate;
  for (let attempt = 1; ; attempt += 1) {
    const startedAt = gate ? await gate.pass((ms) => wait(ms, call.signal)) : 0;
    if (call.signal?.aborted) {
      throw cancelledError(prepared.context);
    }
    try {
      const answer = await attemptOnce(config, call, prepared, attempt);
      gate?.served(startedAt);
      return answer;
    } catch (error) {
      if (gate && error instanceof NcxError) {
        if (error.kind === 'rateLimited') {
          // Every request to this tenant waits now; this one goes again through the gate's queue.
          const pause = gate.slowDown(error.details.retryAfterMs);
          if (pause !== undefined && call.method === 'GET' && attempt <= tuning.retries) continue;
          throw error;
        }
        if (error.details.status !== undefined) gate.served(startedAt);
      }
      if (!(error instanceof NcxError) || call.method !== 'GET') {
        throw error;
      }
      const delay = retryDelayMs(error, attempt, tuning);
      if (delay === undefined) {
        throw error;
      }
      await wait(delay, call.signal);
      if (call.signal?.aborted) {
        throw cancelledError(prepared.context);
      }
    }
  }
}
