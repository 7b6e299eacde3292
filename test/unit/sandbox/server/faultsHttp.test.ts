import * as assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { PATHS } from '../../../../src/api/paths';
import type { FaultRule } from '../../../../src/sandbox/contracts';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox/server/startSandbox';
import { asWorkitem, assertError, call, findWorkitem, signIn } from './support/http';

const FAULTS = '/__sandbox/faults';

/** A raw GET that reports how many body bytes came against the promised Content-Length. */
function rawGet(url: string, token: string): Promise<{ status: number; promised: number; received: number; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { Authorization: token } }, (response) => {
      let received = 0;
      response.on('data', (chunk: Buffer) => (received += chunk.length));
      const finish = (): void =>
        resolve({
          status: response.statusCode ?? 0,
          promised: Number(response.headers['content-length']),
          received,
          complete: response.complete,
        });
      response.on('end', finish);
      response.on('aborted', finish);
      response.on('error', finish);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('sandbox fault injection over HTTP', () => {
  let sandbox: RunningSandbox;
  let url: string;
  let token: string;
  const searchPath = `${PATHS.search('workitem')}?rows=5`;

  async function setFaults(rules: FaultRule[]): Promise<void> {
    const result = await call(url, FAULTS, { method: 'PUT', body: { rules } });
    assert.equal(result.status, 200, JSON.stringify(result.json));
  }

  before(async () => {
    sandbox = await startSandbox({ size: 300, allowFaults: true });
    url = sandbox.url;
    token = await signIn(url, 'agent');
  });

  after(async () => {
    await sandbox?.stop();
  });

  afterEach(async () => {
    await call(url, FAULTS, { method: 'DELETE' });
  });

  it('answers an injected status and body, for `times` requests only', async () => {
    await setFaults([{ match: { method: 'GET', pathPrefix: '/data/api/' }, status: 503, times: 2 }]);
    assertError(await call(url, searchPath, { token }), 503, /Injected fault/);
    const listed = await call(url, FAULTS);
    assert.deepEqual(listed.json, { rules: [{ match: { method: 'GET', pathPrefix: '/data/api/' }, status: 503, times: 1 }] });
    assert.equal((await call(url, searchPath, { token })).status, 503);
    assert.equal((await call(url, searchPath, { token })).status, 200);
  });

  it('sends a custom body, content type and headers', async () => {
    await setFaults([{ status: 429, body: 'slow down', contentType: 'text/plain', headers: { 'Retry-After': '2' } }]);
    const response = await fetch(`${url}${searchPath}`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '2');
    assert.equal(response.headers.get('content-type'), 'text/plain');
    assert.equal(await response.text(), 'slow down');
  });

  it('matches by method and path prefix', async () => {
    await setFaults([{ match: { method: 'POST', pathPrefix: '/users/api/calls/' }, status: 500 }]);
    assert.equal((await call(url, searchPath, { token })).status, 200);
    const item = await findWorkitem(url, token, 'state:active AND channelType:voice');
    assert.equal((await call(url, PATHS.hold(item.workitemId), { method: 'POST', token })).status, 500);
    // The injected answer replaced the real one: the workitem was not touched.
    assert.equal(sandbox.store.get(item.workitemId)?.state, 'active');
  });

  it('delays an answer while others go through', async () => {
    await setFaults([{ match: { pathPrefix: '/data/api/types/queue' }, delayMs: 400 }]);
    const finished: string[] = [];
    const slow = call(url, PATHS.search('queue'), { token }).then((result) => finished.push(`queue ${result.status}`));
    const fast = call(url, searchPath, { token }).then((result) => finished.push(`workitem ${result.status}`));
    await Promise.all([slow, fast]);
    assert.deepEqual(finished, ['workitem 200', 'queue 200']);
  });

  it('resets the connection', async () => {
    await setFaults([{ mode: 'reset', times: 1 }]);
    await assert.rejects(call(url, searchPath, { token }), TypeError);
    assert.equal((await call(url, searchPath, { token })).status, 200);
  });

  it('hangs after sending the headers', async () => {
    await setFaults([{ mode: 'hang', times: 1 }]);
    const controller = new AbortController();
    const response = await fetch(`${url}${searchPath}`, { headers: { Authorization: token }, signal: controller.signal });
    assert.equal(response.status, 200);
    const body = response.text();
    controller.abort();
    await assert.rejects(body, { name: 'AbortError' });
  });

  it('cuts the real answer in half, after doing the real work', async () => {
    const item = await findWorkitem(url, token, 'state:active AND channelType:voice');
    await setFaults([{ match: { pathPrefix: '/users/api/workitems/' }, mode: 'truncate', times: 1 }]);
    const cut = await rawGet(`${url}${PATHS.workitem(item.workitemId)}`, token);
    assert.equal(cut.status, 200);
    assert.equal(cut.complete, false);
    assert.equal(cut.received, Math.floor(cut.promised / 2));
    const whole = await rawGet(`${url}${PATHS.workitem(item.workitemId)}`, token);
    assert.deepEqual([whole.complete, whole.received], [true, whole.promised]);

    await setFaults([{ match: { method: 'POST' }, mode: 'truncate', times: 1 }]);
    await assert.rejects(call(url, PATHS.hold(item.workitemId), { method: 'POST', token }));
    // The client lost the answer, but the hold happened: the ambiguity real networks create.
    assert.equal(asWorkitem(await call(url, PATHS.workitem(item.workitemId), { token })).state, 'hold');
  });

  it('never faults its own endpoint, so rules can always be cleared', async () => {
    await setFaults([{ status: 500 }]);
    assert.equal((await call(url, searchPath, { token })).status, 500);
    assert.deepEqual((await call(url, FAULTS, { method: 'DELETE' })).json, { rules: [] });
    assert.equal((await call(url, searchPath, { token })).status, 200);
  });

  it('answers 400 for invalid rules, naming the field', async () => {
    assertError(await call(url, FAULTS, { method: 'PUT', body: { rules: [{ mode: 'explode' }] } }), 400, /'rules\.0\.mode'/);
    assertError(await call(url, FAULTS, { method: 'PUT', body: { rules: [{ times: 2 }] } }), 400, /delayMs, status or mode/);
    assertError(await call(url, FAULTS, { method: 'PUT', body: {} }), 400, /'rules'/);
  });
});
