import * as assert from 'node:assert/strict';
import { signIn } from '../../../src/api/auth';
import { isNcxError, NcxError } from '../../../src/api/errors';
import { SANDBOX_ADMIN } from '../../../src/connection/connection';
import { showRejectedToken } from '../../../src/connection/rejectedTokenNotice';
import { REFRESH_LEAD_MS } from '../../../src/connection/tokenSchedule';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server/startSandbox';
import { FakeUi } from '../commands/helpers/fakeUi';
import { connectionRig, nextState, type ConnectionRig } from './helpers/connectionRig';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the promise to reject');
}

describe('Connection in sandbox mode (the default)', () => {
  let rig: ConnectionRig;

  afterEach(async () => {
    await rig.cleanUp();
  });

  it('starts nothing and fetches nothing until something asks for the API', () => {
    rig = connectionRig();
    assert.equal(rig.connection.state.mode, 'sandbox');
    assert.equal(rig.connection.state.status, 'idle');
    assert.equal(rig.started.length, 0);
    assert.equal(rig.signIns, 0);
  });

  it('starts the sandbox once for concurrent first requests and signs in as its admin', async () => {
    rig = connectionRig();
    const apis = await Promise.all([rig.connection.getApi(), rig.connection.getApi(), rig.connection.getApi()]);

    assert.equal(rig.started.length, 1);
    assert.equal(rig.signIns, 1);
    assert.equal(new Set(apis).size, 1);
    const state = rig.connection.state;
    assert.equal(state.status, 'connected');
    assert.equal(state.username, SANDBOX_ADMIN.username);
    assert.equal(state.host, new URL(rig.started[0]?.url ?? '').host);
    assert.ok(rig.connection.permissions.includes('workitems:admin'));
    assert.equal(await apis[0]?.count(undefined), 200);
    assert.equal(rig.connectionChanges, 0, 'a first connection is not a change for the tree to reload');
  });

  it('stops the sandbox when disposed', async () => {
    rig = connectionRig();
    await rig.connection.getApi();
    await rig.connection.dispose();
    assert.equal(rig.stopped, 1);
    await assert.rejects(fetch(`${rig.started[0]?.url}/provider/token-with-authorities`));
  });

  it('restarts the sandbox lazily when its size setting changes, and tells the tree to reload', async () => {
    rig = connectionRig();
    await rig.connection.getApi();
    rig.settings = { ...rig.settings, 'sandbox.size': 120 };
    await rig.connection.settingsChanged((key) => key === 'sandbox.size');
    assert.equal(rig.stopped, 1);
    assert.equal(rig.connectionChanges, 1);
    assert.equal(rig.started.length, 1, 'not restarted before it is needed');
    assert.equal(await (await rig.connection.getApi()).count(undefined), 120);
    assert.equal(rig.started.length, 2);
  });

  it('notices a sandbox that exits by itself and starts a new one with the next request', async () => {
    const exits: Array<() => void> = [];
    const sandboxes: RunningSandbox[] = [];
    rig = connectionRig({
      startSandbox: async () => {
        const sandbox = await startSandbox({ port: 0, size: 30, seed: 2, traffic: false });
        sandboxes.push(sandbox);
        return { url: sandbox.url, stop: () => sandbox.stop(), exited: new Promise<void>((resolve) => exits.push(resolve)) };
      },
    });
    try {
      await rig.connection.getApi();
      await sandboxes[0]?.stop();
      exits[0]?.();
      await new Promise((resolve) => setImmediate(resolve));

      assert.equal(rig.connection.state.status, 'failed');
      assert.match(rig.connection.state.error ?? '', /stopped unexpectedly/);
      assert.equal(await (await rig.connection.getApi()).count(undefined), 30);
      assert.equal(sandboxes.length, 2);
    } finally {
      await Promise.all(sandboxes.map((sandbox) => sandbox.stop()));
    }
  });

  it('signs in again by itself when the sandbox rejects its token', async () => {
    let tamper = true;
    rig = connectionRig({
      signIn: async (request) => {
        const grant = await signIn(request);
        // The first token is from "another" sandbox: well-formed, wrongly signed.
        return tamper ? { ...grant, token: `${grant.token.slice(0, -4)}AAAA` } : grant;
      },
    });
    const stale = await rig.connection.getApi();
    tamper = false;
    const error = await rejection(stale.count(undefined));
    assert.ok(isNcxError(error) && error.kind === 'unauthorized');
    assert.equal(rig.connectionChanges, 1, 'the tree is told to reload');
    assert.equal(rig.rejections.length, 0, 'no sign-in prompt for the sandbox');

    assert.equal(await (await rig.connection.getApi()).count(undefined), 200);
    assert.equal(rig.connection.state.status, 'connected');
  });
});

