// The one way this client talks HTTP. Every call goes through `request`, so timeouts,
// cancellation, the size cap, retries, error mapping and the request log behave the same for all.
import fetch from 'node-fetch';
import { ConnectionWatch } from './connectionWatch';
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
  type RequestContext,
} from './httpErrors';
import { DEFAULT_RETRY_TUNING, retryDelayMs, sleep, type RetryTuning } from './retryPolicy';
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
}

interface Prepared {
  url: string;
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
  const url = new URL(base.href.replace(/\/+$/, '') + call.path);
  for (const [name, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) {
      url.searchParams.set(name, String(value));
    }
  }
  return {
    url: url.href,
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
  if (typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'max-size') {
    return tooLargeError(prepared.maxAnswerBytes, prepared.context);
  }
  return networkError(error, prepared.context);
}

async function attemptOnce<T>(
  config: HttpConfig,
  call: HttpRequest<T>,
  prepared: Prepared,
  attempt: number,
): Promise<T> {
  const token = config.token?.();
  const authorization = authorizationFor(config, call, token);
  const secrets = [token, authorization, ...(call.secrets ?? [])];
  const headers: Record<string, string> = { Accept: 'application/json' };
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

  const connection = new ConnectionWatch(prepared.url);
  const started = performance.now();
  const startedAt = Date.now();
  let answered: { headers: fetch.Headers; text?: string } | undefined;
  let status: number | undefined;
  let failure: NcxError | undefined;
  try {
    const response = await fetch(prepared.url, {
      method: call.method,
      headers,
      body,
      signal: controller.signal,
      size: prepared.maxAnswerBytes,
      agent: connection.agent,
      // A redirect would carry the token to wherever the server points (another port, a
      // subdomain); the API never redirects, so a 3xx is reported as the answer it is.
      redirect: 'manual',
    });
    status = response.status;
    answered = { headers: response.headers };
    const declaredLength = Number(response.headers.get('content-length') ?? NaN);
    if (declaredLength > prepared.maxAnswerBytes) {
      throw tooLargeError(prepared.maxAnswerBytes, prepared.context);
    }
    const reading = response.text();
    connection.follow(response.body);
    const text = await reading;
    answered.text = text;
    if (!response.ok) {
      throw errorForStatus(status, response.headers, withoutSecrets(text, secrets), prepared.context);
    }
    return readAnswer(call, status, text, prepared.context, secrets);
  } catch (error) {
    failure = classifyFailure(error, why, prepared);
    throw failure;
  } finally {
    clearTimeout(timer);
    connection.dispose();
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
      startedAt, method: call.method, url: prepared.url, headers, ...(body !== undefined ? { body } : {}),
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
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await attemptOnce(config, call, prepared, attempt);
    } catch (error) {
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
