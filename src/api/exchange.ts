// One HTTP exchange as the request inspector shows it: what was sent and what came back, with the
// credentials replaced by placeholders and the bodies cut at EXCHANGE_BODY_LIMIT characters.
// Built only when a caller asked for exchanges (HttpConfig.onExchange), so requests without an
// inspector pay nothing.
import { withoutSecrets } from './excerpt';
import type { NcxErrorKind } from './errors';

/** Bodies longer than this are cut (the record says so): 64 KiB of text per side. */
export const EXCHANGE_BODY_LIMIT = 64 * 1024;

export const TOKEN_PLACEHOLDER = '<token>';
const CREDENTIALS_PLACEHOLDER = '<credentials>';

export interface HttpExchange {
  /** Unix ms when the attempt started. */
  startedAt: number;
  method: string;
  /** The full URL as sent, query string included. */
  url: string;
  status?: number;
  durationMs: number;
  /** Characters of the answer's body. */
  size: number;
  attempt: number;
  error?: NcxErrorKind;
  /** `bearer` or `raw` when the token was sent, `basic` for a sign-in, `none` otherwise. */
  auth: 'bearer' | 'raw' | 'basic' | 'none';
  requestHeaders: Record<string, string>;
  requestBody?: string;
  responseHeaders: Record<string, string>;
  responseBody: string;
  responseBodyCut: boolean;
}

export interface ExchangeInput {
  startedAt: number;
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  body?: string;
  token?: string;
  secrets: readonly (string | undefined)[];
  status?: number;
  responseHeaders?: { forEach(callback: (value: string, name: string) => void): void };
  responseText?: string;
  durationMs: number;
  attempt: number;
  error?: NcxErrorKind;
}

function authOf(value: string | undefined, token: string | undefined): HttpExchange['auth'] {
  if (value === undefined) {
    return 'none';
  }
  if (/^basic\s/i.test(value)) {
    return 'basic';
  }
  return token !== undefined && value === token ? 'raw' : 'bearer';
}

function placeholderFor(auth: HttpExchange['auth']): string {
  switch (auth) {
    case 'bearer':
      return `Bearer ${TOKEN_PLACEHOLDER}`;
    case 'basic':
      return `Basic ${CREDENTIALS_PLACEHOLDER}`;
    default:
      return TOKEN_PLACEHOLDER;
  }
}

function cut(text: string): { text: string; cut: boolean } {
  return text.length > EXCHANGE_BODY_LIMIT ? { text: text.slice(0, EXCHANGE_BODY_LIMIT), cut: true } : { text, cut: false };
}

export function buildExchange(input: ExchangeInput): HttpExchange {
  const secrets = input.secrets;
  const clean = (text: string): string => withoutSecrets(text, secrets).split(TOKEN_PLACEHOLDER).join(TOKEN_PLACEHOLDER);
  const authorization = input.headers['Authorization'];
  const auth = authOf(authorization, input.token);
  const requestHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    requestHeaders[name] = name.toLowerCase() === 'authorization' ? placeholderFor(auth) : clean(value);
  }
  const responseHeaders: Record<string, string> = {};
  input.responseHeaders?.forEach((value, name) => {
    responseHeaders[name] = clean(value);
  });
  const body = cut(clean(input.responseText ?? ''));
  return {
    startedAt: input.startedAt,
    method: input.method,
    url: clean(input.url),
    ...(input.status !== undefined ? { status: input.status } : {}),
    durationMs: input.durationMs,
    size: input.responseText?.length ?? 0,
    attempt: input.attempt,
    ...(input.error !== undefined ? { error: input.error } : {}),
    auth,
    requestHeaders,
    ...(input.body !== undefined ? { requestBody: cut(clean(input.body)).text } : {}),
    responseHeaders,
    responseBody: body.text,
    responseBodyCut: body.cut,
  };
}

/** Builds the record and hands it over; a failing listener never fails the request. */
export function reportExchange(listener: ((exchange: HttpExchange) => void) | undefined, input: () => ExchangeInput): void {
  if (!listener) {
    return;
  }
  try {
    listener(buildExchange(input()));
  } catch {
    // The inspector must never be the reason a request fails.
  }
}
