// The connection's vocabulary, shared by the status bar, the commands and the tests: its state,
// what it needs injected (so it runs in plain Node tests), and what it hands to those parts.
import type { WorkitemsApi } from '../api/workitemsApi';
import type { Settings } from '../config/settings';
import type { SecretAwareLog } from '../log/redactingLog';
import type { Timers } from '../model/timers';
import type { SessionStore } from './sessionStore';

export type ConnectionMode = Settings['connection.mode'];

export type ConnectionStatus =
  /** Nothing fetched yet; connects on the first `getApi()`. */
  | 'idle'
  | 'connecting'
  | 'connected'
  /** NCX mode without a stored session. */
  | 'signedOut'
  /** The server answered 401 to the session's token. */
  | 'rejected'
  | 'failed';

export interface ConnectionState {
  mode: ConnectionMode;
  status: ConnectionStatus;
  /** `host[:port]` of the location requests go to, when known. */
  host?: string;
  username?: string;
  /** The token's `authorities` (permissions); empty when not connected. */
  authorities: readonly string[];
  /** Unix ms at which the current token expires, when it says. */
  expiresAt?: number;
  /** Why the last attempt failed (`failed`, `rejected`). */
  error?: string;
}

export interface SandboxHandle {
  url: string;
  stop(): Promise<void>;
  /** Settles when the child process has exited, for whatever reason. */
  exited?: Promise<unknown>;
  /** The child's process id, when it runs as one. */
  pid?: number;
}

export interface SignInRequest {
  loginUrl: string;
  username: string;
  password: string;
}

export interface TokenGrant {
  location: string;
  token: string;
}

/** What the connection reads from a token (decoded, not verified: the server verifies). */
export interface TokenClaims {
  username?: string;
  authorities: string[];
  /** Unix ms. */
  expiresAt?: number;
}

export interface ApiFactoryOptions {
  location: string;
  token: () => string | undefined;
  settings: Settings;
}

export interface ConnectionDeps {
  settings(): Settings;
  /** Writes `connection.mode` to the user's settings. */
  setMode(mode: ConnectionMode): Promise<void>;
  sessions: SessionStore;
  startSandbox(settings: Settings): Promise<SandboxHandle>;
  signIn(request: SignInRequest): Promise<TokenGrant>;
  refreshToken(grant: TokenGrant): Promise<TokenGrant>;
  createApi(options: ApiFactoryOptions): WorkitemsApi;
  readClaims(token: string): TokenClaims;
  log: SecretAwareLog;
  now?: () => number;
  timers?: Timers;
}

/** The sandbox's built-in administrator; the sandbox only listens on loopback. */
export const SANDBOX_ADMIN = { username: 'admin', password: 'admin-password' } as const;
