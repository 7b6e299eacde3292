import * as assert from 'node:assert/strict';
import { signIn } from '../../../src/api/auth';
import { NcxClient } from '../../../src/api/client';
import { isNcxError } from '../../../src/api/errors';
import type { RequestLogEntry } from '../../../src/api/http';
import { TenantClients } from '../../../src/connection/tenantClients';
import { readTokenClaims } from '../../../src/connection/tokenClaims';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server/startSandbox';
import { MemorySessionStore } from './helpers/memorySessionStore';

// Two sandboxes of different seeds and sizes stand in for two tenants, each signed in with its own
// session in the store; nothing here goes through the connection in use.
describe('clients of the tenants not in use: each from its own stored session', () => {
  let acme: RunningSandbox;
  let globex: RunningSandbox;

  before(async () => {
    [acme, globex] = await Promise.all([
      startSandbox({ port: 0, size: 120, seed: 41, traffic: false }),
      startSandbox({ port: 0, size: 180, seed: 42, traffic: false }),
    ]);
  });

  after(async () => {
    await Promise.all([acme.stop(), globex.stop()]);
  });

  async function world() {
    const sessions = new MemorySessionStore();
    for (const [name, sandbox] of [['acme', acme], ['globex', globex]] as const) {
      const grant = await signIn({ loginUrl: sandbox.url, username: 'admin', password: 'admin-password' });
      await sessions.set(name, { loginUrl: sandbox.url, location: grant.location, token: grant.token, username: 'admin' });
    }
    const requests: RequestLogEntry[] = [];
    const built: { location: string; token: string | undefined }[] = [];
    const clients = new TenantClients({
      sessions,
      buildClient: ({ location, token, authScheme }) => {
        built.push({ location, token: token() });
        return new NcxClient({ location, token, authScheme, retries: 0, onRequest: (entry) => requests.push(entry) });
      },
      authScheme: () => 'bearer',
      allowInsecureHttp: () => false,
      readClaims: readTokenClaims,
    });
    return { sessions, clients, requests, built };
  }

  /** What the tenant holds, asked with a client of its own (not through TenantClients). */
  async function ownCount(sandbox: RunningSandbox): Promise<number> {
    const grant = await signIn({ loginUrl: sandbox.url, username: 'admin', password: 'admin-password' });
    return new NcxClient({ location: grant.location, token: () => grant.token, retries: 0 }).count(undefined);
  }

  it('reads each tenant with its own session: counts equal each sandbox’s own, and differ', async () => {
    const { clients, sessions, built } = await world();
    const [acmeCount, globexCount] = await Promise.all([clients.apiFor('acme').count(undefined), clients.apiFor('globex').count(undefined)]);
    assert.equal(acmeCount, await ownCount(acme));
    assert.equal(globexCount, await ownCount(globex));
    assert.notEqual(acmeCount, globexCount);
    const globexSession = await sessions.get('globex');
    const acmeSession = await sessions.get('acme');
    assert.deepEqual(
      built.map((entry) => entry.token).sort(),
      [acmeSession?.token, globexSession?.token].sort(),
      'each client carries its own tenant’s token',
    );
    assert.equal(built.find((entry) => entry.location === globexSession?.location)?.token, globexSession?.token);
    // What its rows may offer: the permissions its own token carries.
    assert.ok(globexSession);
    assert.deepEqual(clients.identityOf('GLOBEX'), { username: 'admin', authorities: readTokenClaims(globexSession.token).authorities });
    assert.equal(clients.identityOf('initech'), undefined);
  });

  it('builds one client per tenant and names compare without case', async () => {
    const { clients, built } = await world();
    await clients.apiFor('Globex').count(undefined);
    await clients.apiFor('globex').count(undefined);
    assert.equal(built.length, 1);
  });

  it('says which tenant is not signed in, and sends nothing', async () => {
    const { clients, requests } = await world();
    await assert.rejects(clients.apiFor('initech').count(undefined), (error: unknown) => {
      assert.ok(isNcxError(error) && error.kind === 'unauthorized');
      assert.match(error.message, /Not signed in to initech/);
      return true;
    });
    assert.equal(requests.length, 0);
  });

  it('reads the renewed session after the store changes, and a sign-out ends the reading', async () => {
    const { clients, sessions, built } = await world();
    await clients.apiFor('globex').count(undefined);
    const renewed = await signIn({ loginUrl: globex.url, username: 'admin', password: 'admin-password' });
    const before = await sessions.get('globex');
    assert.ok(before);
    await sessions.set('globex', { ...before, token: renewed.token });
    await clients.apiFor('globex').count(undefined);
    assert.deepEqual(
      built.map((entry) => entry.token),
      [before.token, renewed.token],
    );
    await sessions.delete('globex');
    await assert.rejects(clients.apiFor('globex').count(undefined), /Not signed in to globex/);
  });

  it('refuses a stored location the URL policy does not allow, with its reason and no request', async () => {
    const { clients, sessions, requests } = await world();
    await sessions.set('plain', { loginUrl: 'http://ncx.example.com', location: 'http://ncx.example.com/api', token: 'token', username: 'someone' });
    await assert.rejects(clients.apiFor('plain').count(undefined), (error: unknown) => isNcxError(error) && error.kind === 'badRequest');
    assert.equal(requests.length, 0);
  });
});
