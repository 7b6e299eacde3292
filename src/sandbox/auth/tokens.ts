// Issues and checks the sandbox's access tokens: HS256 JWTs whose `authorities` claim carries the
// user's permissions, like the tokens NCX's provider service hands out.
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { signJwt, verifyJwt } from './jwt';

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;
const ISSUER = 'ncx-sandbox';

const ClaimsSchema = z.object({
  sub: z.string().min(1),
  authorities: z.array(z.string()),
  iat: z.number().int(),
  exp: z.number().int(),
});

export interface Principal {
  username: string;
  authorities: string[];
  /** Unix ms at which the token stops being accepted. */
  expiresAt: number;
}

export type TokenCheck =
  | { ok: true; principal: Principal }
  | { ok: false; reason: 'malformed' | 'badSignature' | 'expired'; message: string };

export interface TokenServiceOptions {
  secret: Buffer;
  lifetimeSeconds?: number;
  now: () => number;
}

export function newTokenSecret(): Buffer {
  return randomBytes(32);
}

export class TokenService {
  private readonly secret: Buffer;
  private readonly lifetimeSeconds: number;
  private readonly now: () => number;

  constructor(options: TokenServiceOptions) {
    this.secret = options.secret;
    this.lifetimeSeconds = options.lifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
    this.now = options.now;
  }

  issue(username: string, authorities: readonly string[]): string {
    const iat = Math.floor(this.now() / 1000);
    // `jti` keeps two tokens issued in the same second for the same user distinct.
    return signJwt(
      { iss: ISSUER, sub: username, authorities, iat, exp: iat + this.lifetimeSeconds, jti: randomUUID() },
      this.secret,
    );
  }

  verify(token: string): TokenCheck {
    const verified = verifyJwt(token, this.secret);
    if (!verified.ok) {
      return verified.reason === 'badSignature'
        ? { ok: false, reason: 'badSignature', message: 'The token signature is not valid for this sandbox.' }
        : { ok: false, reason: 'malformed', message: 'The token is not a well-formed JWT.' };
    }
    const claims = ClaimsSchema.safeParse(verified.payload);
    if (!claims.success) {
      return { ok: false, reason: 'malformed', message: 'The token lacks the sub, authorities, iat or exp claim.' };
    }
    const expiresAt = claims.data.exp * 1000;
    if (this.now() >= expiresAt) {
      return {
        ok: false,
        reason: 'expired',
        message: `The token expired at ${new Date(expiresAt).toISOString()}; sign in again.`,
      };
    }
    return { ok: true, principal: { username: claims.data.sub, authorities: claims.data.authorities, expiresAt } };
  }
}
