// The connection's vocabulary, shared by the status bar, the commands and the tests: its state,
// what it needs injected (so it runs in plain Node tests), and what it hands to those parts.
import type { WorkitemsApi } from '../api/workitemsApi';
import type { Settings } from '../config/settings';
import type { SecretAwareLog } from '../log/redactingLog';
import type { Timers } from '../model/timers';
import type { SessionStore } from './sessionStore';
import type { ConnectionProfile } from './profiles/connectionProfile';

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
  /** The NCX tenant's name (its connection's), in NCX mode once one is chosen. */
  tenant?: string;
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
  /** The named connection signed in to; by default the tenant is named after the host it answers from. */
  tenant?: string;
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
  authScheme: AuthScheme;
}

export type AuthScheme = Settings['ncx.authScheme'];

export interface ConnectionDeps {
  settings(): Settings;
  /** Writes `connection.mode` and, in NCX mode, `connection.tenant` to the user's settings. */
  setMode(mode: ConnectionMode, tenant?: string): Promise<void>;
  /** The named connections (login URL, auth scheme) as the settings declare them now. */
  profiles?(): readonly ConnectionProfile[];
  /** Records a tenant signed in to by URL among the named connections, when it is not one yet. */
  remember?(profile: ConnectionProfile): Promise<void>;
  /** Runs once before anything is read (moving a single-connection session to its tenant's key). */
  prepare?(): Promise<void>;
  sessions: SessionStore;
  startSandbox(settings: Settings): Promise<SandboxHandle>;
  signIn(request: SignInRequest): Promise<TokenGrant>;
  refreshToken(grant: TokenGrant, authScheme: AuthScheme): Promise<TokenGrant>;
  createApi(options: ApiFactoryOptions): WorkitemsApi;
  readClaims(token: string): TokenClaims;
  log: SecretAwareLog;
  now?: () => number;
  timers?: Timers;
}

/** The sandbox's built-in administrator; the sandbox only listens on loopback. */
export const SANDBOX_ADMIN = { username: 'admin', password: 'admin-password' } as const;
