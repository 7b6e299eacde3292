// Every kind of failure the sandbox can produce, real or injected through its fault rules, and
// how often each request really reached the server (counted by the rules' remaining `times`).
import { strict as assert } from 'node:assert';
import { NcxClient, type NcxClientOptions } from '../../../src/api/client';
import { isNcxError, type NcxError, type NcxErrorKind } from '../../../src/api/errors';
import type { RequestLogEntry } from '../../../src/api/http';
import { PATHS } from '../../../src/api/paths';
import type { Workitem } from '../../../src/api/schemas';
import { EXAMPLE_WORKITEM } from './fixtures/workitems';
import { startTestSandbox, type TestSandbox } from './helpers/sandbox';

const SEARCH_PREFIX = '/data/api/types/';
const CALLS_PREFIX = '/users/api/calls/';

describe('api/client errors against the sandbox', () => {
  let harness: TestSandbox;
  let agentToken: string;
  let log: RequestLogEntry[];
  let waits: number[];

  before(async () => {
    harness = await startTestSandbox();
    agentToken = await harness.tokenFor('agent');
  });

  after(async () => {
    await harness.stop();
  });

  beforeEach(() => {
    log = [];
    waits = [];
  });

  afterEach(async () => {
    await harness.clearFaults();
  });

  function client(options: Partial<NcxClientOptions> = {}): NcxClient {
    return new NcxClient({
      location: harness.url,
      token: () => agentToken,
      onRequest: (entry) => log.push(entry),
      wait: async (ms) => {
        waits.push(ms);
      },
      ...options,
    });
  }

  async function failure(promise: Promise<unknown>, kind: NcxErrorKind): Promise<NcxError> {
    try {
      await promise;
    } catch (error) {
      assert.ok(isNcxError(error), `expected an NcxError, got ${String(error)}`);
      assert.equal(error.kind, kind, error.message);
      assert.ok(!error.message.includes(agentToken), 'the message must not show the token');
      return error;
    }
    assert.fail(`expected a ${kind} error`);
  }

  function someWorkitem(state: string): Workitem {
    const [workitem] = harness.sandbox.store.search({ q: `state:${state} AND channelType:voice`, rows: 1, start: 0 }).objects;
    assert.ok(workitem);
    return workitem;
  }

  /** How many requests the only fault rule still applies to. */
  async function remainingTimes(): Promise<number | undefined> {
    const rules = await harness.faults();
    return rules[0]?.times;
  }

  describe('answers of the sandbox itself', () => {
    it('unauthorized without a token, and with a token it did not issue', async () => {
      const none = await failure(client({ token: () => undefined }).count(undefined), 'unauthorized');
      assert.equal(none.details.status, 401);
      assert.match(none.message, /Sign in again/);
      await failure(client({ token: () => 'not.a.token' }).count(undefined), 'unauthorized');
      assert.equal(log.filter((entry) => entry.error === 'unauthorized').length, 2, 'a 401 is not retried');
    });

    it('forbidden names the missing permission', async () => {
      const viewer = await harness.tokenFor('viewer');
      const { workitemId } = someWorkitem('active');
      const error = await failure(client({ token: () => viewer }).act('hold', workitemId, {}), 'forbidden');
      assert.equal(error.details.missingPermission, 'workitems:write');
      assert.match(error.message, /lacks the permission 'workitems:write'/);
      assert.equal(harness.sandbox.store.get(workitemId)?.state, 'active');
    });

    it('notFound for a workitem that does not exist', async () => {
      const error = await failure(client().fetchWorkitem('wi_does_not_exist'), 'notFound');
      assert.equal(error.details.status, 404);
      assert.match(error.message, /wi_does_not_exist/);
    });

    it('conflict for an action the state does not allow, with the reason the server gave', async () => {
      const { workitemId } = someWorkitem('terminated');
      const error = await failure(client().act('hold', workitemId, {}), 'conflict');
      assert.equal(error.details.status, 409);
      assert.match(error.message, /The server said: "wi_\d+ is terminated: hold is not possible"/);
    });

    it('badRequest for a query the server cannot read', async () => {
      const error = await failure(client().search({ q: 'state:(active' }), 'badRequest');
      assert.match(error.message, /Query parameter 'q' is not valid/);
    });

    it('notFound for a transfer to a queue that does not exist', async () => {
      const { workitemId } = someWorkitem('active');
      await failure(client().act('transfer', workitemId, { queueId: 'q_nowhere' }), 'notFound');
    });

    it('refuses a page size out of range without asking the server', async () => {
      await failure(client().search({ rows: 5000 }), 'badRequest');
      await failure(client().search({ start: -1 }), 'badRequest');
      assert.equal(log.length, 0);
    });
  });

  describe('injected faults', () => {
    it('rateLimited: a read waits as Retry-After asks, then succeeds', async () => {
      await harness.setFaults([{ match: { pathPrefix: SEARCH_PREFIX }, times: 1, status: 429, headers: { 'Retry-After': '2' } }]);
      const total = await client().count(undefined);
      assert.equal(total, harness.sandbox.store.size);
      assert.deepEqual(waits, [2000]);
      assert.deepEqual(
        log.map((entry) => entry.status),
        [429, 200],
      );
      assert.deepEqual(await harness.faults(), []);
    });

    it('rateLimited: a read gives up after its retries, keeping how long to wait', async () => {
      await harness.setFaults([{ match: { pathPrefix: SEARCH_PREFIX }, times: 10, status: 429, headers: { 'Retry-After': '2' } }]);
      const error = await failure(client({ retries: 3 }).count(undefined), 'rateLimited');
      assert.equal(error.details.retryAfterMs, 2000);
      assert.equal(await remainingTimes(), 6, 'one request and three retries reached the server');
      assert.deepEqual(
        log.map((entry) => entry.attempt),
        [1, 2, 3, 4],
      );
    });

    it('server: a 503 on a read is retried until it passes', async () => {
      await harness.setFaults([{ match: { method: 'GET', pathPrefix: '/users/api/workitems/' }, times: 2, status: 503 }]);
      const { workitemId } = someWorkitem('active');
      const workitem = await client().fetchWorkitem(workitemId);
      assert.equal(workitem.workitemId, workitemId);
      assert.deepEqual(
        log.map((entry) => [entry.attempt, entry.status]),
        [
          [1, 503],
          [2, 503],
          [3, 200],
        ],
      );
      assert.equal(waits.length, 2);
    });

    it('server: a 500 is not retried, even on a read', async () => {
      await harness.setFaults([{ match: { pathPrefix: SEARCH_PREFIX }, times: 5, status: 500 }]);
      const error = await failure(client().count(undefined), 'server');
      assert.equal(error.details.status, 500);
      assert.match(error.message, /Injected fault: status 500/);
      assert.equal(await remainingTimes(), 4);
    });

    it('an action is never retried: one request on a 503', async () => {
      const { workitemId } = someWorkitem('active');
      await harness.setFaults([{ match: { method: 'POST', pathPrefix: CALLS_PREFIX }, times: 5, status: 503 }]);
      await failure(client().act('hold', workitemId, {}), 'server');
      assert.equal(await remainingTimes(), 4);
      assert.deepEqual(waits, []);
    });

    it('an action is never retried: one request on a reset connection', async () => {
      const { workitemId } = someWorkitem('active');
      await harness.setFaults([{ match: { method: 'DELETE', pathPrefix: CALLS_PREFIX }, times: 5, mode: 'reset' }]);
      const error = await failure(client().act('unhold', workitemId, {}), 'network');
      assert.match(error.message, /may have been carried out/);
      assert.equal(await remainingTimes(), 4);
    });

    it('network: a reset read is retried until it passes', async () => {
      await harness.setFaults([{ match: { pathPrefix: PATHS.search('queue') }, times: 2, mode: 'reset' }]);
      const queues = await client().listQueues();
      assert.equal(queues.length, harness.sandbox.store.queues().length);
      assert.deepEqual(
        log.map((entry) => entry.error ?? entry.status),
        ['network', 'network', 200],
      );
    });

    it('network: an answer cut in half is retried on a read', async () => {
      await harness.setFaults([{ match: { pathPrefix: SEARCH_PREFIX }, times: 1, mode: 'truncate' }]);
      const page = await client().search({ rows: 200 });
      assert.equal(page.items.length, 200);
      assert.deepEqual(
        log.map((entry) => entry.error ?? entry.status),
        ['network', 200],
      );
    });

    it('timeout: a slow answer is given up after the timeout, and not retried', async () => {
      await harness.setFaults([{ match: { pathPrefix: SEARCH_PREFIX }, times: 5, delayMs: 5_000 }]);
      const error = await failure(client({ timeoutMs: 150 }).count(undefined), 'timeout');
      assert.match(error.message, new RegExp(`^The server at ${harness.url.replace(/[.]/g, '\\.')} did not answer GET`));
      assert.equal(await remainingTimes(), 4);
    });

    it('timeout: headers with no body after them', async () => {
      await harness.setFaults([{ match: { pathPrefix: '/users/api/workitems/' }, times: 1, mode: 'hang' }]);
      const { workitemId } = someWorkitem('active');
      await failure(client({ timeoutMs: 150 }).fetchWorkitem(workitemId), 'timeout');
    });

    it('malformed: a body that is not JSON, shown in part', async () => {
      await harness.setFaults([
        { match: { pathPrefix: SEARCH_PREFIX }, times: 1, status: 200, contentType: 'text/plain', body: 'Service temporarily unavailable' },
      ]);
      const error = await failure(client().search({}), 'malformed');
      assert.match(error.message, /is not a search result \{count, total, objects\}: it is not JSON/);
      assert.match(error.message, /It began with: Service temporarily unavailable/);
    });

    it('malformed: JSON that is not a search envelope', async () => {
      await harness.setFaults([{ match: { pathPrefix: SEARCH_PREFIX }, times: 1, status: 200, body: '{"results":[]}' }]);
      const error = await failure(client().search({}), 'malformed');
      assert.match(error.message, /'count' should be number but is missing/);
    });

    it('malformed: a workitem that breaks the schema, with its issues', async () => {
      const broken = { ...EXAMPLE_WORKITEM, createdAt: 'yesterday' };
      await harness.setFaults([
        { match: { pathPrefix: PATHS.workitem('wi_12345') }, times: 1, status: 200, body: JSON.stringify(broken) },
      ]);
      const error = await failure(client().fetchWorkitem('wi_12345'), 'malformed');
      assert.deepEqual(error.details.issues, [
        { workitemId: 'wi_12345', path: 'createdAt', expected: 'number', received: '"yesterday"' },
      ]);
      assert.match(error.message, /'createdAt' should be number but is "yesterday"/);
    });

    it('a page with one corrupt workitem keeps the other 99 and reports the issue with its path', async () => {
      const real = harness.sandbox.store.search({ rows: 100, start: 0 });
      const objects: Record<string, unknown>[] = JSON.parse(JSON.stringify(real.objects)) as Record<string, unknown>[];
      const corrupt = objects[17];
      assert.ok(corrupt);
      corrupt['priority'] = 'urgent';
      const body = JSON.stringify({ count: objects.length, total: real.total, objects });
      await harness.setFaults([{ match: { pathPrefix: SEARCH_PREFIX }, times: 1, status: 200, body }]);
      const page = await client().search({ rows: 100 });
      assert.equal(page.items.length, 99);
      assert.equal(page.total, real.total);
      assert.deepEqual(page.issues, [
        { workitemId: corrupt['workitemId'], path: 'priority', expected: 'number', received: '"urgent"' },
      ]);
    });

    it("parses the documentation's example workitem when the server sends it", async () => {
      await harness.setFaults([
        { match: { pathPrefix: PATHS.workitem('wi_12345') }, times: 1, status: 200, body: JSON.stringify(EXAMPLE_WORKITEM) },
      ]);
      assert.deepEqual(await client().fetchWorkitem('wi_12345'), EXAMPLE_WORKITEM);
    });

    it('cancelled: a request in flight stops when its signal aborts', async () => {
      await harness.setFaults([{ match: { pathPrefix: SEARCH_PREFIX }, times: 1, delayMs: 10_000 }]);
      const controller = new AbortController();
      const pending = client().count(undefined, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      const error = await failure(pending, 'cancelled');
      assert.match(error.message, /was cancelled/);
      assert.deepEqual(waits, [], 'a cancelled read is not retried');
    });
  });
});
