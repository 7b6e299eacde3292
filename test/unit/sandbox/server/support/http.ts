// Small helpers for talking to a sandbox over real loopback HTTP in tests.
import * as assert from 'node:assert/strict';
import { ErrorBodySchema, TokenResponseSchema, WorkitemSchema, type Workitem } from '../../../../../src/api/schemas';
import { PATHS } from '../../../../../src/api/paths';

export interface CallOptions {
  method?: string;
  token?: string;
  /** Send the token without the `Bearer ` prefix, as live NCX clients do. */
  rawToken?: boolean;
  body?: unknown;
  /** A body sent as is (with `contentType`), for malformed or oversized bodies. */
  rawBody?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface CallResult {
  status: number;
  headers: Headers;
  json: unknown;
}

export async function call(baseUrl: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) {
    headers.Authorization = options.rawToken ? options.token : `Bearer ${options.token}`;
  }
  let body: string | Buffer | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  if (options.contentType) {
    headers['Content-Type'] = options.contentType;
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body,
    signal: options.signal,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as unknown) : undefined };
}

export function basicAuth(username: string, password: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

export async function signIn(baseUrl: string, username: string, password = `${username}-password`): Promise<string> {
  const result = await call(baseUrl, PATHS.tokenWithAuthorities, { headers: basicAuth(username, password) });
  assert.equal(result.status, 200, `sign-in of ${username} failed: ${JSON.stringify(result.json)}`);
  return TokenResponseSchema.parse(result.json).token;
}

/** Asserts an error answer: its status, and a `{code, message}` body whose message matches. */
export function assertError(result: CallResult, status: number, message?: RegExp): { code: string | number; message: string } {
  assert.equal(result.status, status, `expected ${status}, got ${result.status}: ${JSON.stringify(result.json)}`);
  assert.match(result.headers.get('content-type') ?? '', /^application\/json/);
  const body = ErrorBodySchema.parse(result.json);
  if (message) {
    assert.match(body.message, message);
  }
  return body;
}

export function asWorkitem(result: CallResult): Workitem {
  assert.equal(result.status, 200, `expected 200, got ${result.status}: ${JSON.stringify(result.json)}`);
  return WorkitemSchema.parse(result.json);
}

/** The first workitem the sandbox finds for `q` (a fixture taken from the generated data set). */
export async function findWorkitem(baseUrl: string, token: string, q: string): Promise<Workitem> {
  const result = await call(baseUrl, `${PATHS.search('workitem')}?q=${encodeURIComponent(q)}&rows=1`, { token });
  assert.equal(result.status, 200);
  const objects = (result.json as { objects: unknown[] }).objects;
  assert.ok(objects.length > 0, `the data set has no workitem for ${q}`);
  return WorkitemSchema.parse(objects[0]);
}
