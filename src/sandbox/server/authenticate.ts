// Who is calling, and may they? A missing or bad token is a 401; a valid token without the
// route's permission is a 403 that names the permission.
import type { IncomingMessage } from 'node:http';
import { hasPermission, type Permission } from '../../api/domain';
import { tokenFromHeader } from '../auth/credentials';
import type { Principal } from '../auth/tokens';
import { forbidden, unauthorized } from './httpError';
import type { TokenVerifier } from './verifiedTokens';

export function authenticate(request: IncomingMessage, tokens: TokenVerifier): Principal {
  const token = tokenFromHeader(request.headers.authorization);
  if (!token) {
    throw unauthorized("Missing token: send 'Authorization: Bearer <token>' (or the bare token).");
  }
  const check = tokens.verify(token);
  if (!check.ok) {
    throw unauthorized(check.message);
  }
  return check.principal;
}

export function authorize(principal: Principal, needed: Permission, purpose: string): void {
  if (!hasPermission(principal.authorities, needed)) {
    throw forbidden(
      `Permission '${needed}' is needed to ${purpose}; user '${principal.username}' has ` +
        `${principal.authorities.length > 0 ? principal.authorities.join(', ') : 'no permissions'}.`,
      needed,
    );
  }
}
