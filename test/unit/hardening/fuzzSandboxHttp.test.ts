// The sandbox's request validation over real HTTP, fuzzed: any method, path, query, credentials,
// content type and body must get a deliberate answer (200, or a 4xx with a `{code, message}`
// body), never a 500, a dropped connection or a crash; and the sandbox must still serve afterwards.
// The search parameters alone are fuzzed by the sandbox's own route tests; this covers the rest.
import { strict as assert } from 'node:assert';
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { ErrorBodySchema, SearchEnvelopeSchema, TokenResponseSchema } from '../../../src/api/schemas';
import { PATHS } from '../../../src/api/paths';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server/startSandbox';

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

interface Received {
  status: number;
  contentType: string;
  text: string;
}

const DELIBERATE = new Set([200, 400, 401, 403, 404, 405, 409, 413, 415, 431]);

function send(baseUrl: string, sent: Sent): Promise<Received> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, method: sent.method, path: sent.path, headers: sent.headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(sent.body);
  });
}

describe('hardening: the sandbox\'s HTTP surface, fuzzed', function () {
  this.timeout(120_000);
  let sandbox: RunningSandbox;
  const logged: string[] = [];
  const tokens: Record<string, string> = {};
  let ids: string[];
  let queues: string[];

  before(async () => {
    sandbox = await startSandbox({ port: 0, size: 300, seed: 23, traffic: false, log: (line) => logged.push(line) });
    for (const user of ['admin', 'agent', 'viewer']) {
      const answer = await send(sandbox.url, {
        method: 'GET',
        path: PATHS.tokenWithAuthorities,
        headers: { Authorization: `Basic ${Buffer.from(`${user}:${user}-password`).toString('base64')}` },
      });
      tokens[user] = TokenResponseSchema.parse(JSON.parse(answer.text)).token;
    }
    ids = sandbox.store.search({ rows: 40, start: 0 }).objects.map((workitem) => workitem.workitemId);
    queues = sandbox.store.queues().map((queue) => queue._id);
  });

  after(async () => {
    await sandbox.stop();
  });

  function requests(): fc.Arbitrary<Sent> {
    const known = fc.constantFrom(
      'data', 'api', 'types', 'workitem', 'queue', 'users', 'workitems', 'calls', 'hold', 'hangup', 'queuetransfer',
      'provider', 'token-with-authorities', 'token-refresh', '__sandbox', 'faults', '', '.', '..',
      ...ids.slice(0, 10), ...queues,
    );
    const segment = fc.oneof(
      { weight: 4, arbitrary: known },
      { weight: 2, arbitrary: fc.string({ maxLength: 12 }).map((text) => encodeURIComponent(text)) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }).map((text) => encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, ''))) },
      { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%2F', '%C0%AF', 'a%2Fb', '%FF%FE', '%u202E') },
      { weight: 1, arbitrary: fc.constant('x'.repeat(300)) },
    );
    const realPaths = fc.constantFrom(
      PATHS.search('workitem'), PATHS.search('queue'), PATHS.search('contact'), PATHS.workitem(ids[0] ?? 'x'),
      PATHS.hold(ids[1] ?? 'x'), PATHS.hangup(ids[2] ?? 'x'), PATHS.queueTransfer(ids[3] ?? 'x', queues[0] ?? 'q'),
      PATHS.tokenWithAuthorities, PATHS.tokenRefresh, '/__sandbox/faults',
    );
    const path = fc.oneof({ weight: 3, arbitrary: realPaths }, { weight: 2, arbitrary: fc.array(segment, { maxLength: 7 }).map((parts) => `/${parts.join('/')}`) });
    const parameter = fc.tuple(
      fc.constantFrom('q', 'rows', 'start', 'sort', 'queryParams', '', 'rows[]', encodeURIComponent('q ')),
      fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('-1', '1e3', '1001', '0x10', '99999999999999999999', 'state:(active', 'createdAt desc')),
    ).map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
    const query = fc.oneof(
      { weight: 4, arbitrary: fc.constant('') },
      { weight: 2, arbitrary: fc.array(parameter, { maxLength: 5 }).map((pairs) => `?${pairs.join('&')}`) },
      { weight: 1, arbitrary: fc.constantFrom('?', '?&&', '?rows=1&rows=2', '?q=%', '?%=%', '?rows=3&sort=priority%20desc') },
    );
    const authorization = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('admin', 'agent').map((user) => `Bearer ${tokens[user] ?? ''}`) },
      fc.constantFrom(undefined, 'admin', 'agent', 'viewer').map((user) => (user === undefined ? undefined : `Bearer ${tokens[user] ?? ''}`)),
      fc.constant(tokens['agent']),
      fc.constantFrom('Bearer', 'Bearer ', 'Bearer a.b.c', 'Basic Og==', 'Basic !!!', `Basic ${Buffer.from('admin:admin-password').toString('base64')}`, `Bearer ${(tokens['admin'] ?? '').slice(0, -3)}abc`),
    );
    const contentType = fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/vnd.ncx+json', 'multipart/form-data; boundary=x', 'application/xml');
    const transferBody = fc.record({
      inboxId: fc.oneof(fc.constantFrom(...queues), fc.string()),
      workitemId: fc.oneof(fc.constantFrom(...ids), fc.string()),
      ringAll: fc.oneof(fc.boolean(), fc.string()),
      recording: fc.constantFrom('keepCurrent', 'startRecording', 'nope'),
    }, { requiredKeys: [] }).map((body) => JSON.stringify(body));
    const body = fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      fc.json({ maxDepth: 3 }),
      { weight: 2, arbitrary: transferBody },
      fc.constantFrom('{', '[1,2', 'null', '"', '{"rules":[{"status":500}]}', '\u0000\u0001', 'x'.repeat(70_000)),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    );
    const method = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('GET', 'POST', 'DELETE') },
      { weight: 1, arbitrary: fc.constantFrom('PUT', 'PATCH', 'HEAD', 'OPTIONS') },
      { weight: 1, arbitrary: fc.stringMatching(/^[A-Z]{1,8}$/) },
    );
    // Requests a client would send, on real workitems: they reach the handlers and the state machine.
    const id = fc.constantFrom(...ids);
    const wellFormed = fc.oneof(
      fc.record({ method: fc.constant('GET'), path: fc.constant(PATHS.search('workitem')), query, contentType: fc.constant(undefined), body: fc.constant(undefined) }),
      fc.record({ method: fc.constant('GET'), path: id.map((workitemId) => PATHS.workitem(workitemId)), query: fc.constant(''), contentType: fc.constant(undefined), body: fc.constant(undefined) }),
      fc.record({
        method: fc.constantFrom('POST', 'DELETE'),
        path: fc.tuple(id, fc.constantFrom('hold', 'hangup')).map(([workitemId, what]) => (what === 'hold' ? PATHS.hold(workitemId) : PATHS.hangup(workitemId))),
        query: fc.constant(''),
        contentType,
        body: fc.oneof(fc.constant(undefined), fc.json({ maxDepth: 1 })),
      }),
      fc.record({
        method: fc.constant('POST'),
        path: fc.tuple(id, fc.constantFrom(...queues)).map(([workitemId, queueId]) => PATHS.queueTransfer(workitemId, queueId)),
        query: fc.constant(''),
        contentType: fc.constant('application/json'),
        body: transferBody,
      }),
    );
    const anything = fc.record({ method, path, query, contentType, body });
    return fc.tuple(fc.oneof(wellFormed, anything), authorization).map(([{ method: verb, path: target, query: search, contentType: type, body: payload }, auth]) => {
      const headers: Record<string, string> = {};
      if (auth !== undefined) headers['Authorization'] = auth;
      if (type !== undefined) headers['Content-Type'] = type;
      const bytes = payload === undefined || verb === 'GET' || verb === 'HEAD' ? undefined : Buffer.from(payload, 'utf8');
      if (bytes !== undefined) headers['Content-Length'] = String(bytes.length);
      return { method: verb, path: `${target}${search}`, headers, ...(bytes !== undefined ? { body: bytes } : {}) };
    });
  }

  it('answers every request deliberately: 200 or a 4xx with {code, message}, never a 500 (property)', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requests(), async (sent) => {
        const received = await send(sandbox.url, sent);
        statuses.set(received.status, (statuses.get(received.status) ?? 0) + 1);
        const what = `${sent.method} ${sent.path.slice(0, 120)} → ${received.status} ${received.text.slice(0, 200)}`;
        assert.ok(DELIBERATE.has(received.status), what);
        if (sent.method === 'HEAD') {
          return;
        }
        assert.match(received.contentType, /^application\/json/, what);
        const json: unknown = JSON.parse(received.text);
        if (received.status >= 400) {
          assert.ok(ErrorBodySchema.safeParse(json).success, what);
        }
      }),
      { numRuns: 800 },
    );
    assert.deepEqual(logged, [], 'the sandbox logged an unexpected failure');
    const spread = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
    console.log(`      statuses: ${spread}`);
    assert.ok((statuses.get(200) ?? 0) > 0 && (statuses.get(404) ?? 0) > 0 && (statuses.get(400) ?? 0) > 0, spread);
  });

  it('still serves normally afterwards', async () => {
    const answer = await send(sandbox.url, { method: 'GET', path: `${PATHS.search('workitem')}?rows=5`, headers: { Authorization: `Bearer ${tokens['viewer'] ?? ''}` } });
    assert.equal(answer.status, 200);
    assert.equal(SearchEnvelopeSchema.parse(JSON.parse(answer.text)).count, 5);
  });
});
