// Minimal HS256 JSON Web Tokens on node:crypto. Only HS256 is accepted when verifying, so a token
// that claims `alg: none` (or any other algorithm) can never pass.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const HEADER = { alg: 'HS256', typ: 'JWT' } as const;
const ENCODED_HEADER = base64url(JSON.stringify(HEADER));

const HeaderSchema = z.object({ alg: z.literal('HS256'), typ: z.string().optional() });

export type JwtVerification =
  | { ok: true; payload: unknown }
  | { ok: false; reason: 'malformed' | 'badSignature' };

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

function signature(signingInput: string, secret: Buffer): Buffer {
  return createHmac('sha256', secret).update(signingInput).digest();
}

export function signJwt(payload: object, secret: Buffer): string {
  const signingInput = `${ENCODED_HEADER}.${base64url(JSON.stringify(payload))}`;
  return `${signingInput}.${signature(signingInput, secret).toString('base64url')}`;
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Checks the signature and returns the (still unvalidated) payload; claims are the caller's job. */
export function verifyJwt(token: string, secret: Buffer): JwtVerification {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) {
    return { ok: false, reason: 'malformed' };
  }
  const [header, payload, sig] = parts as [string, string, string];
  if (!HeaderSchema.safeParse(decodeJson(header)).success) {
    return { ok: false, reason: 'malformed' };
  }
  const expected = signature(`${header}.${payload}`, secret);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'badSignature' };
  }
  const decoded = decodeJson(payload);
  return decoded === undefined ? { ok: false, reason: 'malformed' } : { ok: true, payload: decoded };
}
