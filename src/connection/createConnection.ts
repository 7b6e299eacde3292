// Builds the Connection of the running extension from VS Code's pieces: settings, SecretStorage,
// the bundled sandbox script, the HTTP client, the log. Also keeps it in step with settings
// changes and with sign-ins / sign-outs in other windows.
import * as vscode from 'vscode';
import { refreshToken, signIn } from '../api/auth';
import { NcxClient, type NcxClientOptions } from '../api/client';
import type { RequestLogEntry } from '../api/http';
import { logRequest } from '../log/log';
import type { SecretAwareLog } from '../log/redactingLog';
import { onDidChangeSettings, readSettings, writeUserSetting, writeUserSettingSeen } from '../ui/vscodeSettings';
import { Connection } from './connection';
import { setUpNetwork } from './networkSetup';
import { RateGates } from './rateGates';
import { sandboxLauncher } from './sandboxLauncher';
import { SecretSessionStore } from './secretSessionStore';
import type { SessionStore } from './sessionStore';

import { readTokenClaims } from './tokenClaims';
import { findProfile, readProfiles, withProfile, type ConnectionProfile, type ProfileHooks } from './profiles/connectionProfile';
import { StoredSessionKeeper } from './profiles/storedSessionKeeper';
import type { AuthScheme, TokenGrant } from './connectionTypes';
import { carryOverSingleConnection } from './profiles/carryOver';
import { TenantClients } from './tenantClients';

export interface CreatedConnection {
  connection: Connection;
  /** Each tenant's shared request budget (429s slow the whole extension for that tenant). */
  gates: RateGates;
  /** Each tenant's stored session (to tell which connections are signed in; the connection holds the token). */
  sessions: SessionStore;
  /** The named connections of the settings, and whether each has a stored session. */
  profiles: ProfileHooks;
  /** A client for each tenant not in use, from its stored session (the Workitems view reads several at once). */
  tenants: TenantClients;
  disposables: vscode.Disposable[];
}

export function createConnection(
  context: vscode.ExtensionContext,
  log: SecretAwareLog,
  observers: { onExchange?: NcxClientOptions['onExchange']; onLocation?(location: string): void } = {},
): CreatedConnection {
  const network = setUpNetwork(log);
  const sessions = new SecretSessionStore(context.secrets);
  const onRequest = (entry: RequestLogEntry): void => logRequest(log, entry);
  const timeoutMs = (): number => readSettings().requestTimeoutSeconds * 1000;
  const gates = new RateGates();
  const profilesNow = (): ConnectionProfile[] => readProfiles(readSettings().connections).profiles;
  const authSchemeOf = (tenant: string): AuthScheme => findProfile(profilesNow(), tenant)?.authScheme ?? readSettings()['ncx.authScheme'];
  const renewToken = (grant: TokenGrant, authScheme: AuthScheme): Promise<TokenGrant> => refreshToken({ ...grant, authScheme, timeoutMs: timeoutMs(), onRequest });
  const buildClient = (args: { location: string; token: () => string | undefined; authScheme: AuthScheme; timeoutMs: number }): NcxClient =>
    new NcxClient({
      ...args,
      onRequest,
      gate: gates.gateFor(args.location),
      ...(observers.onExchange ? { onExchange: observers.onExchange } : {}),
    });
  const connection = new Connection({
    settings: readSettings,
    setMode: async (mode, tenant) => {
      // The tenant first: a window following the mode change finds the tenant already chosen.
      if (tenant !== undefined) await writeUserSetting('connection.tenant', tenant);
      await writeUserSetting('connection.mode', mode);
    },
    profiles: profilesNow,
    remember: (profile) => writeUserSetting('connections', withProfile(profilesNow(), profile)),
    prepare: () => carryOverSingleConnection({ secrets: context.secrets, sessions, settings: readSettings, write: writeUserSetting, memento: context.globalState, log }),
    sessions,
    startSandbox: sandboxLauncher({ script: context.asAbsolutePath('dist/sandbox.js'), log }),
    signIn: (request) => signIn({ ...request, timeoutMs: timeoutMs(), onRequest }),
    refreshToken: renewToken,
    createApi: ({ location, token, settings, authScheme }) => {
      observers.onLocation?.(location);
      return buildClient({ location, token, authScheme, timeoutMs: settings.requestTimeoutSeconds * 1000 });
    },
    readClaims: readTokenClaims,
    log,
  });
  // A connection left out of the list is said once per change, never guessed at.
  // The sessions of the tenants not in use are renewed too, each on its own schedule.
  const keeper = new StoredSessionKeeper({
    tenants: () => profilesNow().map((profile) => profile.name),
    inUse: () => (connection.state.mode === 'ncx' ? connection.tenantName : undefined),
    sessions,
    refreshToken: renewToken,
    authScheme: authSchemeOf,
    readClaims: readTokenClaims,
    allowInsecureHttp: () => readSettings()['ncx.allowInsecureHttp'],
    log,
  });
  const rescan = (): void => {
    keeper.rescan().catch((error: unknown) => log.warn(`Scheduling the renewal of stored sessions: ${error instanceof Error ? error.message : String(error)}`));
  };
  rescan();
  const reportProfiles = (): void => readProfiles(readSettings().connections).problems.forEach((problem) => log.warn(`Settings: ${problem}`));
  reportProfiles();
  const reportFailure = (what: string) => (error: unknown) =>
    log.error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  const disposables: vscode.Disposable[] = [
    network,
    new vscode.Disposable(
      gates.onDidSlowDown((origin, state) =>
        log.warn(`${origin} answered 429: every request to it waits until ${new Date(state.pausedUntil ?? Date.now()).toISOString()}, then goes one every ${state.spacingMs ?? 0} ms for a while`),
      ).dispose,
    ),
    sessions,
    { dispose: () => keeper.dispose() },
    new vscode.Disposable(connection.onDidChangeConnection(rescan).dispose),
    onDidChangeSettings((affects) => {
      if (affects('connections')) {
        reportProfiles();
        rescan();
      }
      connection.settingsChanged(affects).catch(reportFailure('Applying the changed settings'));
    }),
    sessions.onDidChange((tenant) => {
      connection.storedSessionChanged(tenant).catch(reportFailure('Following the sign-in of another window'));
      rescan();
    }),
  ];
  const tenants = new TenantClients({
    sessions,
    buildClient: (args) => buildClient({ ...args, timeoutMs: timeoutMs() }),
    authScheme: authSchemeOf,
    allowInsecureHttp: () => readSettings()['ncx.allowInsecureHttp'],
    readClaims: readTokenClaims,
  });
  disposables.push({ dispose: () => tenants.dispose() });
  const profiles: ProfileHooks = {
    list: profilesNow,
    // Resolved once the list is read back, so the next pick or view lists what was just saved.
    save: async (list) => {
      if (!(await writeUserSettingSeen('connections', [...list]))) {
        log.warn('Saved the connections, but VS Code has not shown the new list to the extension yet: a list read now may miss the change.');
      }
    },
    hasSession: async (tenant) => (await sessions.get(tenant)) !== undefined,
  };
  return { connection, gates, sessions, profiles, tenants, disposables };
}
