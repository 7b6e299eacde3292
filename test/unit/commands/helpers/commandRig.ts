// A CommandContext of fakes around a given API, for the command handlers.
import { PERMISSIONS } from '../../../../src/api/domain';
import type { WorkitemsApi } from '../../../../src/api/workitemsApi';
import { ActionRunner } from '../../../../src/commands/actionRunner';
import type { CommandContext, ConnectionHooks } from '../../../../src/commands/context';
import type { ConnectionState, SignInRequest } from '../../../../src/connection/connection';
import { FakePanels, FakeSettings, FakeTree } from './fakeHooks';
import { FakeUi } from './fakeUi';
import { recordingLog, type RecordingLog } from './recordingLog';

export class FakeConnection implements ConnectionHooks {
  state: ConnectionState = {
    mode: 'sandbox',
    status: 'connected',
    host: '127.0.0.1:7357',
    username: 'admin',
    authorities: [...PERMISSIONS],
  };
  readonly signIns: SignInRequest[] = [];
  signInError: Error | undefined;
  signOuts = 0;
  readonly signedOutOf: Array<string | undefined> = [];
  sandboxSwitches = 0;

  constructor(private readonly api: WorkitemsApi) {}

  get permissions(): readonly string[] {
    return this.state.authorities;
  }

  async getApi(): Promise<WorkitemsApi> {
    return this.api;
  }

  async signIn(request: SignInRequest): Promise<ConnectionState> {
    this.signIns.push(request);
    if (this.signInError) {
      throw this.signInError;
    }
    this.state = { mode: 'ncx', status: 'connected', host: new URL(request.loginUrl).host, username: request.username, authorities: ['workitems:read'] };
    return this.state;
  }

  async signOut(tenant?: string): Promise<void> {
    this.signOuts++;
    this.signedOutOf.push(tenant);
  }

  async useSandbox(): Promise<void> {
    this.sandboxSwitches++;
  }

  readonly tenantSwitches: string[] = [];

  async useTenant(tenant: string): Promise<void> {
    this.tenantSwitches.push(tenant);
    this.state = { mode: 'ncx', status: 'idle', tenant, authorities: [] };
  }
}

export interface CommandRig {
  ctx: CommandContext;
  ui: FakeUi;
  tree: FakeTree;
  panels: FakePanels;
  settings: FakeSettings;
  connection: FakeConnection;
  log: RecordingLog;
  runner: ActionRunner;
  logShown: () => number;
}

export function commandRig(api: WorkitemsApi): CommandRig {
  const ui = new FakeUi();
  const tree = new FakeTree();
  const panels = new FakePanels();
  const settings = new FakeSettings();
  const connection = new FakeConnection(api);
  const log = recordingLog();
  let shown = 0;
  const ctx: CommandContext = { ui, log, connection, tree, panels, settings, showLog: () => void shown++ };
  return { ctx, ui, tree, panels, settings, connection, log, runner: new ActionRunner(ctx), logShown: () => shown };
}
