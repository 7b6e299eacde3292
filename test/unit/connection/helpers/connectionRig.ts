// A Connection wired to real parts (the in-process sandbox, the HTTP client, sign-in and renewal)
// with the VS Code parts replaced: settings in an object, secrets in memory, a manual clock.
import { refreshToken, signIn } from '../../../../src/api/auth';
import { NcxClient } from '../../../../src/api/client';
import { parseSettings, type Settings } from '../../../../src/config/settings';
import {
  Connection,
  type ConnectionDeps,
  type ConnectionState,
  type SandboxHandle,
} from '../../../../src/connection/connection';
import { readTokenClaims } from '../../../../src/connection/tokenClaims';
import { readProfiles, withProfile } from '../../../../src/connection/profiles/connectionProfile';
import { logRequest } from '../../../../src/log/log';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox/server/startSandbox';
import { ManualClock } from '../../../support/manualClock';
import { recordingLog, type RecordingLog } from '../../commands/helpers/recordingLog';
import { MemorySessionStore } from './memorySessionStore';

export class ConnectionRig {
  readonly connection: Connection;
  settings: Settings;
  readonly sessions = new MemorySessionStore();
  readonly log: RecordingLog = recordingLog();
  readonly clock = new ManualClock(Date.now());
  /** Sandboxes the connection started, in order. */
  readonly started: RunningSandbox[] = [];
  stopped = 0;
  signIns = 0;
  refreshes = 0;
  connectionChanges = 0;
  readonly rejections: ConnectionState[] = [];

  constructor(overrides: Partial<ConnectionDeps>, initial: Partial<Settings>) {
    this.settings = { ...parseSettings(() => undefined), ...initial };
    const onRequest = (entry: Parameters<typeof logRequest>[1]): void => logRequest(this.log, entry);
    this.connection = new Connection({
      settings: () => this.settings,
      setMode: async (mode, tenant) => {
        this.settings = { ...this.settings, 'connection.mode': mode, ...(tenant !== undefined ? { 'connection.tenant': tenant } : {}) };
      },
      profiles: () => readProfiles(this.settings.connections).profiles,
      remember: async (profile) => {
        this.settings = { ...this.settings, connections: withProfile(readProfiles(this.settings.connections).profiles, profile) };
      },
      sessions: this.sessions,
      startSandbox: async (settings): Promise<SandboxHandle> => {
        const sandbox = await startSandbox({ port: 0, size: Math.min(settings['sandbox.size'], 200), seed: 3, traffic: false });
        this.started.push(sandbox);
        return {
          url: sandbox.url,
          stop: async () => {
            this.stopped++;
            await sandbox.stop();
          },
        };
      },
      signIn: (request) => {
        this.signIns++;
        return signIn({ ...request, onRequest });
      },
      refreshToken: (grant, authScheme) => {
        this.refreshes++;
        return refreshToken({ ...grant, authScheme, onRequest });
      },
      createApi: ({ location, token }) => new NcxClient({ location, token, retries: 0, onRequest }),
      readClaims: readTokenClaims,
      log: this.log,
      now: this.clock.now,
      timers: this.clock,
      ...overrides,
    });
    this.connection.onDidChangeConnection(() => this.connectionChanges++);
    this.connection.onDidRejectToken((state) => this.rejections.push(state));
  }

  /** Stops everything still running; call in afterEach. */
  async cleanUp(): Promise<void> {
    await this.connection.dispose();
    await Promise.all(this.started.map((sandbox) => sandbox.stop()));
  }
}

export function connectionRig(overrides: Partial<ConnectionDeps> = {}, initial: Partial<Settings> = {}): ConnectionRig {
  return new ConnectionRig(overrides, initial);
}

/** Resolves with the first state change that satisfies `predicate`. */
export function nextState(connection: Connection, predicate: (state: ConnectionState) => boolean): Promise<ConnectionState> {
  return new Promise((resolve) => {
    const subscription = connection.onDidChangeState((state) => {
      if (predicate(state)) {
        subscription.dispose();
        resolve(state);
      }
    });
  });
}
