import * as assert from 'node:assert/strict';
import { TokenService, newTokenSecret, type TokenCheck } from '../../../../src/sandbox/auth/tokens';
import { VerifiedTokens } from '../../../../src/sandbox/server/verifiedTokens';

const T0 = Date.UTC(2025, 2, 16, 16, 0, 0);

describe('sandbox/server VerifiedTokens', () => {
  let clock = T0;
  const service = new TokenService({ secret: newTokenSecret(), lifetimeSeconds: 60, now: () => clock });
  let verifications = 0;
  const counting = {
    verify(token: string): TokenCheck {
      verifications++;
      return service.verify(token);
    },
  };

  beforeEach(() => {
    clock = T0;
    verifications = 0;
  });

  it('verifies a token once and answers its repeats from memory', () => {
    const tokens = new VerifiedTokens(counting, () => clock);
    const token = service.issue('jason.fontenot', ['workitems:read']);
    const first = tokens.verify(token);
    const again = tokens.verify(token);
    assert.deepEqual(again, first);
    assert.ok(first.ok && first.principal.username === 'jason.fontenot');
    assert.equal(verifications, 1);
  });

  it('refuses a remembered token once it has expired, with the service\'s reason', () => {
    const tokens = new VerifiedTokens(counting, () => clock);
    const token = service.issue('agent', ['workitems:read']);
    assert.ok(tokens.verify(token).ok);
    clock += 61_000;
    const late = tokens.verify(token);
    assert.equal(late.ok, false);
    assert.ok(!late.ok && late.reason === 'expired');
  });

  it('never remembers a refused token and forgets the oldest past its capacity', () => {
    const tokens = new VerifiedTokens(counting, () => clock, 2);
    const forged = `${service.issue('viewer', ['workitems:read']).slice(0, -2)}xx`;
    assert.equal(tokens.verify(forged).ok, false);
    assert.equal(tokens.verify(forged).ok, false);
    assert.equal(verifications, 2);
    const [a, b, c] = ['a', 'b', 'c'].map((user) => service.issue(user, []));
    for (const token of [a, b, c]) {
      tokens.verify(token);
    }
    verifications = 0;
    tokens.verify(c);
    tokens.verify(a);
    assert.equal(verifications, 1, 'c was remembered, a (the oldest) was not');
  });
});
