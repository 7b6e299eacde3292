import * as assert from 'node:assert/strict';
import { FaultInjector, FaultRulesBodySchema } from '../../../../src/sandbox/faults/faultRules';

describe('sandbox fault rules', () => {
  it('uses the first matching rule and counts its times down', () => {
    const faults = new FaultInjector();
    faults.replace([
      { match: { method: 'post', pathPrefix: '/users/api/calls/' }, status: 503, times: 2 },
      { match: { pathPrefix: '/users/api/' }, delayMs: 10 },
    ]);
    assert.equal(faults.take('GET', '/data/api/types/workitem'), undefined);
    assert.equal(faults.take('POST', '/users/api/calls/wi_1/hold')?.status, 503);
    assert.equal(faults.active()[0]?.times, 1);
    assert.equal(faults.take('POST', '/users/api/calls/wi_1/hold')?.status, 503);
    // The first rule is used up: the second one now matches.
    assert.equal(faults.take('POST', '/users/api/calls/wi_1/hold')?.delayMs, 10);
    assert.equal(faults.active().length, 1);
    faults.clear();
    assert.equal(faults.take('GET', '/users/api/workitems/wi_1'), undefined);
  });

  it('validates rule bodies', () => {
    assert.ok(FaultRulesBodySchema.safeParse({ rules: [{ mode: 'reset', times: 1 }] }).success);
    assert.equal(FaultRulesBodySchema.safeParse({ rules: [{ times: 1 }] }).success, false);
    assert.equal(FaultRulesBodySchema.safeParse({ rules: [{ mode: 'explode' }] }).success, false);
    assert.equal(FaultRulesBodySchema.safeParse({ rules: [{ status: 700 }] }).success, false);
    assert.equal(FaultRulesBodySchema.safeParse({ rules: [{ status: 500, match: { pathPrefix: 'users' } }] }).success, false);
  });
});
