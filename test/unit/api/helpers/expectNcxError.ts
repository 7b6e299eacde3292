import * as assert from 'node:assert/strict';
import { isNcxError, type NcxError, type NcxErrorKind } from '../../../../src/api/errors';

/** Awaits `promise`, which must reject with an NcxError of `kind`, and returns that error. */
export async function expectNcxError(promise: Promise<unknown>, kind: NcxErrorKind): Promise<NcxError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isNcxError(error), `expected an NcxError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    return error;
  }
  assert.fail(`expected a ${kind} error`);
}
