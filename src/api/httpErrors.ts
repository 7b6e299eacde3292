// Turns an HTTP status, or a failure to get one, into an NcxError whose message a person can act
// on. The UI branches on `kind`; the message is what it shows.
import { ErrorBodySchema } from './schemas';
import { NcxError, type NcxErrorDetails } from './errors';
import { PERMISSIONS } from './domain';
import { excerpt } from './excerpt';

/** What an error message may say about the request: never headers, never the query string. */
export interface RequestContext {
  method: string;
  path: string;
  /** `http://host:port` of the server. */
  origin: string;
  timeoutMs: number;
}

/** The answer's headers, as much as error mapping needs of them. */
export interface HeaderReader {
  get(name: string): string | null;
}

interface ServerSaid {
  code?: string | number;
  message?: string;
  missingPermission?: string;
}

function requestLabel(context: RequestContext): string {
  return `${context.method} ${context.path}`;
}

/** An action cut off mid-way may still have happened on the server; repeating it blindly could do it twice. */
function afterInterruption(context: RequestContext, advice: string): string {
  return context.method === 'GET'
    ? advice
    : 'the action may have been carried out anyway; refresh before trying it again';
}

function readErrorBody(bodyText: string): ServerSaid {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return {};
  }
  const parsed = ErrorBodySchema.safeParse(json);
  if (!parsed.success) {
    return {};
  }
  const missing = parsed.data['missingPermission'];
  return {
    code: parsed.data.code,
    message: parsed.data.message,
    ...(typeof missing === 'string' ? { missingPermission: missing } : {}),
  };
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** At most this many characters of a permission the server names are quoted (real ones are ~20). */
export const MAX_PERMISSION_CHARS = 80;

const PERMISSION_PART = /^[a-z][\w-]*$/i;

/**
 * The first `scope:action` in `message`, in time linear in its length: the message is split into
 * words once (a regex searching for the pair from every position backtracks quadratically on a
 * long run of word characters), then each word's colon-separated parts are looked at in turn.
 */
function scopedWordIn(message: string): string | undefined {
  for (const word of message.split(/[^\w:-]+/)) {
    if (!word.includes(':')) {
      continue;
    }
    const parts = word.split(':');
    for (let index = 0; index + 1 < parts.length; index += 1) {
      const scope = parts[index] ?? '';
      const action = parts[index + 1] ?? '';
      if (PERMISSION_PART.test(scope) && PERMISSION_PART.test(action)) {
        return `${scope}:${action}`;
      }
    }
  }
  return undefined;
}

/**
 * The permission a 403 names. The body's own field wins; otherwise a known permission, then
 * anything shaped like `scope:action`, found in the message. What is quoted is capped.
 */
export function missingPermissionFrom(said: { message?: string; missingPermission?: string }): string | undefined {
  const named = said.missingPermission ? said.missingPermission : findPermission(said.message ?? '');
  return named === undefined ? undefined : excerpt(named, MAX_PERMISSION_CHARS);
}

function findPermission(message: string): string | undefined {
  const known = PERMISSIONS.find((permission) => message.includes(permission));
  return known ?? scopedWordIn(message);
}

function serverSuffix(said: ServerSaid): string {
  return said.message ? ` The server said: "${excerpt(said.message, 300)}"` : '';
}

function seconds(ms: number): string {
  const value = Math.ceil(ms / 1000);
  return value === 1 ? '1 second' : `${value} seconds`;
}

