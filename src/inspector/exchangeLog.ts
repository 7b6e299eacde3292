// The session's HTTP exchanges, newest first, in a bounded ring: the oldest is dropped when a new
// one arrives at capacity, so a long session holds at most `capacity` records.
import type { HttpExchange } from '../api/exchange';

export const EXCHANGE_LOG_CAPACITY = 200;

export interface LoggedExchange extends HttpExchange {
  /** Increasing per session; the inspector's key for an exchange. */
  id: number;
  /** Which connection sent it (`user@host`). */
  connection: string;
}

export interface ExchangeFilter {
  /** `200`, `4xx`, `5xx`, `error`; empty for any. */
  status?: string;
  /** A part of the path and query. */
  path?: string;
}

export function matchesFilter(exchange: LoggedExchange, filter: ExchangeFilter): boolean {
  const status = filter.status?.trim().toLowerCase();
  if (status) {
    const code = exchange.status === undefined ? 'error' : String(exchange.status);
    const pattern = new RegExp(`^${status.replace(/x/g, '\\d').replace(/[^\\\dA-Za-z]/g, '')}$`);
    if (!(status === 'error' ? exchange.error !== undefined : pattern.test(code))) {
      return false;
    }
  }
  const path = filter.path?.trim();
  return !path || pathAndQuery(exchange.url).includes(path);
}

export function pathAndQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return decodeURIComponent(parsed.pathname + parsed.search);
  } catch {
    return url;
  }
}

export class ExchangeLog {
  private readonly ring: LoggedExchange[] = [];
  private next = 1;
  private readonly listeners = new Set<() => void>();

  constructor(readonly capacity = EXCHANGE_LOG_CAPACITY) {}

  add(exchange: HttpExchange, connection: string): LoggedExchange {
    const logged: LoggedExchange = { ...exchange, id: this.next, connection };
    this.next += 1;
    this.ring.push(logged);
    if (this.ring.length > this.capacity) {
      this.ring.shift();
    }
    this.listeners.forEach((listener) => listener());
    return logged;
  }

  /** Newest first. */
  list(filter: ExchangeFilter = {}): LoggedExchange[] {
    const result: LoggedExchange[] = [];
    for (let index = this.ring.length - 1; index >= 0; index -= 1) {
      const exchange = this.ring[index];
      if (exchange && matchesFilter(exchange, filter)) {
        result.push(exchange);
      }
    }
    return result;
  }

  get(id: number): LoggedExchange | undefined {
    return this.ring.find((exchange) => exchange.id === id);
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** The text an opened exchange shows: request and response, headers redacted, bodies pretty. */
export function renderExchange(exchange: LoggedExchange, bodyLimit: number): string {
  const headers = (record: Record<string, string>): string =>
    Object.entries(record)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n');
  const lines = [
    `${exchange.method} ${exchange.url}`,
    headers(exchange.requestHeaders),
    '',
    ...(exchange.requestBody !== undefined ? [prettyBody(exchange.requestBody), ''] : []),
    `### ${exchange.status ?? exchange.error ?? 'no answer'} · ${exchange.durationMs} ms · ${exchange.size} characters · attempt ${exchange.attempt} · ${exchange.connection} · ${new Date(exchange.startedAt).toISOString()}`,
    headers(exchange.responseHeaders),
    '',
    prettyBody(exchange.responseBody),
  ];
  if (exchange.responseBodyCut) {
    lines.push('', `(cut at ${bodyLimit} characters of ${exchange.size})`);
  }
  return lines.join('\n');
}
