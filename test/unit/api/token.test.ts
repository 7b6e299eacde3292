import { strict as assert } from 'node:assert';
import { decodeToken } from '../../../src/api/token';

function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A JWT with any payload; the signature is junk because the client never checks it. */
function jwt(payload: unknown): string {
  return `${segment({ alg: 'HS256', typ: 'JWT' })}.${segment(payload)}.c2lnbmF0dXJl`;
}

describe('api/token', () => {
  const claims = {
    iss: 'ncx',
    sub: 'jason.fontenot',
    authorities: ['workitems:read', 'workitems:write'],
    iat: 1_700_000_000,
    exp: 1_700_003_600,
  };

  it('reads user, permissions and expiry without verifying the signature', () => {
    const decoded = decodeToken(jwt(claims));
    assert.equal(decoded.status, 'decoded');
    assert.ok(decoded.status === 'decoded');
    assert.equal(decoded.subject, 'jason.fontenot');
    assert.deepEqual(decoded.authorities, ['workitems:read', 'workitems:write']);
    assert.equal(decoded.expiresAtMs, 1_700_003_600_000);
    assert.equal(decoded.issuedAtMs, 1_700_000_000_000);
    assert.equal(decoded.claims['iss'], 'ncx', 'claims beyond the four are kept');
  });

  it('accepts the token with a Bearer prefix', () => {
    const decoded = decodeToken(`Bearer ${jwt(claims)}`);
    assert.ok(decoded.status === 'decoded');
    assert.deepEqual(decoded.authorities, claims.authorities);
  });

  it('answers "unknown" for tokens that are not readable JWTs, instead of throwing', () => {
    const opaque = [
      'not-a-jwt',
      '',
      'a.b',
      'a.b.c.d',
      `${segment({ alg: 'none' })}.%%%.sig`,
      `${segment({ alg: 'none' })}.${Buffer.from('not json').toString('base64url')}.sig`,
      jwt({ sub: 'x' }),
      jwt({ ...claims, authorities: 'workitems:read' }),
      jwt([1, 2, 3]),
    ];
    for (const token of opaque) {
      const decoded = decodeToken(token);
      assert.equal(decoded.status, 'unknown', token);
    }
  });
});
