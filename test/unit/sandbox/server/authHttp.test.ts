import * as assert from 'node:assert/strict';
import { PATHS } from '../../../../src/api/paths';
import { TokenResponseSchema } from '../../../../src/api/schemas';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox/server/startSandbox';
import { asWorkitem, assertError, basicAuth, call, findWorkitem, signIn } from './support/http';

const T0 = Date.UTC(2025, 2, 16, 16, 0, 0);
const LIFETIME_SECONDS = 600;

function claimsOf(token: string): { sub: string; authorities: string[]; iat: number; exp: number } {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    sub: string;
    authorities: string[];
    iat: number;
    exp: number;
  };
}

describe('sandbox HTTP auth', () => {
  let sandbox: RunningSandbox;
  let other: RunningSandbox;
  let limited: RunningSandbox;
  let clock = T0;
  const searchPath = `${PATHS.search('workitem')}?rows=1`;

  before(async () => {
    sandbox = await startSandbox({
      size: 300,
      now: () => clock,
      tokenLifetimeSeconds: LIFETIME_SECONDS,
      users: [
        { username: 'admin', password: 'admin-password', permissions: ['workitems:read', 'workitems:write', 'workitems:delete', 'workitems:admin'] },
        { username: 'agent', password: 'agent-password', permissions: ['workitems:read', 'workitems:write'] },
        { username: 'viewer', password: 'viewer-password', permissions: ['workitems:read'] },
        { username: 'supervisor', password: 'supervisor-password', permissions: ['workitems:admin'] },
      ],
    });
    other = await startSandbox({ size: 0 });
    limited = await startSandbox({
      size: 0,
      users: [{ username: 'writer', password: 'writer-password', permissions: ['workitems:write'] }],
    });
  });

  after(async () => {
    await Promise.all([sandbox?.stop(), other?.stop(), limited?.stop()]);
  });

  beforeEach(() => {
    clock = T0;
  });

  describe('GET /provider/token-with-authorities', () => {
    it('answers {location, token} for good Basic credentials', async () => {
      const result = await call(sandbox.url, PATHS.tokenWithAuthorities, { headers: basicAuth('viewer', 'viewer-password') });
      assert.equal(result.status, 200);
      const body = TokenResponseSchema.parse(result.json);
      assert.equal(body.location, sandbox.url);
      const claims = claimsOf(body.token);
      assert.equal(claims.sub, 'viewer');
      assert.deepEqual(claims.authorities, ['workitems:read']);
      assert.equal(claims.iat, T0 / 1000);
      assert.equal(claims.exp - claims.iat, LIFETIME_SECONDS);
    });

    it('answers 401 with a Basic challenge for a wrong password, an unknown user or no credentials', async () => {
      const wrong = await call(sandbox.url, PATHS.tokenWithAuthorities, { headers: basicAuth('agent', 'guess') });
      assertError(wrong, 401, /wrong password/);
      assert.match(wrong.headers.get('www-authenticate') ?? '', /^Basic/);
      assertError(await call(sandbox.url, PATHS.tokenWithAuthorities, { headers: basicAuth('mallory', 'agent-password') }), 401);
      assertError(await call(sandbox.url, PATHS.tokenWithAuthorities), 401, /Basic/);
    });
  });

  describe('tokens on API requests', () => {
    it('accepts the token with and without the Bearer prefix', async () => {
      const token = await signIn(sandbox.url, 'viewer');
      assert.equal((await call(sandbox.url, searchPath, { token })).status, 200);
      assert.equal((await call(sandbox.url, searchPath, { token, rawToken: true })).status, 200);
    });

    it('answers 401 without a token, with a garbage token or with another sandbox\'s token', async () => {
      const missing = await call(sandbox.url, searchPath);
      assertError(missing, 401, /Missing token/);
      assert.match(missing.headers.get('www-authenticate') ?? '', /^Bearer/);
      assertError(await call(sandbox.url, searchPath, { token: 'not-a-jwt' }), 401, /well-formed/);
      const foreign = await signIn(other.url, 'admin');
      assertError(await call(sandbox.url, searchPath, { token: foreign }), 401, /signature/);
    });

    it('answers 401 once the token has expired', async () => {
      const token = await signIn(sandbox.url, 'admin');
      clock = T0 + LIFETIME_SECONDS * 1000 - 1;
      assert.equal((await call(sandbox.url, searchPath, { token })).status, 200);
      clock = T0 + LIFETIME_SECONDS * 1000;
      assertError(await call(sandbox.url, searchPath, { token }), 401, /expired/);
    });

    it('answers 403 naming the missing permission when a viewer acts', async () => {
      const viewer = await signIn(sandbox.url, 'viewer');
      const item = await findWorkitem(sandbox.url, viewer, 'state:active AND channelType:voice');
      const result = await call(sandbox.url, PATHS.hold(item.workitemId), { method: 'POST', token: viewer });
      const body = assertError(result, 403, /'workitems:write'/);
      assert.equal((body as { missingPermission?: string }).missingPermission, 'workitems:write');
      assert.equal(sandbox.store.get(item.workitemId)?.state, 'active');
    });

    it('lets workitems:admin stand in for every other permission', async () => {
      const supervisor = await signIn(sandbox.url, 'supervisor');
      const item = await findWorkitem(sandbox.url, supervisor, 'state:active AND channelType:voice');
      const held = asWorkitem(await call(sandbox.url, PATHS.hold(item.workitemId), { method: 'POST', token: supervisor }));
      assert.equal(held.state, 'hold');
    });

    it('answers 403 for reads without workitems:read', async () => {
      const token = await signIn(limited.url, 'writer');
      assertError(await call(limited.url, PATHS.search('queue'), { token }), 403, /'workitems:read'/);
    });
  });

  describe('GET /provider/api/token-refresh', () => {
    it('answers {clientLocation, location, token} with a later expiry', async () => {
      const token = await signIn(sandbox.url, 'agent');
      clock = T0 + 120_000;
      const result = await call(sandbox.url, PATHS.tokenRefresh, { token, rawToken: true });
      assert.equal(result.status, 200);
      const body = TokenResponseSchema.parse(result.json);
      assert.equal(body.location, sandbox.url);
      assert.equal(body.clientLocation, sandbox.url);
      assert.notEqual(body.token, token);
      assert.equal(claimsOf(body.token).exp, claimsOf(token).exp + 120);
      assert.deepEqual(claimsOf(body.token).authorities, ['workitems:read', 'workitems:write']);
      assert.equal((await call(sandbox.url, searchPath, { token: body.token })).status, 200);
    });

    it('answers 401 for an expired, invalid or missing token', async () => {
      const token = await signIn(sandbox.url, 'agent');
      clock = T0 + LIFETIME_SECONDS * 1000 + 1;
      assertError(await call(sandbox.url, PATHS.tokenRefresh, { token }), 401, /expired/);
      assertError(await call(sandbox.url, PATHS.tokenRefresh, { token: `${token}x` }), 401);
      assertError(await call(sandbox.url, PATHS.tokenRefresh), 401);
    });
  });
});
