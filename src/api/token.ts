// Reads what a session token says about its user — permissions and expiry — so the UI can offer
// only the actions the user may run and renew the token in time. The signature is NOT checked:
// only the server can, and it does on every request. A token that is not a readable JWT (NCX
// does not promise one) is "unknown", never an error.
import * as z from './zodMini';

export const TokenClaimsSchema = z.looseObject({
  sub: z.string(),
  authorities: z.array(z.string()),
  /** Expiry, in seconds since the epoch (RFC 7519). */
  exp: z.number(),
  /** Issue time, in seconds since the epoch. */
  iat: z.number(),
});
export type TokenClaims = z.infer<typeof TokenClaimsSchema>;

export type DecodedToken =
  | {
      status: 'decoded';
      claims: TokenClaims;
      /** The user name (`sub`). */
      subject: string;
      authorities: string[];
      expiresAtMs: number;
      issuedAtMs: number;
    }
  | {
      status: 'unknown';
      /** Why, in a few words, for the log. */
      reason: string;
    };

function decodeSegment(segment: string): unknown {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(segment)) {
    return undefined;
  }
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

export function decodeToken(token: string): DecodedToken {
  const parts = token.trim().replace(/^Bearer\s+/i, '').split('.');
  const payloadSegment = parts[1];
  if (parts.length !== 3 || payloadSegment === undefined) {
    return { status: 'unknown', reason: 'not a JWT (expected three dot-separated parts)' };
  }
  const payload = decodeSegment(payloadSegment);
  if (payload === undefined) {
    return { status: 'unknown', reason: 'the JWT payload is not base64url-encoded JSON' };
  }
  const claims = TokenClaimsSchema.safeParse(payload);
  if (!claims.success) {
    return { status: 'unknown', reason: 'the JWT lacks the sub, authorities, exp or iat claim' };
  }
  return {
    status: 'decoded',
    claims: claims.data,
    subject: claims.data.sub,
    authorities: claims.data.authorities,
    expiresAtMs: claims.data.exp * 1000,
    issuedAtMs: claims.data.iat * 1000,
  };
}

/**
 * What makes a token unusable in an HTTP header, in words ("a line break (CR or LF)"), or
 * undefined. Header values are Latin-1 without control characters; anything else would be refused
 * by the HTTP stack before a byte is sent, which must not read as a network problem.
 */
export function tokenHeaderProblem(token: string): string | undefined {
  if (/[\r\n]/.test(token)) {
    return 'a line break (CR or LF)';
  }
  if (token.includes('\0')) {
    return 'a NUL character';
  }
  // Other controls (tab aside) are refused by header validation too.
  if (/[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(token)) {
    return 'a control character';
  }
  const outside = /[^\u0000-\u00FF]/u.exec(token);
  if (outside !== null) {
    const code = outside[0].codePointAt(0) ?? 0;
    return `a character outside Latin-1 (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  }
  return undefined;
}
