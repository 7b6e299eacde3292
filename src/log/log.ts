// The log the rest of the extension writes to, and the one line each HTTP request becomes.
import { boundedStringify } from '../api/boundedJson';
import { redact } from './redact';

export interface Log {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What the API client reports for every attempt of a request (see `onRequest`). */
export interface RequestLogEntry {
  method: string;
  path: string;
  status?: number;
  durationMs: number;
  error?: unknown;
  attempt?: number;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return typeof error === 'string' ? error : error === undefined ? 'undefined' : boundedStringify(error, { maxChars: 2000 }).text;
}

/** `GET /data/api/types/workitem?rows=0 → 200 in 12 ms`, with retries and failures spelled out. */
export function formatRequestLine(entry: RequestLogEntry): string {
  const outcome = entry.status !== undefined ? String(entry.status) : 'no answer';
  const retry = entry.attempt !== undefined && entry.attempt > 1 ? ` (attempt ${entry.attempt})` : '';
  const failure = entry.error !== undefined ? `: ${describeError(entry.error)}` : '';
  return redact(`${entry.method.toUpperCase()} ${entry.path} → ${outcome} in ${Math.round(entry.durationMs)} ms${retry}${failure}`);
}

/** Logs one request at a level that matches how it went. */
export function logRequest(log: Log, entry: RequestLogEntry): void {
  const line = formatRequestLine(entry);
  if (entry.error !== undefined || (entry.status !== undefined && entry.status >= 500)) {
    log.warn(line);
  } else {
    log.info(line);
  }
}

/** A log that drops everything (tests, or before the channel exists). */
export const silentLog: Log = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
