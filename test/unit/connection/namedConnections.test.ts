import * as assert from 'node:assert/strict';
import { isNcxError } from '../../../src/api/errors';
import type { ApiFactoryOptions } from '../../../src/connection/connection';
import { tenantName } from '../../../src/connection/tenantName';
import { NcxClient } from '../../../src/api/client';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server/startSandbox';
import { connectionRig, type ConnectionRig } from './helpers/connectionRig';

// Two sandboxes of different sizes stand in for two tenants: a count tells which one answered.
describe('named connections: several tenants, each with its own session', () => {
  let acme: RunningSandbox;
  let globex: RunningSandbox;
  let rig: ConnectionRig;

  before(async () => {
    [acme, globex] = await Promise.all([
      startSandbox({ port: 0, size: 40, seed: 11, traffic: false }),
      startSandbox({ port: 0, size: 70, seed: 12, traffic: false }),
    ]);
  });

  after(async () => {
    await Promise.all([acme.stop(), globex.stop()]);
  });

  afterEach(async () => {
    await rig.cleanUp();
  });

  const profiles = (): unknown[] => [
    { name: 'acme-prod', loginUrl: acme.url },
    { name: 'globex', loginUrl: globex.url, protected: false },
  ];

  it('keeps each tenant signed in under its own key, and switches back without asking for a password', async () => {
    rig = connectionRig({}, { connections: profiles() });
    await rig.connection.signIn({ loginUrl: acme.url, username: 'agent', password: 'agent-password', tenant: 'acme-prod' });
    assert.equal(await (await rig.connection.getApi()).count(undefined), 40);
    assert.equal(rig.connection.state.tenant, 'acme-prod');
    assert.equal(tenantName(rig.connection.state), 'acme-prod');
    await rig.connection.signIn({ loginUrl: globex.url, username: 'admin', password: 'admin-password', tenant: 'globex' });
    assert.equal(await (await rig.connection.getApi()).count(undefined), 70);
    assert.deepEqual([...rig.sessions.byTenant.keys()].sort(), ['acme-prod', 'globex']);
    assert.equal(rig.settings['connection.tenant'], 'globex');

    const signIns = rig.signIns;
    await rig.connection.useTenant('acme-prod');
    assert.equal(rig.connection.state.status, 'idle', 'nothing fetched until asked');
    assert.equal(await (await rig.connection.getApi()).count(undefined), 40);
    assert.equal(rig.signIns, signIns, 'the stored session was used, no new sign-in');
    assert.equal(rig.connection.state.username, 'agent');
    assert.equal(rig.settings['connection.tenant'], 'acme-prod');
    assert.equal(rig.settings['connection.mode'], 'ncx');
  });

  it('signs out of one tenant without touching the other', async () => {
    rig = connectionRig({}, { connections: profiles() });
    await rig.connection.signIn({ loginUrl: acme.url, username: 'agent', password: 'agent-password', tenant: 'acme-prod' });
    await rig.connection.signIn({ loginUrl: globex.url, username: 'agent', password: 'agent-password', tenant: 'globex' });
    await rig.connection.signOut('acme-prod');
    assert.equal(rig.connection.state.status, 'connected', 'the tenant in use is still signed in');
    assert.equal(rig.sessions.byTenant.has('acme-prod'), false);
    assert.equal(rig.sessions.byTenant.has('globex'), true);

    await rig.connection.useTenant('acme-prod');
    const error = await (await rig.connection.getApi().then(() => undefined, (rejected: unknown) => rejected));
    assert.ok(isNcxError(error) && error.kind === 'unauthorized', 'signed out of acme-prod: it asks for a sign-in');
    assert.equal(rig.connection.state.status, 'signedOut');
    assert.equal(rig.connection.state.tenant, 'acme-prod', 'the state still names the tenant chosen');
  });

  it('ignores a sign-out of another tenant in another window, and follows one of its own', async () => {
    rig = connectionRig({}, { connections: profiles() });
    await rig.connection.signIn({ loginUrl: acme.url, username: 'agent', password: 'agent-password', tenant: 'acme-prod' });
    const changes = rig.connectionChanges;
    rig.sessions.changeFromAnotherWindow(undefined, 'globex');
    await rig.connection.storedSessionChanged('globex');
    assert.equal(rig.connection.state.status, 'connected');
    assert.equal(rig.connectionChanges, changes);

    rig.sessions.changeFromAnotherWindow(undefined, 'acme-prod');
    await rig.connection.storedSessionChanged('ACME-PROD');
    assert.equal(rig.connection.state.status, 'signedOut');
  });

  it('names a tenant signed in to by URL after its host, and adds it to the named connections', async () => {
    rig = connectionRig();
    await rig.connection.signIn({ loginUrl: acme.url, username: 'agent', password: 'agent-password' });
    const host = new URL(acme.url).host.toLowerCase();
    assert.equal(rig.connection.state.tenant, host);
    assert.deepEqual(rig.settings.connections, [{ name: host, loginUrl: acme.url }]);
    assert.equal(rig.settings['connection.tenant'], host);
  });

  it("sends each tenant's token the way its connection says", async () => {
    const schemes: string[] = [];
    rig = connectionRig(
      {
        createApi: ({ location, token, authScheme }: ApiFactoryOptions) => {
          schemes.push(authScheme);
          return new NcxClient({ location, token, authScheme, retries: 0 });
        },
      },
      { connections: [{ name: 'acme-prod', loginUrl: acme.url, authScheme: 'raw' }, ...profiles().slice(1)] },
    );
    await rig.connection.signIn({ loginUrl: acme.url, username: 'agent', password: 'agent-password', tenant: 'acme-prod' });
    await rig.connection.signIn({ loginUrl: globex.url, username: 'agent', password: 'agent-password', tenant: 'globex' });
    assert.deepEqual(schemes, ['raw', 'bearer']);
    assert.equal((await rig.connection.liveEndpoint()).authScheme, 'bearer');
  });

  it('is not thrown off by the change events of its own two-step write of mode and tenant', async () => {
    const changes: Array<Promise<void>> = [];
    rig = connectionRig(
      {
        // As VS Code does it: each write fires its change event, the tenant's before the mode is written.
        setMode: async (mode, tenant) => {
          rig.settings = { ...rig.settings, 'connection.tenant': tenant ?? '' };
          changes.push(rig.connection.settingsChanged((key) => key === 'connection.tenant'));
          await new Promise((resolve) => setImmediate(resolve));
          rig.settings = { ...rig.settings, 'connection.mode': mode };
          changes.push(rig.connection.settingsChanged((key) => key === 'connection.mode'));
        },
      },
      { connections: profiles() },
    );
    await rig.connection.signIn({ loginUrl: acme.url, username: 'agent', password: 'agent-password', tenant: 'acme-prod' });
    await Promise.all(changes);
    assert.equal(rig.connectionChanges, 1, 'one change: the sign-in');
    assert.equal(rig.connection.state.status, 'connected');
    assert.equal(rig.started.length, 0, 'no sandbox started in between');
    await rig.connection.useSandbox();
    await Promise.all(changes);
    assert.equal(rig.connectionChanges, 2);
    assert.equal(rig.connection.state.mode, 'sandbox');
  });

  it('is not switched back by the tenant change event read before its own mode write is visible', async () => {
    const changes: Array<Promise<void>> = [];
    rig = connectionRig(
      {
        // As a remote VS Code does it: the write resolves, its new value (and its event) arrive a moment later.
        setMode: async (mode, tenant) => {
          rig.settings = { ...rig.settings, 'connection.tenant': tenant ?? '' };
          changes.push(rig.connection.settingsChanged((key) => key === 'connection.tenant'));
          setTimeout(() => {
            rig.settings = { ...rig.settings, 'connection.mode': mode };
            changes.push(rig.connection.settingsChanged((key) => key === 'connection.mode'));
          }, 5);
        },
      },
      { connections: profiles() },
    );
    const settled = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await Promise.all(changes);
    };
    await rig.connection.signIn({ loginUrl: acme.url, username: 'agent', password: 'agent-password', tenant: 'acme-prod' });
    await settled();
    assert.equal(rig.connection.state.mode, 'ncx');
    assert.equal(rig.connection.state.status, 'connected');
    await rig.connection.useSandbox();
    await settled();
    assert.equal(rig.connection.state.mode, 'sandbox');
    assert.equal(rig.connectionChanges, 2, 'the sign-in and the switch, nothing in between');
  });

  it("is not switched back by a late change event of its earlier write after a later switch", async () => {
    const changes: Array<Promise<void>> = [];
    rig = connectionRig(
      {
        // As a remote window does it: each write lands (with its events) a moment after it resolves.
        setMode: async (mode, tenant) => {
          setTimeout(() => {
            rig.settings = { ...rig.settings, 'connection.mode': mode, 'connection.tenant': tenant ?? '' };
            changes.push(rig.connection.settingsChanged((key) => key === 'connection.mode' || key === 'connection.tenant'));
          }, 5);
        },
      },
      { connections: profiles() },
    );
    await rig.connection.signIn({ loginUrl: acme.url, username: 'agent', password: 'agent-password', tenant: 'acme-prod' });
    await rig.connection.useSandbox();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await Promise.all(changes);
    assert.equal(rig.connection.state.mode, 'sandbox');
    assert.equal(rig.connectionChanges, 2, 'the sign-in and the switch, nothing in between');
  });

  it('does not switch back to a tenant whose sign-out it was still reading when the sandbox was chosen', async () => {
    rig = connectionRig({}, { connections: profiles() });
    await rig.connection.signIn({ loginUrl: acme.url, username: 'agent', password: 'agent-password', tenant: 'acme-prod' });
    await rig.connection.signOut('acme-prod');
    // The store's change event is being handled (reading the store) as the user picks the sandbox.
    const following = rig.connection.storedSessionChanged('acme-prod');
    const switching = rig.connection.useSandbox();
    await Promise.all([following, switching]);
    assert.equal(rig.connection.state.mode, 'sandbox');
    assert.equal(await (await rig.connection.getApi()).count(undefined), 200, "the extension's sandbox answers");
  });

  it('follows a tenant chosen in the settings (another window, or by hand)', async () => {
    rig = connectionRig({}, { connections: profiles() });
    await rig.connection.signIn({ loginUrl: acme.url, username: 'agent', password: 'agent-password', tenant: 'acme-prod' });
    await rig.connection.signIn({ loginUrl: globex.url, username: 'agent', password: 'agent-password', tenant: 'globex' });
    rig.settings = { ...rig.settings, 'connection.tenant': 'acme-prod' };
    await rig.connection.settingsChanged((key) => key === 'connection.tenant');
    assert.equal(rig.connection.state.tenant, 'acme-prod');
    assert.equal(await (await rig.connection.getApi()).count(undefined), 40);
  });
});
