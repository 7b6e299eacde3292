// The client over HTTPS (a CA made by the sandbox at start), directly and through a CONNECT proxy:
// connections are kept alive, a body cut short still fails at once, a certificate problem names
// the host and the setting.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { NcxClient } from '../../../src/api/client';
import { NcxError } from '../../../src/api/errors';
import { sharedTransport, Transport } from '../../../src/api/transport';
import { signIn } from '../../../src/api/auth';
import { EVENTS_SOCKET_PATH } from '../../../src/api/live/eventsContract';
import { wsSocketFactory } from '../../../src/live/wsSocket';
import { startConnectProxy, type ConnectProxy } from '../../network/connectProxy';
import { startTestSandbox, type TestSandbox } from './helpers/sandbox';

describe('api/transport over HTTPS', function () {
  this.timeout(60_000);
  let harness: TestSandbox;
  let proxy: ConnectProxy;
  let ca: string;
  let token: string;

  before(async () => {
    // 127.0.0.2: a host the proxy is used for (this machine's own names never go through a proxy).
    harness = await startTestSandbox({ tls: true, size: 300, host: '127.0.0.2' });
    proxy = await startConnectProxy();
    ca = readFileSync(harness.sandbox.caPath ?? '', 'utf8');
    // The harness's fault hooks use the shared transport.
    sharedTransport.configure({ extraCa: [ca] });
    const transport = new Transport();
    transport.configure({ extraCa: [ca] });
    token = (await signIn({ loginUrl: harness.url, username: 'admin', password: 'admin-password', transport })).token;
  });

  after(async () => {
    sharedTransport.configure({});
    await proxy?.close();
    await harness?.stop();
  });

  function clientWith(transport: Transport): NcxClient {
    return new NcxClient({ location: harness.url, token: () => token, transport, retries: 0 });
  }

  it('refuses the sandbox certificate until its CA is trusted, naming the host and the setting', async () => {
    const client = clientWith(new Transport());
    await assert.rejects(client.count(undefined), (error: unknown) => {
      assert.ok(error instanceof NcxError);
      assert.equal(error.kind, 'network');
      assert.match(error.message, /certificate/);
      assert.match(error.message, /127\.0\.0\.2/);
      assert.match(error.message, /caFile/);
      return true;
    });
  });

  it('sends twenty requests over one connection and one TLS handshake', async () => {
    const transport = new Transport();
    transport.configure({ extraCa: [ca] });
    const client = clientWith(transport);
    const before = { ...harness.sandbox.counters };
    for (let i = 0; i < 20; i += 1) {
      await client.count(undefined);
    }
    assert.equal(harness.sandbox.counters.requests - before.requests, 20);
    assert.equal(harness.sandbox.counters.connections - before.connections, 1);
    assert.equal(harness.sandbox.counters.tlsHandshakes - before.tlsHandshakes, 1);
    transport.closeAll();
  });

  it('parses the trusted roots once per settings: a reconnect after closeAll reuses them, new settings do not', async () => {
    const transport = new Transport();
    transport.configure({ extraCa: [ca] });
    const contextOf = (): unknown => (transport.agentFor(new URL(harness.url)) as unknown as { options: { secureContext?: unknown } }).options.secureContext;
    const first = contextOf();
    assert.ok(first, 'the CA is given through one secure context');
    await clientWith(transport).count(undefined);
    transport.closeAll();
    assert.equal(contextOf(), first, 'the roots are not parsed again after closeAll');
    await clientWith(transport).count(undefined);
    transport.configure({});
    assert.equal(contextOf(), undefined, "Node's default roots need no context of their own");
    await assert.rejects(clientWith(transport).count(undefined), /certificate/);
    transport.configure({ extraCa: [ca] });
    assert.notEqual(contextOf(), first, 'new settings, new roots');
    await clientWith(transport).count(undefined);
    transport.closeAll();
  });

  it('keeps its tunnel through a CONNECT proxy alive too', async () => {
    const transport = new Transport();
    transport.configure({ extraCa: [ca], proxy: proxy.url });
    proxy.reset();
    const client = clientWith(transport);
    for (let i = 0; i < 10; i += 1) {
      await client.count(undefined);
    }
    assert.equal(proxy.counters.tunnels, 1);
    assert.equal(proxy.counters.tlsHandshakes, 1);
    transport.closeAll();
  });

  it('opens the events socket (wss) the way requests go: through the proxy, trusting the same CA', async () => {
    const url = new URL(EVENTS_SOCKET_PATH, harness.url);
    url.protocol = 'wss:';
    const opened = (transport: Transport): Promise<string> =>
      new Promise((resolve) => {
        const socket = wsSocketFactory(transport)(url.toString(), { Authorization: `Bearer ${token}` });
        socket.on('open', () => {
          socket.terminate();
          resolve('open');
        });
        socket.on('error', (error: Error) => resolve(error.message));
      });
    const transport = new Transport();
    transport.configure({ extraCa: [ca], proxy: proxy.url });
    const tunnels = proxy.counters.tunnels;
    assert.equal(await opened(transport), 'open');
    assert.equal(proxy.counters.tunnels - tunnels, 1, 'the socket went through the proxy');
    transport.closeAll();
    // Without the CA the socket is refused as a request is, instead of trusting anything.
    assert.match(await opened(new Transport()), /certificate/);
  });

  it('goes around the proxy for a host in noProxy', async () => {
    const transport = new Transport();
    transport.configure({ extraCa: [ca], proxy: proxy.url, noProxy: ['127.0.0.2'] });
    proxy.reset();
    await clientWith(transport).count(undefined);
    assert.equal(proxy.counters.tunnels, 0);
    transport.closeAll();
  });

  it('reaches this machine (localhost, 127.0.0.1) directly whatever the proxy: a proxy cannot reach it for us', async () => {
    const local = await startTestSandbox({ size: 50 });
    try {
      const transport = new Transport();
      transport.configure({ proxy: proxy.url });
      proxy.reset();
      for (const location of [local.url, local.url.replace('127.0.0.1', 'localhost')]) {
        const localToken = (await signIn({ loginUrl: location, username: 'admin', password: 'admin-password', transport })).token;
        assert.ok((await new NcxClient({ location, token: () => localToken, transport, retries: 0 }).count(undefined)) > 0);
      }
      assert.equal(proxy.counters.tunnels + proxy.counters.forwarded, 0);
      transport.closeAll();
    } finally {
      await local.stop();
    }
  });

  it('fails a body cut short at once on a kept-alive connection, then goes on', async () => {
    const transport = new Transport();
    transport.configure({ extraCa: [ca], proxy: proxy.url });
    const client = new NcxClient({ location: harness.url, token: () => token, transport, retries: 0, timeoutMs: 30_000 });
    await client.count(undefined);
    await harness.setFaults([{ match: { pathPrefix: '/data/api/types/workitem' }, times: 1, mode: 'truncate' }]);
    const started = Date.now();
    await assert.rejects(client.count(undefined), (error: unknown) => error instanceof NcxError && error.kind === 'network');
    // Far below the 30 s timeout: the cut was seen, not waited out.
    assert.ok(Date.now() - started < 10_000);
    await harness.clearFaults();
    assert.ok((await client.count(undefined)) > 0);
    transport.closeAll();
  });
});
