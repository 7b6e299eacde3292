// A real sandbox (in-process, on a free loopback port, no living traffic so states stay put) and
// a real client signed in as one of its users, with every request recorded.
import { signIn } from '../../../../src/api/auth';
import { NcxClient } from '../../../../src/api/client';
import type { RequestLogEntry } from '../../../../src/api/http';
import type { WorkitemsApi } from '../../../../src/api/workitemsApi';
import type { ConnectionHooks } from '../../../../src/commands/context';
import type { ConnectionState } from '../../../../src/connection/connection';
import { readTokenClaims } from '../../../../src/connection/tokenClaims';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox/server/startSandbox';

export const SANDBOX_PASSWORDS = {
  admin: 'admin-password',
  agent: 'agent-password',
  viewer: 'viewer-password',
} as const;
export type SandboxUserName = keyof typeof SANDBOX_PASSWORDS;

export function startTestSandbox(): Promise<RunningSandbox> {
  return startSandbox({ port: 0, size: 400, seed: 11, traffic: false });
}

export interface SignedInSession {
  api: WorkitemsApi;
  token: string;
  username: string;
  authorities: string[];
  /** Every request the client sent (each attempt). */
  requests: RequestLogEntry[];
}

export async function signInAs(url: string, username: SandboxUserName): Promise<SignedInSession> {
  const requests: RequestLogEntry[] = [];
  const grant = await signIn({ loginUrl: url, username, password: SANDBOX_PASSWORDS[username] });
  const claims = readTokenClaims(grant.token);
  const api = new NcxClient({
    location: grant.location,
    token: () => grant.token,
    retries: 0,
    onRequest: (entry) => requests.push(entry),
  });
  return { api, token: grant.token, username, authorities: claims.authorities, requests };
}

/** The commands' view of a connection that is already signed in. */
export function connectedHooks(session: SignedInSession): ConnectionHooks {
  const state: ConnectionState = {
    mode: 'sandbox',
    status: 'connected',
    host: 'sandbox',
    username: session.username,
    authorities: session.authorities,
  };
  return {
    state,
    permissions: session.authorities,
    getApi: async () => session.api,
    signIn: async () => state,
    signOut: async () => undefined,
    useSandbox: async () => undefined,
    useTenant: async () => undefined,
  };
}

/** Action requests (POST / DELETE on /users/api/calls/...) the client sent for one workitem. */
export function actionRequests(session: SignedInSession, workitemId: string): RequestLogEntry[] {
  return session.requests.filter(
    (entry) => entry.method !== 'GET' && entry.path.includes(`/users/api/calls/${encodeURIComponent(workitemId)}/`),
  );
}
