import * as assert from 'node:assert/strict';
import { signJwt, verifyJwt } from '../../../../src/sandbox/auth/jwt';
import { basicCredentialsFromHeader, tokenFromHeader } from '../../../../src/sandbox/auth/credentials';
import { TokenService, newTokenSecret } from '../../../../src/sandbox/auth/tokens';
import { DEFAULT_USERS, UserDirectory } from '../../../../src/sandbox/auth/users';

const T0 = Date.UTC(2025, 2, 16, 16, 0, 0);

describe('sandbox auth', () => {
  describe('HS256 JWT', () => {
    const secret = newTokenSecret();

    it('verifies what it signed and returns the payload', () => {
      const token = signJwt({ sub: 'jason.fontenot', authorities: ['workitems:read'] }, secret);
      const result = verifyJwt(token, secret);
      assert.deepEqual(result, { ok: true, payload: { sub: 'jason.fontenot', authorities: ['workitems:read'] } });
    });

    it('rejects a token signed with another secret', () => {
      const token = signJwt({ sub: 'agent' }, newTokenSecret());
      assert.deepEqual(verifyJwt(token, secret), { ok: false, reason: 'badSignature' });
    });

    it('rejects a payload changed after signing', () => {
      const [header, , signature] = signJwt({ sub: 'viewer', authorities: ['workitems:read'] }, secret).split('.');
      const forged = Buffer.from(JSON.stringify({ sub: 'viewer', authorities: ['workitems:admin'] })).toString('base64url');
      assert.deepEqual(verifyJwt(`${header}.${forged}.${signature}`, secret), { ok: false, reason: 'badSignature' });
    });

    it('rejects alg "none" and malformed tokens', () => {
      const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ sub: 'admin' })).toString('base64url');
      assert.equal(verifyJwt(`${none}.${payload}.`, secret).ok, false);
      assert.deepEqual(verifyJwt('not-a-token', secret), { ok: false, reason: 'malformed' });
      assert.deepEqual(verifyJwt('a.b.c.d', secret), { ok: false, reason: 'malformed' });
    });
  });

  describe('TokenService', () => {
    let clock = T0;
    const tokens = new TokenService({ secret: newTokenSecret(), lifetimeSeconds: 60, now: () => clock });
    beforeEach(() => {
      clock = T0;
    });

    it('issues tokens carrying sub, authorities, iat and exp', () => {
      const token = tokens.issue('agent', ['workitems:read', 'workitems:write']);
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
      assert.equal(claims.sub, 'agent');
      assert.deepEqual(claims.authorities, ['workitems:read', 'workitems:write']);
      assert.equal(claims.iat, T0 / 1000);
      assert.equal(claims.exp, T0 / 1000 + 60);
      const check = tokens.verify(token);
      assert.ok(check.ok);
      assert.equal(check.principal.expiresAt, T0 + 60_000);
    });

    it('refuses a token once its lifetime has passed', () => {
      const token = tokens.issue('agent', ['workitems:read']);
      clock = T0 + 59_999;
      assert.equal(tokens.verify(token).ok, true);
      clock = T0 + 60_000;
      const check = tokens.verify(token);
      assert.equal(check.ok, false);
      assert.equal(!check.ok && check.reason, 'expired');
    });

    it('refuses a well-signed token that lacks the claims', () => {
      const service = new TokenService({ secret: Buffer.alloc(32, 7), now: () => clock });
      const token = signJwt({ sub: 'agent' }, Buffer.alloc(32, 7));
      const check = service.verify(token);
      assert.equal(!check.ok && check.reason, 'malformed');
    });
  });

  describe('Authorization header', () => {
    it('accepts "Bearer <token>" and the bare token that live NCX clients send', () => {
      assert.equal(tokenFromHeader('Bearer abc.def.ghi'), 'abc.def.ghi');
      assert.equal(tokenFromHeader('bearer   abc.def.ghi '), 'abc.def.ghi');
      assert.equal(tokenFromHeader('abc.def.ghi'), 'abc.def.ghi');
    });

    it('finds no token in an empty, Basic or multi-word header', () => {
      assert.equal(tokenFromHeader(undefined), undefined);
      assert.equal(tokenFromHeader('  '), undefined);
      assert.equal(tokenFromHeader('Basic YWdlbnQ6YWdlbnQtcGFzc3dvcmQ='), undefined);
      assert.equal(tokenFromHeader('Token abc def'), undefined);
    });

    it('decodes HTTP Basic credentials, keeping colons in the password', () => {
      const header = `Basic ${Buffer.from('agent:pass:word').toString('base64')}`;
      assert.deepEqual(basicCredentialsFromHeader(header), { username: 'agent', password: 'pass:word' });
      assert.equal(basicCredentialsFromHeader(`Basic ${Buffer.from('no-colon').toString('base64')}`), undefined);
      assert.equal(basicCredentialsFromHeader('Bearer x'), undefined);
    });
  });

  describe('UserDirectory', () => {
    const users = new UserDirectory();

    it('has the default admin, agent and viewer with their permissions', () => {
      assert.deepEqual(users.permissionsOf('admin'), ['workitems:read', 'workitems:write', 'workitems:delete', 'workitems:admin']);
      assert.deepEqual(users.permissionsOf('agent'), ['workitems:read', 'workitems:write']);
      assert.deepEqual(users.permissionsOf('viewer'), ['workitems:read']);
    });

    it('authenticates only the right password', () => {
      assert.equal(users.authenticate('agent', 'agent-password')?.username, 'agent');
      assert.equal(users.authenticate('agent', 'admin-password'), undefined);
      assert.equal(users.authenticate('nobody', 'agent-password'), undefined);
    });

    it('rejects a configuration with duplicate user names', () => {
      assert.throws(() => new UserDirectory([...DEFAULT_USERS, { ...DEFAULT_USERS[0]!, password: 'x' }]), /unique/);
    });
  });
});
