// One signed-in session as the connection holds it (the token lives here and nowhere else in the
// extension's memory), and how it is described to the rest of the extension.
import type { WorkitemsApi } from '../api/workitemsApi';
import type { AuthScheme, ConnectionMode, ConnectionState, ConnectionStatus } from './connectionTypes';

export interface ActiveSession {
  readonly mode: ConnectionMode;
  readonly location: string;
  readonly loginUrl: string;
  readonly username: string;
  /** How its token is sent (the connection's own scheme, or the setting's). */
  readonly authScheme: AuthScheme;
  token: string;
  authorities: string[];
  expiresAt?: number;
  readonly api: WorkitemsApi;
  rejected: boolean;
}

export function hostOf(location: string): string | undefined {
  try {
    return new URL(location).host;
  } catch {
    return undefined;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function describeSession(session: ActiveSession, status: ConnectionStatus, error?: string): ConnectionState {
  return {
    mode: session.mode,
    status,
    host: hostOf(session.location),
    username: session.username,
    // Permissions only count while the server accepts the token.
    authorities: status === 'connected' ? session.authorities : [],
    expiresAt: session.expiresAt,
    error,
  };
}
