import * as assert from 'node:assert/strict';
import WebSocket from 'ws';
import { EVENTS_SOCKET_PATH, WORKITEM_STATE_CHANGE, parseWorkitemStateChange, type WorkitemStateChange } from '../../../../src/api/live/eventsContract';
import { PATHS } from '../../../../src/api/paths';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox/server/startSandbox';
import { call, signIn } from './support/http';

function socketUrl(sandbox: RunningSandbox, query = ''): string {
  return `${sandbox.url.replace(/^http/, 'ws')}${EVENTS_SOCKET_PATH}${query}`;
}

/** Opens a socket; resolves once open, or rejects with the HTTP status of a refused upgrade. */
function open(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; messages: WorkitemStateChange[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: WorkitemStateChange[] = [];
    ws.on('message', (data) => {
      const change = parseWorkitemStateChange(JSON.parse(String(data)));
      if (change === undefined) throw new Error(`not a state change: ${String(data).slice(0, 200)}`);
      messages.push(change);
    });
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('unexpected-response', (_request, response) => reject(new Error(`status ${response.statusCode}`)));
    ws.once('error', reject);
  });
}

async function until(check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 400 && !check(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('sandbox events socket', () => {
  let sandbox: RunningSandbox | undefined;
  const sockets: WebSocket[] = [];

  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await sandbox?.stop();
    sandbox = undefined;
  });

  it('announces an action done over HTTP with the old and new state and the workitem', async () => {
    sandbox = await startSandbox({ size: 400 });
    const token = await signIn(sandbox.url, 'admin');
    const { ws, messages } = await open(socketUrl(sandbox), { Authorization: `Bearer ${token}` });
    sockets.push(ws);
    const active = sandbox.store.search({ q: 'state:active AND channelType:voice', rows: 1, start: 0 }).objects[0];
    assert.ok(active, 'the data set has no active voice workitem');
    const held = await call(sandbox.url, PATHS.hold(active.workitemId), { method: 'POST', token });
    assert.equal(held.status, 200);
    await until(() => messages.length > 0);
    assert.equal(messages.length, 1);
    const [message] = messages;
    assert.equal(message?.name, WORKITEM_STATE_CHANGE);
    assert.equal(message?.workitemId, active.workitemId);
    assert.equal(message?.oldState, 'active');
    assert.equal(message?.newState, 'hold');
    assert.equal(message?.action, 'hold');
    assert.equal(message?.workitem.state, 'hold');
    assert.equal(message?.createdAt, message?.workitem.modifiedAt);
  });

  it('accepts the token as a query parameter and refuses a missing or bad one with 401', async () => {
    sandbox = await startSandbox({ size: 50 });
    const token = await signIn(sandbox.url, 'viewer');
    const { ws } = await open(socketUrl(sandbox, `?token=${encodeURIComponent(token)}`));
    sockets.push(ws);
    await assert.rejects(open(socketUrl(sandbox)), /status 401/);
    await assert.rejects(open(socketUrl(sandbox), { Authorization: 'Bearer not-a-token' }), /status 401/);
    await assert.rejects(open(`${sandbox.url.replace(/^http/, 'ws')}/elsewhere`, { Authorization: `Bearer ${token}` }), /status 404/);
  });

  it('announces traffic arrivals and steps, each once, in the order the store made them', async () => {
    sandbox = await startSandbox({ size: 300, traffic: true, trafficSpeed: 50 });
    const token = await signIn(sandbox.url, 'admin');
    const { ws, messages } = await open(socketUrl(sandbox), { Authorization: token });
    sockets.push(ws);
    await until(() => messages.length >= 30);
    assert.ok(messages.length >= 30, `only ${messages.length} changes in 4 s`);
    assert.ok(messages.some((message) => message.action === 'arrive' && message.oldState === undefined));
    const keys = messages.map((message) => `${message.workitemId}@${message.createdAt}>${message.newState}`);
    assert.equal(new Set(keys).size, keys.length, 'a change was announced twice');
    for (let index = 1; index < messages.length; index++) {
      assert.ok((messages[index]?.createdAt ?? 0) >= (messages[index - 1]?.createdAt ?? 0), 'changes out of order');
    }
  });

  it('closes open sockets when the sandbox stops', async () => {
    sandbox = await startSandbox({ size: 20 });
    const token = await signIn(sandbox.url, 'admin');
    const { ws } = await open(socketUrl(sandbox), { Authorization: `Bearer ${token}` });
    const closed = new Promise((resolve) => ws.once('close', resolve));
    assert.equal(sandbox.events.clients, 1);
    await sandbox.stop();
    await closed;
    sandbox = undefined;
  });
});
