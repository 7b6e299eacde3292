// Harness self-test fixture: one passing and one failing test, so the run must end non-zero.
const assert = require('assert');

describe('harness self-test: a failing assertion', () => {
  it('passes', () => {
    assert.strictEqual(['wi_12345', 'wi_12346'].length, 2);
  });

  it('fails on purpose', () => {
    assert.strictEqual('hold', 'active', 'HARNESS-SELF-TEST deliberate failure');
  });
});
