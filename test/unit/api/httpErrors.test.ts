// The mapping from statuses and transport failures to error kinds and messages, for the cases no
// local server can produce on demand (a host name that does not resolve, odd statuses).
import { strict as assert } from 'node:assert';
import { errorForStatus, missingPermissionFrom, networkError, type RequestContext } from '../../../src/api/httpErrors';

const context: RequestContext = {
  method: 'GET',
  path: '/users/api/workitems/wi_12345',
  origin: 'https://cluster-7.example.com',
  timeoutMs: 15_000,
};
const noHeaders = { get: (): string | null => null };

function systemError(code: string): Error {
  return Object.assign(new Error(`request failed, reason: ${code}`), { code });
}

describe('api/httpErrors', () => {
  it('maps each status to its kind', () => {
    const cases: [number, string][] = [
      [400, 'badRequest'],
      [401, 'unauthorized'],
      [403, 'forbidden'],
      [404, 'notFound'],
      [405, 'badRequest'],
      [409, 'conflict'],
      [413, 'badRequest'],
      [429, 'rateLimited'],
      [500, 'server'],
      [502, 'server'],
      [503, 'server'],
      [504, 'server'],
      [304, 'malformed'],
    ];
    for (const [status, kind] of cases) {
      const error = errorForStatus(status, noHeaders, '', context);
      assert.equal(error.kind, kind, String(status));
      assert.equal(error.details.status, status);
      assert.equal(error.details.request, 'GET /users/api/workitems/wi_12345');
    }
  });

  it("quotes the server's message and code from a {code, message} body", () => {
    const error = errorForStatus(404, noHeaders, JSON.stringify({ code: 'notFound', message: "Workitem 'wi_12345' does not exist." }), context);
    assert.equal(error.details.code, 'notFound');
    assert.match(error.message, /The server said: "Workitem 'wi_12345' does not exist\."$/);
  });

  it('finds the missing permission in the body field first, then in the message', () => {
    assert.equal(missingPermissionFrom({ missingPermission: 'workitems:admin', message: 'needs workitems:write' }), 'workitems:admin');
    assert.equal(missingPermissionFrom({ message: "Permission 'workitems:write' is needed to hold" }), 'workitems:write');
    assert.equal(missingPermissionFrom({ message: 'scope reports:export required' }), 'reports:export');
    assert.equal(missingPermissionFrom({ message: 'Forbidden' }), undefined);
  });

  it('says which host cannot be reached and why', () => {
    const reasons: [string, RegExp][] = [
      ['ECONNREFUSED', /connection was refused/],
      ['ENOTFOUND', /host name was not found; check the location/],
      ['EAI_AGAIN', /could not be resolved/],
      ['ECONNRESET', /closed before the answer was complete; try again/],
      ['EHOSTUNREACH', /host is unreachable/],
      ['EWHATEVER', /the request failed \(EWHATEVER\)/],
    ];
    for (const [code, reason] of reasons) {
      const error = networkError(systemError(code), context);
      assert.equal(error.kind, 'network');
      assert.ok(error.message.startsWith('Cannot reach https://cluster-7.example.com: '), error.message);
      assert.match(error.message, reason);
      assert.equal(error.details.code, code);
    }
  });

  it('warns that an interrupted action may have happened', () => {
    const error = networkError(systemError('ECONNRESET'), { ...context, method: 'POST', path: '/users/api/calls/wi_1/hangup' });
    assert.match(error.message, /may have been carried out anyway; refresh before trying it again/);
  });
});
