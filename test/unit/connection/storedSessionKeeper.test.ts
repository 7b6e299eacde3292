import * as assert from 'node:assert/strict';
import { refreshToken, signIn } from '../../../src/api/auth';
import { NcxClient } from '../../../src/api/client';
import { StoredSessionKeeper } from '../../../src/connection/profiles/storedSessionKeeper';
import { readTokenClaims } from '../../../src/connection/tokenClaims';
import { REFRESH_LEAD_MS } from '../../../src/connection/tokenSchedule';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server/startSandbox';
import { ManualClock } from '../../support/manualClock';
import { recordingLog } from '../commands/helpers/recordingLog';
import { MemorySessionStore } from './helpers/memorySessionStore';

// A sandbox stands in for the tenants; the clock is a manual one, so "an hour later" is a step.
describe('stored sessions of connections not in use: renewed on their own schedule', () => {
  let tenant: RunningSandbox;

  before(async () => {
    tenant = await startSandbox({ port: 0, size: 30, seed: 7, traffic: false });
  });

  after(async () => {
    await tenant.stop();
  });

  async function world(inUse: string | undefined) {
    const clock = new ManualClock(Date.now());
    const sessions = new MemorySessionStore();
    const log = recordingLog();
    let refreshes = 0;
    const grant = await signIn({ loginUrl: tenant.url, username: 'agent', password: 'agent-password' });
    await sessions.set('globex', { loginUrl: tenant.url, location: grant.location, token: grant.token, username: 'agent' });
    const keeper = new StoredSessionKeeper({
      tenants: () => ['acme-prod', 'globex'],
      inUse: () => inUse,
      sessions,
      refreshToken: (old, authScheme) => {
        refreshes++;
        return refreshToken({ ...old, authScheme });
      },
      authScheme: () => 'bearer',
      readClaims: readTokenClaims,
      allowInsecureHttp: () => false,
      log,
      now: clock.now,
      timers: clock,
    });
    const expiresAt = readTokenClaims(grant.token).expiresAt ?? 0;
    return { clock, sessions, log, keeper, grant, expiresAt, refreshes: () => refreshes };
  }

  /** Lets the renewal's requests and store writes finish. */
  async function settle(done: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  it('renews a session not in use ahead of its expiry, and the renewed token works', async () => {
    const { clock, sessions, keeper, grant, expiresAt, refreshes } = await world('acme-prod');
    assert.ok(expiresAt > clock.now(), 'the sandbox token says when it expires');
    await keeper.rescan();
    assert.equal(keeper.isScheduled('globex'), true);
    assert.equal(keeper.isScheduled('acme-prod'), false, 'in use: its Connection renews it');

    clock.advance(expiresAt - clock.now() - REFRESH_LEAD_MS);
    await settle(() => sessions.byTenant.get('globex')?.token !== grant.token);
    const renewed = sessions.byTenant.get('globex');
    assert.equal(refreshes(), 1);
    assert.ok(renewed && renewed.token !== grant.token, 'the stored token was replaced');
    const client = new NcxClient({ location: renewed.location, token: () => renewed.token, retries: 0 });
    assert.equal(await client.count(undefined), 30);
    assert.equal(keeper.isScheduled('globex'), true, 'and the next renewal is scheduled');
    keeper.dispose();
  });

  it('leaves the tenant in use to its Connection', async () => {
    const { clock, keeper, expiresAt, refreshes } = await world('GLOBEX');
    await keeper.rescan();
    assert.equal(keeper.isScheduled('globex'), false);
    clock.advance(expiresAt - clock.now());
    assert.equal(refreshes(), 0);
  });

  it('keeps what another window wrote meanwhile (a sign-out stays a sign-out)', async () => {
    const { clock, sessions, keeper, expiresAt, refreshes } = await world(undefined);
    await keeper.rescan();
    clock.advance(expiresAt - clock.now() - REFRESH_LEAD_MS);
    sessions.changeFromAnotherWindow(undefined, 'globex');
    await settle(() => refreshes() > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(sessions.byTenant.has('globex'), false);
  });

  it('stops at a session the server no longer accepts (no retry loop) and says so', async () => {
    const { clock, sessions, keeper, log, expiresAt, refreshes } = await world(undefined);
    const stored = sessions.byTenant.get('globex');
    assert.ok(stored);
    // Readable claims, but not signed by the tenant: what a revoked token looks like.
    const forged = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: 'agent', authorities: ['workitems:read'], iat: 1, exp: Math.floor(expiresAt / 1000) }),
    ).toString('base64url')}.c2lnbmF0dXJl`;
    sessions.byTenant.set('globex', { ...stored, token: forged });
    await keeper.rescan();
    clock.advance(expiresAt - clock.now() - REFRESH_LEAD_MS);
    await settle(() => log.lines.some((line) => line.includes('no longer accepts')));
    assert.ok(log.lines.some((line) => line.includes('globex no longer accepts its stored session')), log.lines.join('\n'));
    assert.equal(keeper.isScheduled('globex'), false);
    clock.advance(60 * 60_000);
    assert.equal(refreshes(), 1, 'an hour later, still the one attempt');
  });
});
