// The request function against a hand-made server: exact headers, and answers the sandbox never
// gives (HTML, oversized bodies, echoed tokens, HTTP-date Retry-After).
import { strict as assert } from 'node:assert';
import { z } from 'zod';
import { request, type HttpConfig, type RequestLogEntry } from '../../../src/api/http';
import { realisticWorkitem } from './fixtures/workitems';
import { closedPort } from './helpers/closedPort';
import { sendJson, startLoopbackServer, type LoopbackServer } from './helpers/loopbackServer';
import { expectNcxError } from './helpers/expectNcxError';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYXNvbiJ9.c2VjcmV0LXNpZ25hdHVyZQ';

const rejection = expectNcxError;

describe('api/http', () => {
  let server: LoopbackServer | undefined;
  let log: RequestLogEntry[];
  let waits: number[];

  function config(overrides: Partial<HttpConfig> = {}): HttpConfig {
    return {
      baseUrl: server?.url ?? 'http://127.0.0.1:9',
      token: () => TOKEN,
      onRequest: (entry) => log.push(entry),
      wait: async (ms) => {
        waits.push(ms);
      },
      ...overrides,
    };
  }

  const anything = { expected: 'anything', answer: z.unknown() } as const;

  beforeEach(() => {
    log = [];
    waits = [];
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sends the token as a Bearer token by default, and bare when asked', async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 200, {}));
    await request(config(), { method: 'GET', path: '/x', ...anything });
    await request(config({ authScheme: 'raw' }), { method: 'GET', path: '/x', ...anything });
    await request(config({ token: () => undefined }), { method: 'GET', path: '/x', ...anything });
    assert.deepEqual(
      server.requests.map((recorded) => recorded.headers.authorization),
      [`Bearer ${TOKEN}`, TOKEN, undefined],
    );
  });

  it('sends the query and a JSON body, and keeps a path prefix of the location', async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 200, { ok: true }));
    const answer = await request(config({ baseUrl: `${server.url}/tenant-a/` }), {
      method: 'POST',
      path: '/users/api/calls/wi_1/queuetransfer/q_billing',
      query: { q: 'summary:"a b"', rows: 10, skipped: undefined },
      body: { inboxId: 'q_billing', workitemId: 'wi_1' },
      expected: 'an acknowledgement',
      answer: z.object({ ok: z.boolean() }),
    });
    assert.deepEqual(answer, { ok: true });
    const [sent] = server.requests;
    assert.ok(sent);
    assert.equal(sent.url, '/tenant-a/users/api/calls/wi_1/queuetransfer/q_billing?q=summary%3A%22a+b%22&rows=10');
    assert.equal(sent.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(sent.body), { inboxId: 'q_billing', workitemId: 'wi_1' });
  });

  it('calls an HTML answer malformed, shows its beginning, and never shows the token', async () => {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end(`<html><body>Proxy login for ${TOKEN}</body></html>`);
    });
    const error = await rejection(request(config(), { method: 'GET', path: '/users/api/workitems/wi_1', ...anything }), 'malformed');
    assert.match(error.message, /GET \/users\/api\/workitems\/wi_1 is not anything: it is not JSON/);
    assert.match(error.message, /It began with: <html><body>Proxy login for/);
    assert.ok(!error.message.includes(TOKEN));
  });

  it('says what was expected when the JSON has the wrong shape', async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 200, { location: 'nowhere' }));
    const error = await rejection(
      request(config(), {
        method: 'GET',
        path: '/provider/token-with-authorities',
        expected: 'a token response {location, token}',
        answer: z.object({ location: z.string(), token: z.string() }),
      }),
      'malformed',
    );
    assert.match(error.message, /is not a token response \{location, token\}: 'token' should be string but is missing/);
  });

  it('keeps the token out of error messages even when the server echoes it', async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 500, { code: 'internal', message: `Token ${TOKEN} broke the parser` }),
    );
    const error = await rejection(request(config(), { method: 'POST', path: '/x', ...anything }), 'server');
    assert.ok(!error.message.includes(TOKEN));
    assert.match(error.message, /Token ‹redacted› broke the parser/);
  });

  it('finds the missing permission in the message when the body has no field for it', async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 403, { code: 403, message: 'Access denied: requires workitems:write' }),
    );
    const error = await rejection(request(config(), { method: 'POST', path: '/users/api/calls/wi_1/hold', ...anything }), 'forbidden');
    assert.equal(error.details.missingPermission, 'workitems:write');
    assert.equal(error.details.code, 403);
    assert.match(error.message, /lacks the permission 'workitems:write'/);
  });

  it('waits as long as an HTTP-date Retry-After asks before retrying a read', async () => {
    let calls = 0;
    server = await startLoopbackServer((_request, response) => {
      calls += 1;
      if (calls === 1) {
        const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
        sendJson(response, 429, { code: 429, message: 'slow down' }, { 'Retry-After': inTenSeconds });
      } else {
        sendJson(response, 200, { fine: true });
      }
    });
    await request(config(), { method: 'GET', path: '/x', ...anything });
    assert.equal(server.requests.length, 2);
    assert.equal(waits.length, 1);
    const [waited] = waits;
    // An HTTP date has a resolution of one second.
    assert.ok(waited !== undefined && waited > 8_000 && waited <= 10_000, `waited ${waited}`);
  });

  it('gives up at once when Retry-After is longer than it is willing to wait', async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 429, { code: 429, message: 'quota' }, { 'Retry-After': '3600' }),
    );
    const error = await rejection(request(config(), { method: 'GET', path: '/x', ...anything }), 'rateLimited');
    assert.equal(error.details.retryAfterMs, 3_600_000);
    assert.match(error.message, /try again in 3600 seconds/);
    assert.equal(server.requests.length, 1);
    assert.deepEqual(waits, []);
  });

  it('refuses an answer larger than the cap, declared or streamed', async () => {
    const big = JSON.stringify({ objects: Array.from({ length: 50 }, (_unused, index) => realisticWorkitem(index)) });
    server = await startLoopbackServer((recorded, response) => {
      if (recorded.url === '/declared') {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(big) });
      } else {
        response.writeHead(200, { 'Content-Type': 'application/json' });
      }
      response.end(big);
    });
    for (const path of ['/declared', '/streamed']) {
      const error = await rejection(
        request(config({ maxAnswerBytes: 4096 }), { method: 'GET', path, ...anything }),
        'malformed',
      );
      assert.match(error.message, /larger than/);
    }
  });

  it('reads a complete answer whose connection closes right after it', async () => {
    const body = JSON.stringify({ objects: Array.from({ length: 200 }, (_unused, index) => realisticWorkitem(index)) });
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      response.end(body, () => response.socket?.destroy());
    });
    for (let round = 0; round < 5; round += 1) {
      const answer = await request(config(), { method: 'GET', path: '/x', expected: 'objects', answer: z.object({ objects: z.array(z.unknown()) }) });
      assert.equal(answer.objects.length, 200);
    }
  });

  it('fails an answer cut short as a network error, not by waiting for the timeout', async () => {
    const body = JSON.stringify({ objects: Array.from({ length: 200 }, (_unused, index) => realisticWorkitem(index)) });
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      response.write(body.slice(0, 1000), () => response.destroy());
    });
    const error = await rejection(
      request(config({ timeoutMs: 60_000, retries: 0 }), { method: 'POST', path: '/users/api/calls/wi_1/hold', ...anything }),
      'network',
    );
    assert.match(error.message, /closed before the answer was complete; the action may have been carried out anyway/);
  });

  it('says which server it cannot reach, and retries a read a bounded number of times', async () => {
    const port = await closedPort();
    const error = await rejection(
      request(config({ baseUrl: `http://127.0.0.1:${port}`, retries: 2 }), { method: 'GET', path: '/x', ...anything }),
      'network',
    );
    assert.match(error.message, new RegExp(`^Cannot reach http://127\\.0\\.0\\.1:${port}: the connection was refused`));
    assert.equal(error.details.code, 'ECONNREFUSED');
    assert.deepEqual(
      log.map((entry) => [entry.attempt, entry.error]),
      [
        [1, 'network'],
        [2, 'network'],
        [3, 'network'],
      ],
    );
    assert.equal(waits.length, 2);
  });

  it('never retries an action, even when the network fails', async () => {
    const port = await closedPort();
    await rejection(
      request(config({ baseUrl: `http://127.0.0.1:${port}` }), { method: 'POST', path: '/users/api/calls/wi_1/hangup', ...anything }),
      'network',
    );
    assert.equal(log.length, 1);
    assert.deepEqual(waits, []);
  });

  it('refuses a location that is not an http address, without sending anything', async () => {
    const error = await rejection(
      request(config({ baseUrl: 'ftp://example.com' }), { method: 'GET', path: '/x', ...anything }),
      'network',
    );
    assert.match(error.message, /not an http:\/\/ or https:\/\/ address/);
    assert.equal(log.length, 0);
  });

  it('does not send a request whose signal is already aborted', async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 200, {}));
    const controller = new AbortController();
    controller.abort();
    await rejection(request(config(), { method: 'GET', path: '/x', signal: controller.signal, ...anything }), 'cancelled');
    assert.equal(server.requests.length, 0);
  });

  it('stops waiting between retries when cancelled', async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 503, { code: 503, message: 'busy' }));
    const controller = new AbortController();
    const pending = request(
      config({ wait: undefined, retryTuning: { baseDelayMs: 60_000, maxDelayMs: 60_000 } }),
      { method: 'GET', path: '/x', signal: controller.signal, ...anything },
    );
    // Cancel once the first attempt has failed and the long backoff has begun.
    while (log.length === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    controller.abort();
    await rejection(pending, 'cancelled');
    assert.equal(server.requests.length, 1);
  });

  it('logs each attempt without the token, the headers or the query', async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 404, { code: 404, message: 'no such workitem' }));
    await rejection(
      request(config(), { method: 'GET', path: '/users/api/workitems/wi_9', query: { secret: 'q' }, ...anything }),
      'notFound',
    );
    assert.equal(log.length, 1);
    const [entry] = log;
    assert.ok(entry);
    assert.deepEqual(
      { method: entry.method, path: entry.path, status: entry.status, error: entry.error, attempt: entry.attempt },
      { method: 'GET', path: '/users/api/workitems/wi_9', status: 404, error: 'notFound', attempt: 1 },
    );
    assert.equal(typeof entry.durationMs, 'number');
    assert.ok(!JSON.stringify(log).includes(TOKEN));
  });

  it('accepts an empty answer when the reader allows it', async () => {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    const answer = await request(config(), { method: 'POST', path: '/x', ...anything });
    assert.equal(answer, undefined);
  });
});
