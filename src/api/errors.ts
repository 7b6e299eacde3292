// Typed errors a person can act on. Every failure of the client is one of these kinds; the UI
// chooses its row / message / action from `kind`, never from the text.
import type { ValidationIssue } from './workitemsApi';

export type NcxErrorKind =
  | 'badRequest'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'rateLimited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'malformed'
  | 'cancelled';

export interface NcxErrorDetails {
  /** HTTP status, when the server answered. */
  status?: number;
  /** `code` of the server's `{code, message}` body, when it sent one. */
  code?: string | number;
  /** Method and path of the request (never the query's token or headers). */
  request?: string;
  /** For `forbidden`: the permission the server named as missing. */
  missingPermission?: string;
  /** For `rateLimited`: milliseconds the server asked us to wait. */
  retryAfterMs?: number;
  /** For `malformed`: each problem of an answer that failed validation (for the detail view). */
  issues?: ValidationIssue[];
  /** The `message` of the server's `{code, message}` body, verbatim (e.g. why a 409 refused an action). */
  serverMessage?: string;
  cause?: unknown;
}

export class NcxError extends Error {
  readonly kind: NcxErrorKind;
  readonly details: NcxErrorDetails;

  constructor(kind: NcxErrorKind, message: string, details: NcxErrorDetails = {}) {
    super(message);
    this.name = 'NcxError';
    this.kind = kind;
    this.details = details;
  }
}

export function isNcxError(value: unknown): value is NcxError {
  return value instanceof NcxError;
}
