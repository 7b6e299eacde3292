// The provider endpoints: sign in with HTTP Basic, refresh a token that has not yet expired.
import { PATHS } from '../../../api/paths';
import { basicCredentialsFromHeader, tokenFromHeader } from '../../auth/credentials';
import { unauthorized } from '../httpError';
import { jsonReply } from '../reply';
import type { Route } from '../router';
import type { ServerDeps } from '../serverDeps';

export function tokenRoutes(deps: ServerDeps): Route[] {
  return [
    {
      method: 'GET',
      pattern: PATHS.tokenWithAuthorities,
      access: 'public',
      purpose: 'sign in',
      async handle({ request }) {
        const credentials = basicCredentialsFromHeader(request.headers.authorization);
        if (!credentials) {
          throw unauthorized('Sign in with HTTP Basic credentials (user name and password).', 'Basic');
        }
        const user = deps.users.authenticate(credentials.username, credentials.password);
        if (!user) {
          throw unauthorized('Unknown user name or wrong password.', 'Basic');
        }
        return jsonReply({ location: deps.baseUrl(), token: deps.tokens.issue(user.username, user.permissions) });
      },
    },
    {
      method: 'GET',
      pattern: PATHS.tokenRefresh,
      access: 'public',
      purpose: 'refresh a token',
      async handle({ request }) {
        const token = tokenFromHeader(request.headers.authorization);
        if (!token) {
          throw unauthorized('Send the token to refresh in the Authorization header.');
        }
        const check = deps.tokens.verify(token);
        if (!check.ok) {
          throw unauthorized(check.message);
        }
        const user = deps.users.find(check.principal.username);
        if (!user) {
          throw unauthorized(`User '${check.principal.username}' no longer exists; sign in again.`);
        }
        // Permissions are read afresh, so a refresh picks up a changed user configuration.
        return jsonReply({
          clientLocation: deps.baseUrl(),
          location: deps.baseUrl(),
          token: deps.tokens.issue(user.username, user.permissions),
        });
      },
    },
  ];
}
