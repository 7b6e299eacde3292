// What the connection needs from a token, read with api/token.ts. A token that is not a readable
// JWT (NCX does not promise one) gives no permissions to go by: then every action is offered and
// the server has the last word.
import { PERMISSIONS } from '../api/domain';
import { decodeToken } from '../api/token';
import type { TokenClaims } from './connection';

export function readTokenClaims(token: string): TokenClaims {
  const decoded = decodeToken(token);
  if (decoded.status !== 'decoded') {
    return { authorities: [...PERMISSIONS] };
  }
  return { username: decoded.subject, authorities: decoded.authorities, expiresAt: decoded.expiresAtMs };
}
