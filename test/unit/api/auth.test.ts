// Signing in and renewing tokens against the sandbox's provider endpoints.
import { strict as assert } from 'node:assert';
import { refreshToken, signIn } from '../../../src/api/auth';
import { decodeToken } from '../../../src/api/token';
import { closedPort } from './helpers/closedPort';
import { startTestSandbox, type TestSandbox } from './helpers/sandbox';
import { expectNcxError } from './helpers/expectNcxError';

const LIFETIME_SECONDS = 600;

const failure = expectNcxError;

describe('api/auth against the sandbox', () => {
  let harness: TestSandbox;
  /** The sandbox's clock, moved by the tests to expire tokens. */
  let now = Date.UTC(2025, 0, 15, 9, 0, 0);

  before(async () => {
    harness = await startTestSandbox({ size: 50, now: () => now, tokenLifetimeSeconds: LIFETIME_SECONDS });
  });

  after(async () => {
    await harness.stop();
  });

  it('signs in with HTTP Basic and gets a token carrying the user and permissions', async () => {
    const answer = await signIn({ loginUrl: harness.url, username: 'agent', password: 'agent-password' });
    assert.equal(answer.location, harness.url);
    const decoded = decodeToken(answer.token);
    assert.ok(decoded.status === 'decoded');
    assert.equal(decoded.subject, 'agent');
    assert.deepEqual(decoded.authorities, ['workitems:read', 'workitems:write']);
    assert.equal(decoded.expiresAtMs - decoded.issuedAtMs, LIFETIME_SECONDS * 1000);
  });

  it('says the user name or password is wrong, without repeating the password', async () => {
    const error = await failure(signIn({ loginUrl: harness.url, username: 'agent', password: 'guess-Wh0-Kn0ws' }), 'unauthorized');
    assert.equal(error.message, 'Sign-in failed: the user name or password is wrong.');
    assert.equal(error.details.status, 401);
    assert.ok(!JSON.stringify(error.details).includes('guess-Wh0-Kn0ws'));
  });

  it('refuses a user name with a colon before sending anything', async () => {
    await failure(signIn({ loginUrl: harness.url, username: 'a:b', password: 'x' }), 'badRequest');
  });

  it('cannot reach a login host that does not listen', async () => {
    const port = await closedPort();
    const error = await failure(
      signIn({ loginUrl: `http://127.0.0.1:${port}`, username: 'agent', password: 'agent-password', timeoutMs: 2000 }),
      'network',
    );
    assert.ok(error.message.startsWith(`Cannot reach http://127.0.0.1:${port}:`), error.message);
  });

  it('refreshes a valid token into a new one for the same user', async () => {
    const first = await signIn({ loginUrl: harness.url, username: 'viewer', password: 'viewer-password' });
    now += 60_000;
    const renewed = await refreshToken({ location: first.location, token: first.token });
    assert.notEqual(renewed.token, first.token);
    const decoded = decodeToken(renewed.token);
    assert.ok(decoded.status === 'decoded');
    assert.equal(decoded.subject, 'viewer');
    assert.equal(decoded.issuedAtMs, Math.floor(now / 1000) * 1000);
  });

  it('refreshes with the bare token too', async () => {
    const first = await signIn({ loginUrl: harness.url, username: 'admin', password: 'admin-password' });
    const renewed = await refreshToken({ location: first.location, token: first.token, authScheme: 'raw' });
    assert.equal(decodeToken(renewed.token).status, 'decoded');
  });

  it('cannot refresh an expired token: sign in again', async () => {
    const first = await signIn({ loginUrl: harness.url, username: 'agent', password: 'agent-password' });
    now += (LIFETIME_SECONDS + 1) * 1000;
    const error = await failure(refreshToken({ location: first.location, token: first.token }), 'unauthorized');
    assert.match(error.message, /sign in again/);
    assert.ok(!error.message.includes(first.token));
  });
});