export function errorForStatus(
  status: number,
  headers: HeaderReader,
  bodyText: string,
  context: RequestContext,
): NcxError {
  const said = readErrorBody(bodyText);
  const label = requestLabel(context);
  const details: NcxErrorDetails = {
    status,
    request: label,
    ...(said.code !== undefined ? { code: said.code } : {}),
  };
  const suffix = serverSuffix(said);
  switch (status) {
    case 400:
      return new NcxError('badRequest', `The server rejected ${label} as invalid.${suffix}`, details);
    case 401:
      return new NcxError(
        'unauthorized',
        `The server at ${context.origin} did not accept the sign-in for ${label}: ` +
          `the token is missing, wrong or expired. Sign in again.${suffix}`,
        details,
      );
    case 403: {
      const missingPermission = missingPermissionFrom(said);
      const what = missingPermission
        ? `your account lacks the permission '${missingPermission}'`
        : 'your account lacks a permission it needs';
      return new NcxError(
        'forbidden',
        `You are not allowed to do ${label}: ${what}. Ask an administrator to grant it.${suffix}`,
        { ...details, ...(missingPermission ? { missingPermission } : {}) },
      );
    }
    case 404:
      return new NcxError(
        'notFound',
        `Nothing was found at ${label}; it may have been removed, or the location may be wrong.${suffix}`,
        details,
      );
    case 409:
      return new NcxError(
        'conflict',
        `The server refused ${label} because of the current state; refresh and try again.${suffix}`,
        details,
      );
    case 429: {
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'));
      const when = retryAfterMs === undefined ? 'in a moment' : `in ${seconds(retryAfterMs)}`;
      return new NcxError(
        'rateLimited',
        `The server is receiving too many requests and refused ${label}; try again ${when}.${suffix}`,
        { ...details, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
      );
    }
    default:
      if (status >= 500) {
        return new NcxError(
          'server',
          `The server failed to handle ${label} (HTTP ${status}); try again later.${suffix}`,
          details,
        );
      }
      if (status >= 400) {
        return new NcxError('badRequest', `The server rejected ${label} (HTTP ${status}).${suffix}`, details);
      }
      return new NcxError(
        'malformed',
        `The server answered ${label} with the unexpected status HTTP ${status}.${suffix}`,
        details,
      );
  }
}

const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused; check that the server is running and the location is right',
  ENOTFOUND: 'the host name was not found; check the location',
  EAI_AGAIN: 'the host name could not be resolved right now; check the network and the location',
  ECONNRESET: 'the connection was closed before the answer was complete',
  EPIPE: 'the connection was closed while sending the request',
  ETIMEDOUT: 'the connection timed out; check the network and the location',
  EHOSTUNREACH: 'the host is unreachable; check the network and the location',
  ENETUNREACH: 'the network is unreachable; check the connection',
  ERR_STREAM_PREMATURE_CLOSE: 'the connection was closed before the answer was complete',
};

/** The setting that adds a tenant gateway's CA (declared in src/config/settings.ts). */
export const CA_FILE_SETTING = 'workitemInspector.network.caFile';

/** Node's codes for a certificate the client does not trust or that does not fit the host. */
const CERTIFICATE_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function certificateReason(code: string, host: string): string {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `the certificate the server sent is not for ${host} (${code}); check the location`;
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return `the certificate of ${host} is outside its validity period (${code}); check the computer's clock`;
  }
  return (
    `the certificate of ${host} is not trusted (${code}). If a proxy or gateway inspects TLS, ` +
    `set '${CA_FILE_SETTING}' to its CA certificate (a PEM file), or turn on 'http.systemCertificates' ` +
    `if that CA is in the system's store`
  );
}

/** Failures after which the request may have reached the server. */
const INTERRUPTIONS: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const record = error as { code?: unknown; errno?: unknown };
  if (typeof record.code === 'string') {
    return record.code;
  }
  return typeof record.errno === 'string' ? record.errno : undefined;
}

export function timeoutError(context: RequestContext): NcxError {
  const advice = afterInterruption(context, 'it may be overloaded, try again');
  return new NcxError(
    'timeout',
    `The server at ${context.origin} did not answer ${requestLabel(context)} within ${seconds(context.timeoutMs)}; ${advice}.`,
    { request: requestLabel(context) },
  );
}

export function cancelledError(context: RequestContext): NcxError {
  return new NcxError('cancelled', `${requestLabel(context)} was cancelled.`, { request: requestLabel(context) });
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

export function networkError(error: unknown, context: RequestContext): NcxError {
  const premature = error instanceof Error && /premature close/i.test(error.message);
  const code = errorCode(error) ?? (premature ? 'ERR_STREAM_PREMATURE_CLOSE' : undefined);
  let reason =
    (code !== undefined && CERTIFICATE_CODES.has(code) ? certificateReason(code, hostOf(context.origin)) : undefined) ??
    (code !== undefined ? NETWORK_REASONS[code] : undefined) ??
    `the request failed${code ? ` (${code})` : ''}; check the network and the location`;
  if (code !== undefined && INTERRUPTIONS.has(code)) {
    reason += `; ${afterInterruption(context, 'try again')}`;
  }
  return new NcxError('network', `Cannot reach ${context.origin}: ${reason}.`, {
    request: requestLabel(context),
    ...(code !== undefined ? { code } : {}),
    cause: error,
  });
}

export function tooLargeError(limitBytes: number, context: RequestContext): NcxError {
  const megabytes = Math.round(limitBytes / (1024 * 1024));
  return new NcxError(
    'malformed',
    `The answer to ${requestLabel(context)} is larger than ${megabytes} MB, ` +
      'which is more than a client should read; ask for fewer rows.',
    { request: requestLabel(context) },
  );
}

/** The answer came but is not what `expected` describes. */
export function malformedError(
  context: RequestContext,
  expected: string,
  problem: string,
  bodyText: string,
  extra: NcxErrorDetails = {},
): NcxError {
  const came = bodyText.trim() === '' ? 'The answer was empty.' : `It began with: ${excerpt(bodyText)}`;
  return new NcxError(
    'malformed',
    `The answer to ${requestLabel(context)} is not ${expected}: ${problem}. ${came}`,
    { request: requestLabel(context), ...extra },
  );
}
