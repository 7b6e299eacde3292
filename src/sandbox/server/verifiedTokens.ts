// Tokens already verified, so that a client sending the same bearer token thousands of times a
// second (the tree's searches) costs one HMAC and one claims check, not one per request. A token
// cannot be revoked before it expires, so a cached principal stays right until its expiry, which
// is checked on every use with the same clock the token service uses.
import type { Principal, TokenCheck } from '../auth/tokens';

/** Distinct signed-in clients held at once; the oldest is forgotten first. */
const DEFAULT_CAPACITY = 256;

export interface TokenVerifier {
  verify(token: string): TokenCheck;
}

export class VerifiedTokens implements TokenVerifier {
  private readonly principals = new Map<string, Principal>();

  constructor(
    private readonly tokens: TokenVerifier,
    private readonly now: () => number,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  verify(token: string): TokenCheck {
    const known = this.principals.get(token);
    if (known !== undefined && this.now() < known.expiresAt) {
      return { ok: true, principal: known };
    }
    this.principals.delete(token);
    const check = this.tokens.verify(token);
    if (check.ok) {
      if (this.principals.size >= this.capacity) {
        const oldest = this.principals.keys().next();
        if (!oldest.done) {
          this.principals.delete(oldest.value);
        }
      }
      this.principals.set(token, check.principal);
    }
    return check;
  }
}