describe('Connection to NCX (the sandbox standing in for a tenant)', () => {
  let tenant: RunningSandbox;
  let rig: ConnectionRig;

  before(async () => {
    tenant = await startSandbox({ port: 0, size: 50, seed: 5, traffic: false });
  });

  after(async () => {
    await tenant.stop();
  });

  afterEach(async () => {
    await rig.cleanUp();
  });

  it('signs in, keeps the token in the session store only, and switches the mode to ncx', async () => {
    rig = connectionRig();
    const state = await rig.connection.signIn({ loginUrl: tenant.url, username: 'agent', password: 'agent-password' });

    assert.equal(state.mode, 'ncx');
    assert.equal(state.status, 'connected');
    assert.equal(state.username, 'agent');
    assert.deepEqual([...rig.connection.permissions].sort(), ['workitems:read', 'workitems:write']);
    assert.equal(rig.settings['connection.mode'], 'ncx');
    assert.equal(rig.connectionChanges, 1);
    const stored = rig.sessions.session;
    assert.ok(stored && stored.token.length > 20);
    assert.equal(stored.location, tenant.url);
    assert.ok(!JSON.stringify(rig.settings).includes(stored.token), 'never in settings');
    assert.equal(rig.started.length, 0, 'no local sandbox was started for NCX');
    assert.equal(await (await rig.connection.getApi()).count(undefined), 50);
  });

  it('stops the local sandbox once signed in to NCX, and starts it again when going back', async () => {
    rig = connectionRig();
    await rig.connection.getApi();
    assert.equal(rig.started.length, 1);
    await rig.connection.signIn({ loginUrl: tenant.url, username: 'agent', password: 'agent-password' });
    assert.equal(rig.stopped, 1);

    await rig.connection.useSandbox();
    assert.equal(rig.started.length, 1, 'started again only when needed');
    await rig.connection.getApi();
    assert.equal(rig.started.length, 2);
  });

  it('keeps the embedded sandbox running when signing in to that sandbox itself', async () => {
    rig = connectionRig();
    await rig.connection.getApi();
    const ownUrl = rig.started[0]?.url ?? '';
    const state = await rig.connection.signIn({ loginUrl: ownUrl, username: 'viewer', password: 'viewer-password' });

    assert.equal(state.status, 'connected');
    assert.equal(rig.stopped, 0, 'the sandbox the session points at was not stopped');
    assert.deepEqual([...rig.connection.permissions], ['workitems:read']);
    assert.equal(await (await rig.connection.getApi()).count(undefined), 200);
  });

  it('refuses a plain http:// login URL to another host before sending anything', async () => {
    rig = connectionRig();
    const error = await rejection(
      rig.connection.signIn({ loginUrl: 'http://login.example.com', username: 'agent', password: 'agent-password' }),
    );
    assert.ok(isNcxError(error) && error.kind === 'badRequest');
    assert.match(String((error as Error).message), /plain http:\/\//);
    assert.equal(rig.signIns, 0);
    assert.equal(rig.sessions.session, undefined);
  });

  it('refuses a location that would send the token over plain http:// to another host', async () => {
    rig = connectionRig({
      signIn: async () => ({ location: 'http://us1.example.com', token: 'eyJhbGciOiJIUzI1NiJ9.e30.sig' }),
    });
    const error = await rejection(
      rig.connection.signIn({ loginUrl: 'https://login.example.com', username: 'agent', password: 'agent-password' }),
    );
    assert.match(String((error as Error).message), /not safe to use/);
    assert.equal(rig.sessions.session, undefined);
    assert.equal(rig.settings['connection.mode'], 'sandbox');
  });

  it('renews the token ahead of its expiry and keeps using the renewed one', async () => {
    rig = connectionRig();
    await rig.connection.signIn({ loginUrl: tenant.url, username: 'agent', password: 'agent-password' });
    const first = rig.sessions.session?.token;
    const expiresAt = rig.connection.state.expiresAt;
    assert.ok(first && expiresAt);

    const renewed = nextState(rig.connection, (state) => state.status === 'connected');
    rig.clock.advance(expiresAt - rig.clock.now() - REFRESH_LEAD_MS);
    await renewed;
    await new Promise((resolve) => setImmediate(resolve));

    assert.equal(rig.refreshes, 1);
    const second = rig.sessions.session?.token;
    assert.ok(second && second !== first, 'the stored token was replaced');
    assert.equal(rig.connectionChanges, 1, 'renewal is not a change of connection');
    assert.equal(await (await rig.connection.getApi()).count(undefined), 50);
  });

  it('reports a rejected token (401) once, with the host and the user, and offers Sign In', async () => {
    rig = connectionRig();
    rig.sessions.tenant = 'acme-prod';
    rig.sessions.session = {
      loginUrl: tenant.url,
      location: tenant.url,
      username: 'agent',
      // Readable claims, but not signed by this tenant: what a revoked or foreign token looks like.
      token: `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(
        JSON.stringify({ sub: 'agent', authorities: ['workitems:read'], iat: 1, exp: Math.floor(Date.now() / 1000) + 3600 }),
      ).toString('base64url')}.c2lnbmF0dXJl`,
    };
    rig.settings = { ...rig.settings, 'connection.mode': 'ncx', 'connection.tenant': 'acme-prod' };
    await rig.connection.settingsChanged((key) => key === 'connection.mode' || key === 'connection.tenant');
    const api = await rig.connection.getApi();

    await rejection(api.count(undefined));
    await rejection(api.search({ q: 'state:active' }));

    assert.equal(rig.rejections.length, 1);
    assert.equal(rig.connection.state.status, 'rejected');
    const ui = new FakeUi();
    ui.messageAnswers = ['Sign In'];
    const [rejected] = rig.rejections;
    assert.ok(rejected);
    assert.equal(await showRejectedToken(ui, rejected), 'signIn');
    assert.equal(ui.messages[0]?.level, 'warn');
    assert.match(ui.messages[0]?.text ?? '', /acme-prod no longer accepts the session of agent/);
    assert.deepEqual(ui.messages[0]?.actions, ['Sign In', 'Use Local Sandbox']);
  });

  it('follows a sign-out in another window', async () => {
    rig = connectionRig();
    await rig.connection.signIn({ loginUrl: tenant.url, username: 'agent', password: 'agent-password' });
    rig.sessions.changeFromAnotherWindow(undefined);
    await rig.connection.storedSessionChanged();

    assert.equal(rig.connection.state.status, 'signedOut');
    assert.equal(rig.connectionChanges, 2);
    const error = await rejection(rig.connection.getApi());
    assert.ok(error instanceof NcxError && error.kind === 'unauthorized');
    assert.match(error.message, /Not signed in to NCX/);
  });

  it('adopts a token renewed by another window without reloading', async () => {
    rig = connectionRig();
    await rig.connection.signIn({ loginUrl: tenant.url, username: 'agent', password: 'agent-password' });
    const stored = rig.sessions.session;
    assert.ok(stored);
    const other = connectionRig();
    try {
      await other.connection.signIn({ loginUrl: tenant.url, username: 'agent', password: 'agent-password' });
      const otherToken = other.sessions.session?.token;
      assert.ok(otherToken);
      rig.sessions.changeFromAnotherWindow({ ...stored, token: otherToken });
      await rig.connection.storedSessionChanged();
      assert.equal(rig.connectionChanges, 1);
      assert.equal(rig.connection.state.status, 'connected');
    } finally {
      await other.cleanUp();
    }
  });

  it('signs out (forgetting the stored token) and goes back to the sandbox', async () => {
    rig = connectionRig();
    await rig.connection.signIn({ loginUrl: tenant.url, username: 'agent', password: 'agent-password' });
    await rig.connection.signOut();
    assert.equal(rig.sessions.session, undefined);
    assert.equal(rig.connection.state.status, 'signedOut');

    await rig.connection.useSandbox();
    assert.equal(rig.settings['connection.mode'], 'sandbox');
    assert.equal(rig.connection.state.mode, 'sandbox');
    assert.equal(rig.connectionChanges, 3);
    assert.equal(await (await rig.connection.getApi()).count(undefined), 200);
  });
});
