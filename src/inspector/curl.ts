// "Copy as cURL": a shell command that repeats a request exactly (method, URL, headers, body),
// with the token read from the NCX_TOKEN environment variable, so the copied text never holds it.
import { PATHS, SEARCH_DEFAULT_ROWS } from '../api/paths';
import type { HttpExchange } from '../api/exchange';
import type { SearchParams } from '../api/workitemsApi';

export const TOKEN_VARIABLE = 'NCX_TOKEN';

export interface CurlRequest {
  method: string;
  url: string;
  /** Headers other than Authorization. */
  headers: Readonly<Record<string, string>>;
  body?: string;
  auth: HttpExchange['auth'];
}

/** POSIX shell single quoting: everything literal, a quote written as '\''. */
export function shellQuote(text: string): string {
  return `'${text.split("'").join(`'\\''`)}'`;
}

function authorizationArgument(auth: CurlRequest['auth']): string | undefined {
  switch (auth) {
    case 'bearer':
      return `-H "Authorization: Bearer \${${TOKEN_VARIABLE}}"`;
    case 'raw':
      return `-H "Authorization: \${${TOKEN_VARIABLE}}"`;
    case 'basic':
      return '-u "${NCX_USER}:${NCX_PASSWORD}"';
    case 'none':
      return undefined;
  }
}

export function toCurl(request: CurlRequest): string {
  // --globoff: a range query's [ ] and { } are the query's, not curl's URL globbing.
  const parts = ['curl', '-sS', '--globoff', '-X', request.method, shellQuote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.toLowerCase() !== 'authorization') {
      parts.push('-H', shellQuote(`${name}: ${value}`));
    }
  }
  const auth = authorizationArgument(request.auth);
  if (auth) {
    parts.push(auth);
  }
  if (request.body !== undefined) {
    parts.push('--data-raw', shellQuote(request.body));
  }
  return parts.join(' ');
}

/** The URL the client sends for `path` and `query` (same order and encoding as http.ts). */
export function requestUrl(location: string, path: string, query: Readonly<Record<string, string | number | undefined>> = {}): string {
  const url = new URL(new URL(location).href.replace(/\/+$/, '') + path);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) {
      url.searchParams.set(name, String(value));
    }
  }
  return url.href;
}

export interface CurlTarget {
  location: string;
  authScheme: 'bearer' | 'raw';
}

const JSON_ACCEPT = { Accept: 'application/json' } as const;

export function curlForWorkitem(target: CurlTarget, workitemId: string): string {
  return toCurl({ method: 'GET', url: requestUrl(target.location, PATHS.workitem(workitemId)), headers: JSON_ACCEPT, auth: target.authScheme });
}

/** The search request of a query (or a tree group's query), first page. */
export function curlForSearch(target: CurlTarget, params: SearchParams): string {
  const q = params.q?.trim();
  const url = requestUrl(target.location, PATHS.search('workitem'), {
    q: q === '' ? undefined : q,
    rows: params.rows ?? SEARCH_DEFAULT_ROWS,
    start: params.start ?? 0,
    sort: params.sort,
  });
  return toCurl({ method: 'GET', url, headers: JSON_ACCEPT, auth: target.authScheme });
}

export function curlForExchange(exchange: HttpExchange): string {
  return toCurl({
    method: exchange.method,
    url: exchange.url,
    headers: exchange.requestHeaders,
    ...(exchange.requestBody !== undefined ? { body: exchange.requestBody } : {}),
    auth: exchange.auth,
  });
}
