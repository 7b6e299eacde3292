import * as assert from 'node:assert/strict';
import { ActionRunner } from '../../../src/commands/actionRunner';
import { REFRESH_LEAD_MS } from '../../../src/connection/tokenSchedule';
import { formatRequestLine } from '../../../src/log/log';
import { redact, REDACTED } from '../../../src/log/redact';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server/startSandbox';
import { FakePanels, FakeTree } from '../commands/helpers/fakeHooks';
import { FakeUi } from '../commands/helpers/fakeUi';
import { recordingLog } from '../commands/helpers/recordingLog';
import { connectionRig, nextState, type ConnectionRig } from './helpers/connectionRig';

const SAMPLE_JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZ2VudCIsImF1dGhvcml0aWVzIjpbXX0.Zm9vYmFyYmF6cXV4cXV1eA';

describe('request log lines', () => {
  it('say method, path, status and duration', () => {
    assert.equal(
      formatRequestLine({ method: 'GET', path: '/data/api/types/workitem', status: 200, durationMs: 12.4, attempt: 1 }),
      'GET /data/api/types/workitem → 200 in 12 ms',
    );
    assert.equal(
      formatRequestLine({ method: 'POST', path: '/users/api/calls/wi_7/hold', durationMs: 15001, error: 'timeout', attempt: 2 }),
      'POST /users/api/calls/wi_7/hold → no answer in 15001 ms (attempt 2): timeout',
    );
  });

  it('never carry a token, whatever shape it comes in', () => {
    for (const text of [
      `Authorization: Bearer ${SAMPLE_JWT}`,
      `GET /provider/api/token-refresh?token=${SAMPLE_JWT}&x=1`,
      `{"token":"opaque-session-value-123","location":"https://us1.example.com"}`,
      `sent ${SAMPLE_JWT} to the server`,
      'Authorization: Basic YWdlbnQ6YWdlbnQtcGFzc3dvcmQ=',
    ]) {
      const cleaned = redact(text);
      assert.ok(cleaned.includes(REDACTED), cleaned);
      assert.ok(!cleaned.includes(SAMPLE_JWT) && !cleaned.includes('opaque-session-value-123'), cleaned);
      assert.ok(!cleaned.includes('YWdlbnQ6YWdlbnQtcGFzc3dvcmQ='), cleaned);
    }
  });

  it('leave ordinary words alone', () => {
    const text = 'basic information about the bearer of wi_12345 → 200 in 3 ms';
    assert.equal(redact(text), text);
  });

  it('cut out a registered secret verbatim until it is removed', () => {
    const log = recordingLog();
    const forget = log.addSecret('not-a-jwt-session-7f3a');
    log.warn('retrying with not-a-jwt-session-7f3a');
    forget();
    log.warn('retrying with not-a-jwt-session-7f3a');
    assert.deepEqual(log.lines, [`warn retrying with ${REDACTED}`, 'warn retrying with not-a-jwt-session-7f3a']);
  });
});

describe('the log of a whole session holds no token and no password', () => {
  let tenant: RunningSandbox;
  let rig: ConnectionRig;

  before(async () => {
    tenant = await startSandbox({ port: 0, size: 80, seed: 9, traffic: false });
  });

  after(async () => {
    await rig.cleanUp();
    await tenant.stop();
  });

  it('sign-in, searches, a refused action, a renewal and a 401', async () => {
    rig = connectionRig();
    const tokens: string[] = [];
    const password = 'agent-password';
    await rig.connection.signIn({ loginUrl: tenant.url, username: 'agent', password });
    tokens.push(rig.sessions.session?.token ?? '');

    const api = await rig.connection.getApi();
    await api.count('state:active');
    const [terminated] = (await api.search({ q: 'state:terminated', rows: 1 })).items;
    assert.ok(terminated);
    const ui = new FakeUi();
    const runner = new ActionRunner({ ui, log: rig.log, connection: rig.connection, tree: new FakeTree(), panels: new FakePanels() });
    assert.equal(await runner.run('hold', terminated.workitemId), 'refused');

    const renewed = nextState(rig.connection, (state) => state.status === 'connected');
    rig.clock.advance((rig.connection.state.expiresAt ?? 0) - rig.clock.now() - REFRESH_LEAD_MS);
    await renewed;
    await new Promise((resolve) => setImmediate(resolve));
    tokens.push(rig.sessions.session?.token ?? '');
    assert.notEqual(tokens[1], tokens[0]);

    rig.log.error(`a careless caller logged ${tokens[1]}`);
    // Another window stores a token this tenant never signed: the next request is answered 401.
    const foreign = `${SAMPLE_JWT.slice(0, -6)}QUJDREVG`;
    tokens.push(foreign);
    const stored = rig.sessions.session;
    assert.ok(stored);
    rig.sessions.changeFromAnotherWindow({ ...stored, token: foreign });
    await rig.connection.storedSessionChanged();
    await assert.rejects(api.count(undefined));

    const lines = rig.log.lines;
    assert.ok(lines.some((line) => /GET \/provider\/token-with-authorities → 200 in \d+ ms/.test(line)));
    assert.ok(lines.some((line) => /GET \/data\/api\/types\/workitem\?.*→ 200 in \d+ ms|GET \/data\/api\/types\/workitem → 200/.test(line)));
    assert.ok(lines.some((line) => /POST \/users\/api\/calls\/.+\/hold → 409/.test(line)));
    assert.ok(lines.some((line) => /GET \/provider\/api\/token-refresh → 200/.test(line)));
    assert.ok(lines.some((line) => /→ 401/.test(line)));
    for (const line of lines) {
      for (const token of tokens) {
        assert.ok(!line.includes(token), `a token leaked into: ${line}`);
      }
      assert.ok(!line.includes(password), `the password leaked into: ${line}`);
      assert.ok(!line.includes(Buffer.from(`agent:${password}`).toString('base64')), `Basic credentials leaked into: ${line}`);
    }
  });
});
