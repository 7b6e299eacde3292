import * as assert from 'node:assert/strict';
import { PATHS, UNHOLD } from '../../../src/api/paths';

describe('REST paths', () => {
  it('encodes ids and queue ids as one path segment each', () => {
    assert.equal(PATHS.hold('wi_12345'), '/users/api/calls/wi_12345/hold');
    assert.equal(PATHS.queueTransfer('wi 1/2', 'q:support?x'), '/users/api/calls/wi%201%2F2/queuetransfer/q%3Asupport%3Fx');
    assert.equal(UNHOLD.path('wi_7'), PATHS.hold('wi_7'));
    assert.equal(UNHOLD.method, 'DELETE');
  });

  it('turns a lone surrogate from a hostile answer into U+FFFD instead of throwing', () => {
    assert.equal(PATHS.workitem('wi_\uD800x'), '/users/api/workitems/wi_%EF%BF%BDx');
    assert.equal(PATHS.workitem('wi_\uDC00'), '/users/api/workitems/wi_%EF%BF%BD');
    // A well-formed pair is kept as the character it encodes.
    assert.equal(PATHS.workitem('wi_😀'), `/users/api/workitems/wi_${encodeURIComponent('😀')}`);
  });
});
