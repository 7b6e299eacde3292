// An error that already knows its HTTP answer. Everything a handler throws ends up as one of these
// (see errorMapping.ts), and every one is sent as the `{code, message}` body NCX uses.

export type ErrorCode =
  | 'badRequest'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'methodNotAllowed'
  | 'conflict'
  | 'payloadTooLarge'
  | 'unsupportedMediaType'
  | 'tooManyRequests'
  | 'internal';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** Extra fields for the body, e.g. the missing permission of a 403. */
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  body(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export const badRequest = (message: string, extra?: Record<string, unknown>): HttpError =>
  new HttpError(400, 'badRequest', message, extra);

export const unauthorized = (message: string, scheme: 'Bearer' | 'Basic' = 'Bearer'): HttpError =>
  new HttpError(401, 'unauthorized', message, {}, { 'WWW-Authenticate': `${scheme} realm="ncx-sandbox"` });

export const forbidden = (message: string, missingPermission: string): HttpError =>
  new HttpError(403, 'forbidden', message, { missingPermission });

export const notFound = (message: string): HttpError => new HttpError(404, 'notFound', message);

export const methodNotAllowed = (method: string, path: string, allowed: readonly string[]): HttpError =>
  new HttpError(
    405,
    'methodNotAllowed',
    `${method} is not allowed on ${path}; use ${allowed.join(' or ')}.`,
    {},
    { Allow: allowed.join(', ') },
  );

export const payloadTooLarge = (limit: number): HttpError =>
  new HttpError(413, 'payloadTooLarge', `The request body is larger than the limit of ${limit} bytes.`);

export const unsupportedMediaType = (received: string | undefined): HttpError =>
  new HttpError(
    415,
    'unsupportedMediaType',
    `The request body must be application/json, not ${received ? `'${received}'` : 'untyped'}.`,
  );

export const tooManyRequests = (perSecond: number, retryAfterSeconds: number): HttpError =>
  new HttpError(
    429,
    'tooManyRequests',
    `More than ${perSecond} requests a second with these credentials; retry after ${retryAfterSeconds} s.`,
    {},
    { 'Retry-After': String(retryAfterSeconds) },
  );
