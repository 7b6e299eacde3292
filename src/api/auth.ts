// Signing in and renewing the session against NCX's provider service. Sign-in goes to the login
// host; everything after it (refresh included) goes to the `location` the sign-in answered.
import { NcxError } from './errors';
import type { Transport } from './transport';
import { request, type AuthScheme, type RequestLogEntry } from './http';
import { PATHS } from './paths';
import { TokenResponseSchema, type TokenResponse } from './schemas';

const TOKEN_RESPONSE = 'a token response {location, token}';

export interface SignInOptions {
  /** The login host, e.g. `https://login.example.com`. */
  loginUrl: string;
  username: string;
  password: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  onRequest?: (entry: RequestLogEntry) => void;
  /** Default: the process's shared transport. */
  transport?: Transport;
}

export interface RefreshOptions {
  /** The `location` of the current session. */
  location: string;
  token: string;
  authScheme?: AuthScheme;
  timeoutMs?: number;
  signal?: AbortSignal;
  onRequest?: (entry: RequestLogEntry) => void;
  /** Default: the process's shared transport. */
  transport?: Transport;
}

function basicCredential(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

function withMessage(error: NcxError, message: string): NcxError {
  return new NcxError(error.kind, message, error.details);
}

/** `GET {loginUrl}/provider/token-with-authorities` with HTTP Basic. */
export async function signIn(options: SignInOptions): Promise<TokenResponse> {
  if (options.username.includes(':')) {
    // HTTP Basic separates user and password with the first colon; the server would misread it.
    throw new NcxError('badRequest', `The user name cannot contain ':'; check the user name.`);
  }
  const credential = basicCredential(options.username, options.password);
  try {
    return await request(
      {
        baseUrl: options.loginUrl,
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.onRequest ? { onRequest: options.onRequest } : {}),
        ...(options.transport ? { transport: options.transport } : {}),
      },
      {
        method: 'GET',
        path: PATHS.tokenWithAuthorities,
        authorization: `Basic ${credential}`,
        // A server that echoes the credential alone gives the password away as well.
        secrets: [options.password, credential],
        ...(options.signal ? { signal: options.signal } : {}),
        expected: TOKEN_RESPONSE,
        answer: TokenResponseSchema,
      },
    );
  } catch (error) {
    if (error instanceof NcxError && error.kind === 'unauthorized') {
      throw withMessage(error, `Sign-in failed: the user name or password is wrong.`);
    }
    throw error;
  }
}

/** `GET {location}/provider/api/token-refresh` with the current token: a new token for the same user. */
export async function refreshToken(options: RefreshOptions): Promise<TokenResponse> {
  try {
    return await request(
      {
        baseUrl: options.location,
        token: () => options.token,
        ...(options.authScheme ? { authScheme: options.authScheme } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.onRequest ? { onRequest: options.onRequest } : {}),
        ...(options.transport ? { transport: options.transport } : {}),
      },
      {
        method: 'GET',
        path: PATHS.tokenRefresh,
        ...(options.signal ? { signal: options.signal } : {}),
        expected: TOKEN_RESPONSE,
        answer: TokenResponseSchema,
      },
    );
  } catch (error) {
    if (error instanceof NcxError && error.kind === 'unauthorized') {
      throw withMessage(error, 'The session has expired and cannot be renewed; sign in again.');
    }
    throw error;
  }
}
