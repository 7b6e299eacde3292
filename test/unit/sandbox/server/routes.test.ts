import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { PATHS, SEARCH_DEFAULT_ROWS, UNHOLD } from '../../../../src/api/paths';
import { QueueSchema, SearchEnvelopeSchema, WorkitemSchema } from '../../../../src/api/schemas';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox/server/startSandbox';
import { asWorkitem, assertError, call, findWorkitem, signIn } from './support/http';

describe('sandbox HTTP API', function () {
  let sandbox: RunningSandbox;
  let url: string;
  let token: string;

  before(async () => {
    sandbox = await startSandbox({ size: 600, seed: 7 });
    url = sandbox.url;
    token = await signIn(url, 'agent');
  });

  after(async () => {
    await sandbox?.stop();
  });

  describe('GET /data/api/types/workitem', () => {
    it('answers the NCX search envelope, 100 rows by default', async () => {
      const result = await call(url, PATHS.search('workitem'), { token });
      assert.equal(result.status, 200);
      const envelope = SearchEnvelopeSchema.parse(result.json);
      assert.equal(envelope.total, sandbox.store.size);
      assert.equal(envelope.count, SEARCH_DEFAULT_ROWS);
      assert.equal(envelope.objects.length, envelope.count);
      envelope.objects.forEach((object) => WorkitemSchema.parse(object));
    });

    it('filters with q and pages with rows and start', async () => {
      const all = SearchEnvelopeSchema.parse(
        (await call(url, `${PATHS.search('workitem')}?q=${encodeURIComponent('state:active')}&rows=1000`, { token })).json,
      );
      assert.ok(all.total > 3);
      assert.ok(all.objects.every((object) => WorkitemSchema.parse(object).state === 'active'));
      const page = SearchEnvelopeSchema.parse(
        (await call(url, `${PATHS.search('workitem')}?q=state:active&rows=2&start=1`, { token })).json,
      );
      assert.equal(page.total, all.total);
      assert.equal(page.count, 2);
      assert.deepEqual(page.objects, all.objects.slice(1, 3));
    });

    it('answers only the total for rows=0', async () => {
      const envelope = SearchEnvelopeSchema.parse((await call(url, `${PATHS.search('workitem')}?rows=0`, { token })).json);
      assert.deepEqual({ count: envelope.count, objects: envelope.objects }, { count: 0, objects: [] });
      assert.equal(envelope.total, sandbox.store.size);
    });

    it('says which parameter is wrong, and how', async () => {
      assertError(await call(url, `${PATHS.search('workitem')}?rows=abc`, { token }), 400, /'rows'.*whole number.*'abc'/);
      assertError(await call(url, `${PATHS.search('workitem')}?rows=1001`, { token }), 400, /'rows'.*at most 1000/);
      assertError(await call(url, `${PATHS.search('workitem')}?start=-1`, { token }), 400, /'start'/);
      assertError(await call(url, `${PATHS.search('workitem')}?rows=1&rows=2`, { token }), 400, /'rows' is given 2 times/);
    });

    it('answers 400 for a query it cannot parse, naming q', async () => {
      const body = assertError(
        await call(url, `${PATHS.search('workitem')}?q=${encodeURIComponent('state:active AND')}`, { token }),
        400,
        /'q'/,
      );
      assert.equal(body.code, 'badRequest');
      assert.equal((body as { position?: number }).position, 16);
    });

    it('never answers 500 to any q, sort, rows or start (property)', async () => {
      const queryWords = fc.constantFrom('state:', 'active', 'AND', 'OR', 'NOT', '(', ')', '"', '*', 'priority:>', '[', 'TO', ']', ' ', ':');
      const parameter = fc.oneof(fc.string({ maxLength: 40 }), fc.array(queryWords, { maxLength: 12 }).map((words) => words.join('')));
      await fc.assert(
        fc.asyncProperty(parameter, parameter, fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), async (q, sort, rows, start) => {
          const params = new URLSearchParams({ q, sort, rows, start });
          const result = await call(url, `${PATHS.search('workitem')}?${params.toString()}`, { token });
          assert.ok(result.status === 200 || result.status === 400, `status ${result.status} for ${params.toString()}`);
        }),
        { numRuns: 150 },
      );
    });

    it('answers 400 for an unknown sort field', async () => {
      assertError(
        await call(url, `${PATHS.search('workitem')}?sort=${encodeURIComponent('shoeSize desc')}`, { token }),
        400,
        /'sort'.*shoeSize/,
      );
    });
  });

  describe('GET /data/api/types/queue and other types', () => {
    it('lists the queues in the same envelope', async () => {
      const envelope = SearchEnvelopeSchema.parse((await call(url, PATHS.search('queue'), { token })).json);
      assert.equal(envelope.total, sandbox.store.queues().length);
      assert.deepEqual(
        envelope.objects.map((object) => QueueSchema.parse(object)._id),
        sandbox.store.queues().map((queue) => queue._id),
      );
    });

    it('answers 404 for a schema type the sandbox does not serve', async () => {
      assertError(await call(url, PATHS.search('contact'), { token }), 404, /contact/);
    });
  });

  describe('GET /users/api/workitems/{id}', () => {
    it('answers the workitem', async () => {
      const expected = await findWorkitem(url, token, 'state:dispositioned');
      const workitem = asWorkitem(await call(url, PATHS.workitem(expected.workitemId), { token }));
      assert.deepEqual(workitem, expected);
    });

    it('answers 404 for an unknown id, also one holding an encoded slash', async () => {
      assertError(await call(url, PATHS.workitem('wi_999999'), { token }), 404, /wi_999999/);
      assertError(await call(url, PATHS.workitem('wi/1'), { token }), 404, /wi\/1/);
    });

    it('answers 400 for an id that is not valid percent-encoding', async () => {
      assertError(await call(url, '/users/api/workitems/%E0%A4%A', { token }), 400, /percent-encoding/);
    });
  });

  describe('call actions', () => {
    it('holds, unholds and hangs up a voice call, answering the updated workitem', async () => {
      const call0 = await findWorkitem(url, token, 'state:active AND channelType:voice');
      const held = asWorkitem(await call(url, PATHS.hold(call0.workitemId), { method: 'POST', token }));
      assert.equal(held.state, 'hold');
      assert.equal(held.timeEvents?.at(-1)?.userId, 'agent');
      const retrieved = asWorkitem(await call(url, UNHOLD.path(call0.workitemId), { method: UNHOLD.method, token }));
      assert.equal(retrieved.state, 'active');
      const ended = asWorkitem(await call(url, PATHS.hangup(call0.workitemId), { method: 'POST', token }));
      assert.equal(ended.state, 'terminated');
      assert.deepEqual(sandbox.store.get(call0.workitemId), ended);
    });

    it('lists a workitem it has just changed in a "changes since" search, least recently modified first', async () => {
      const chosen = await findWorkitem(url, token, 'state:active AND channelType:voice');
      const held = asWorkitem(await call(url, PATHS.hold(chosen.workitemId), { method: 'POST', token }));
      const since = held.modifiedAt ?? assert.fail('an action sets modifiedAt');
      const params = new URLSearchParams({ q: `modifiedAt:>=${since}`, sort: 'modifiedAt asc', rows: '200', start: '0' });
      const changes = SearchEnvelopeSchema.parse((await call(url, `${PATHS.search('workitem')}?${params.toString()}`, { token })).json);
      const objects = changes.objects.map((object) => WorkitemSchema.parse(object));
      assert.ok(objects.some((workitem) => workitem.workitemId === held.workitemId && workitem.state === 'hold'));
      const times = objects.map((workitem) => workitem.modifiedAt ?? -1);
      assert.ok(times.every((time) => time >= since), 'only workitems modified at or after the moment');
      assert.deepEqual(times, [...times].sort((a, b) => a - b), 'least recently modified first');
      assert.equal(changes.total, objects.length);
    });

    it('answers 409 naming the state for an action the state forbids', async () => {
      const done = await findWorkitem(url, token, 'state:dispositioned AND channelType:voice');
      const body = assertError(await call(url, PATHS.hold(done.workitemId), { method: 'POST', token }), 409, /is dispositioned: hold is not possible/);
      assert.equal(body.code, 'conflict');
    });

    it('answers 409 for a hold on a channel that cannot hold', async () => {
      const chat = await findWorkitem(url, token, 'state:active AND channelType:chat');
      assertError(await call(url, PATHS.hold(chat.workitemId), { method: 'POST', token }), 409, /chat workitem: hold is only possible on voice/);
    });

    it('answers 404 for an action on an unknown workitem', async () => {
      assertError(await call(url, PATHS.hangup('wi_0'), { method: 'POST', token }), 404, /wi_0/);
    });
  });

  describe('POST /users/api/calls/{id}/queuetransfer/{queueId}', () => {
    const transferTarget = 'q_billing';

    it('re-queues the workitem and answers {}', async () => {
      const item = await findWorkitem(url, token, 'state:active AND channelType:email');
      const result = await call(url, PATHS.queueTransfer(item.workitemId, transferTarget), {
        method: 'POST',
        token,
        body: { inboxId: transferTarget, workitemId: item.workitemId, ringAll: true, recording: 'keepCurrent' },
      });
      assert.equal(result.status, 200);
      assert.deepEqual(result.json, {});
      const after = sandbox.store.get(item.workitemId);
      assert.equal(after?.state, 'inqueue');
      assert.equal(after?.selectedQueue, transferTarget);
    });

    it('validates the body against the path', async () => {
      const item = await findWorkitem(url, token, 'state:active AND channelType:voice');
      const path = PATHS.queueTransfer(item.workitemId, transferTarget);
      const post = (options: Parameters<typeof call>[2]) => call(url, path, { method: 'POST', token, ...options });
      assertError(await post({ body: { inboxId: 'q_sales', workitemId: item.workitemId } }), 400, /'inboxId'.*'q_sales'.*'q_billing'/);
      assertError(await post({ body: { inboxId: transferTarget, workitemId: 'wi_1' } }), 400, /'workitemId'/);
      assertError(await post({ body: { inboxId: transferTarget } }), 400, /'workitemId'/);
      assertError(await post({ body: { inboxId: transferTarget, workitemId: item.workitemId, recording: 'always' } }), 400, /'recording'/);
      assertError(await post({}), 400, /body is required/);
      assertError(await post({ rawBody: '{"inboxId": ', contentType: 'application/json' }), 400, /not valid JSON/);
      assertError(await post({ rawBody: 'inboxId=q_billing', contentType: 'text/plain' }), 415, /application\/json/);
      assert.equal(sandbox.store.get(item.workitemId)?.state, 'active');
    });

    it('answers 404 for an unknown queue', async () => {
      const item = await findWorkitem(url, token, 'state:active AND channelType:voice');
      assertError(
        await call(url, PATHS.queueTransfer(item.workitemId, 'q_nowhere'), {
          method: 'POST',
          token,
          body: { inboxId: 'q_nowhere', workitemId: item.workitemId },
        }),
        404,
        /q_nowhere/,
      );
    });

    it('answers 413 for a body over the size limit', async () => {
      const item = await findWorkitem(url, token, 'state:active AND channelType:voice');
      const padding = 'x'.repeat(70 * 1024);
      assertError(
        await call(url, PATHS.queueTransfer(item.workitemId, transferTarget), {
          method: 'POST',
          token,
          body: { inboxId: transferTarget, workitemId: item.workitemId, eventName: padding },
        }),
        413,
        /limit/,
      );
    });
  });

  describe('routing', () => {
    it('answers 404 for a path it does not serve', async () => {
      assertError(await call(url, '/users/api/calls', { token }), 404, /\/users\/api\/calls/);
    });

    it('answers 405 with Allow for a known path and a wrong method', async () => {
      const put = await call(url, PATHS.workitem('wi_1'), { method: 'PUT', token });
      assertError(put, 405, /PUT/);
      assert.equal(put.headers.get('allow'), 'GET');
      const get = await call(url, PATHS.hold('wi_1'), { token });
      assertError(get, 405);
      assert.equal(get.headers.get('allow'), 'POST, DELETE');
    });

    it('answers 431 in JSON for a request line over the parser limit', async () => {
      const q = encodeURIComponent(`state:${'x'.repeat(20_000)}`);
      assertError(await call(url, `${PATHS.search('workitem')}?q=${q}`, { token }), 431, /16 KiB/);
    });

    it('does not serve fault injection unless allowed', async () => {
      assertError(await call(url, '/__sandbox/faults', { method: 'PUT', body: { rules: [] } }), 404);
    });
  });
});
