// The client against answers built to break it: values nested thousands of levels deep, lists that
// never end, ids that are path segments, huge 403 bodies and tokens that cannot be a header. Each
// must end in a clear, typed result (an issue beside the good items, an error saying what is
// wrong) with nothing lost, nothing retried in vain and nothing sent that should not be.
import { strict as assert } from 'node:assert';
import { boundedStringify, MAX_JSON_DEPTH } from '../../../src/api/boundedJson';
import { NcxClient, type NcxClientOptions } from '../../../src/api/client';
import { WORKITEM_WALK_LIMITS } from '../../../src/api/listWalk';
import { renderValue } from '../../../src/api/excerpt';
import { errorForStatus, MAX_PERMISSION_CHARS, missingPermissionFrom } from '../../../src/api/httpErrors';
import type { Workitem } from '../../../src/api/schemas';
import { checkWorkitem, validateSearchAnswer } from '../../../src/api/validation';
import { buildFieldRows } from '../../../src/webviews/viewModel/fieldRows';
import { compactJson } from '../../../src/model/format/text';
import { signatureOf } from '../../../src/model/shownNodes';
import { visibleJson } from '../../../src/webviews/detail/sections';
import { renderDetailHtml } from '../../../src/webviews/detailHtml';
import { realisticWorkitem, realisticWorkitems } from '../api/fixtures/workitems';
import { expectNcxError } from '../api/helpers/expectNcxError';
import { sendJson, startLoopbackServer, type LoopbackHandler, type LoopbackServer } from '../api/helpers/loopbackServer';
import { pageRequestOf } from './support/hostileAnswers';

const TOKEN = 'hostile-client-token-7c2a';
const DEPTH = 5_000;

/** `[[[…"bottom"…]]]`, `depth` arrays deep, as JSON.parse makes it from ~10 KB of text. */
function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) {
    value = [value];
  }
  return value;
}

/** `{"a":{"a":…}}`, the object flavour (about 25 KB of JSON at 5,000 levels). */
function nestedObject(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) {
    value = { a: value };
  }
  return value;
}

const DETAIL_ASSETS = {
  nonce: 'aG9zdGlsZS1jbGllbnQ',
  cspSource: 'https://webview.test',
  scriptUri: 'https://webview.test/media/detail.js',
  styleUri: 'https://webview.test/media/detail.css',
};

describe('hardening: the client against hostile answers', function () {
  this.timeout(30_000);
  let server: LoopbackServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function serve(handler: LoopbackHandler, options: Partial<NcxClientOptions> = {}): Promise<NcxClient> {
    server = await startLoopbackServer(handler);
    return new NcxClient({ location: server.url, token: () => TOKEN, timeoutMs: 5_000, retries: 2, wait: async () => undefined, ...options });
  }

  const requests = (): number => server?.requests.length ?? 0;

  describe('values nested 5,000 levels deep', () => {
    it('formatting, stringifying and rendering never throw, and say what they left out', () => {
      const deep = nested(DEPTH);
      const circular: Record<string, unknown> = { name: 'loop' };
      circular['self'] = circular;
      assert.match(renderValue({ deep }), /^\{"deep":\[\[\[/);
      assert.match(renderValue(circular), /circular/);
      const bounded = boundedStringify(nestedObject(DEPTH));
      assert.ok(bounded.cut);
      assert.match(bounded.text, new RegExp(`nested deeper than ${MAX_JSON_DEPTH} levels`));
      assert.ok(bounded.text.length < 2_000, `${bounded.text.length} characters`);
      const long = boundedStringify({ text: 'x'.repeat(100_000) }, { maxChars: 1_000 });
      assert.ok(long.cut && long.text.length < 1_100 && /cut: longer than 1,000 characters/.test(long.text), long.text.slice(-80));
      // Unbounded values read exactly as JSON.stringify writes them.
      const plain = realisticWorkitem(3);
      assert.equal(boundedStringify(plain).text, JSON.stringify(plain));
      assert.equal(boundedStringify(plain, { indent: 2 }).text, JSON.stringify(plain, null, 2));
      assert.equal(boundedStringify(plain).cut, false);
    });

    it('a deep value in a known field is an issue beside the good workitems, not a lost page', () => {
      const bad = { ...realisticWorkitem(1), state: nestedObject(DEPTH) };
      const page = validateSearchAnswer({ count: 3, total: 3, objects: [realisticWorkitem(0), bad, realisticWorkitem(2)] });
      assert.deepEqual(
        page.items.map((item) => item.workitemId),
        [realisticWorkitem(0).workitemId, realisticWorkitem(2).workitemId],
      );
      assert.equal(page.issues[0]?.workitemId, bad.workitemId);
      assert.equal(page.issues[0]?.path, 'state');
    });

    it('a deep value in an unknown field or in `data` makes the workitem an issue (every reader would overflow on it)', () => {
      for (const change of [{ somethingNew: nested(DEPTH) }, { data: { attachments: nestedObject(DEPTH) } }]) {
        const checked = checkWorkitem({ ...realisticWorkitem(4), ...change }, 0);
        assert.ok(!checked.ok, 'refused');
        assert.equal(checked.issues.length, 1);
        assert.equal(checked.issues[0]?.expected, `a value nested at most ${MAX_JSON_DEPTH} levels deep`);
        assert.equal(checked.issues[0]?.path, Object.keys(change)[0]);
      }
      // A realistic workitem, nested as deep as the limit allows, is still fine.
      assert.ok(checkWorkitem({ ...realisticWorkitem(4), data: { deep: nested(MAX_JSON_DEPTH - 3) } }, 0).ok);
    });

    it('over HTTP: one request, the good workitems and an issue; a single deep workitem is malformed, not a network error', async () => {
      // Written by hand: JSON.stringify itself overflows on such a value.
      const good = JSON.stringify(realisticWorkitem(2));
      const deepWorkitem = `${good.slice(0, -1)},"extra":${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}`;
      assert.ok(deepWorkitem.length > 25_000, `${deepWorkitem.length} characters of JSON`);
      const others = [0, 1, 3, 4].map((index) => JSON.stringify(realisticWorkitem(index)));
      const pageText = `{"count":5,"total":5,"objects":[${others[0]},${others[1]},${deepWorkitem},${others[2]},${others[3]}]}`;
      const client = await serve((request, response) => {
        const text = request.url.startsWith('/users/api/workitems/') ? deepWorkitem : pageText;
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
        response.end(text);
      });
      const page = await client.search({ rows: 10 });
      assert.equal(page.items.length, 4);
      assert.equal(page.issues.length, 1);
      assert.equal(requests(), 1, 'not retried');
      const error = await expectNcxError(client.fetchWorkitem('wi_2'), 'malformed');
      assert.match(error.message, /nested at most 64 levels deep/);
      assert.equal(requests(), 2, 'not retried');
    });

    it("the panel's field rows, raw JSON and the tree's row signature stay bounded on a deep workitem", () => {
      // As if it had come through another door than the client's validation.
      const workitem = { ...realisticWorkitem(5), data: { deep: nestedObject(DEPTH) }, extra: nested(DEPTH) } as Workitem;
      const rows = buildFieldRows(workitem, { now: workitem.createdAt + 60_000, time: { locale: 'en', timeZone: 'UTC' } });
      const extra = rows.find((row) => row.key === 'extra');
      assert.match(extra?.text ?? '', /nested deeper than/);
      assert.match(compactJson(nested(DEPTH)), /nested deeper than/);
      assert.match(visibleJson(workitem), /nested deeper than/);
      const html = renderDetailHtml({ workitem, issues: [], permissions: [], now: workitem.createdAt + 60_000, ...DETAIL_ASSETS });
      assert.match(html, /Raw JSON/);
      assert.match(signatureOf({ kind: 'workitem', id: 'x', workitem } as Parameters<typeof signatureOf>[0]), /nested deeper than/);
    });
  });

  describe('lists that do not end', () => {
    /** Queues with new ids on every page, whatever `start` says, under a `total` that keeps ahead. */
    const endlessQueues: LoopbackHandler = (request, response) => {
      const { start, rows } = pageRequestOf(request);
      const objects = Array.from({ length: rows }, (_, index) => ({ _id: `q_${start + index}`, name: `Queue ${start + index}` }));
      sendJson(response, 200, { count: rows, total: start + rows + 1_000, objects });
    };

    it('listQueues under a lying total: a clear error at the cap, after a bounded number of requests', async () => {
      const client = await serve(endlessQueues);
      const error = await expectNcxError(client.listQueues(), 'malformed');
      assert.match(error.message, /list of queues did not end within 10,000 queues/);
      assert.ok(requests() <= 11, `${requests()} requests`);
    });

    it('listQueues when `start` is ignored: stops after a few repeated pages and says why', async () => {
      const queues = [{ _id: 'q_1', name: 'Sales' }, { _id: 'q_2', name: 'Support' }];
      const client = await serve((_request, response) => sendJson(response, 200, { count: 2, total: 1_000_000, objects: queues }));
      const error = await expectNcxError(client.listQueues(), 'malformed');
      assert.match(error.message, /ignore the page offset/);
      assert.ok(requests() <= 4, `${requests()} requests`);
    });

    it("pages() when `start` is ignored, and the caller's abort signal between pages", async () => {
      const catalog = realisticWorkitems(10);
      const client = await serve((_request, response) => sendJson(response, 200, { count: 10, total: 1_000_000, objects: catalog }));
      const walked = async (signal?: AbortSignal): Promise<number> => {
        let pages = 0;
        for await (const page of client.pages({ rows: 10 }, signal ? { signal } : {})) {
          pages += page.items.length > 0 ? 1 : 0;
        }
        return pages;
      };
      const error = await expectNcxError(walked(), 'malformed');
      assert.match(error.message, /ignore the page offset/);
      const before = requests();
      const controller = new AbortController();
      const cancelled = (async () => {
        for await (const page of client.pages({ rows: 10 }, { signal: controller.signal })) {
          assert.ok(page.items.length > 0);
          controller.abort();
        }
      })();
      await expectNcxError(cancelled, 'cancelled');
      assert.equal(requests() - before, 1, 'no page after the abort');
    });

    it('pages() under a lying total with fresh ids on every page ends at the item cap, not never', async () => {
      assert.deepEqual(WORKITEM_WALK_LIMITS, { maxPages: 5_000, maxItems: 1_000_000 });
      let served = 0;
      const limits = { workitems: { maxPages: 1_000, maxItems: 2_000 } };
      const client = await serve((request, response) => {
        const { start, rows } = pageRequestOf(request);
        served += rows;
        const objects = Array.from({ length: rows }, (_, index) => ({ ...realisticWorkitem(0), workitemId: `wi_x${start + index}` }));
        sendJson(response, 200, { count: rows, total: Number.MAX_SAFE_INTEGER, objects });
      }, { walkLimits: limits });
      let yielded = 0;
      const walk = (async () => {
        for await (const page of client.pages({ rows: 100 })) {
          yielded += page.items.length;
        }
      })();
      const error = await expectNcxError(walk, 'malformed');
      assert.match(error.message, /list of workitems did not end within 2,000 workitems/);
      assert.equal(yielded, 2_000);
      assert.equal(served, 2_000);
    });
  });

  describe('ids that are path segments', () => {
    for (const id of ['.', '..', '']) {
      it(`'${id}' as a workitem or queue id is refused before anything is sent`, async () => {
        const client = await serve((_request, response) => sendJson(response, 200, {}));
        for (const call of [
          () => client.act('hangup', id, {}),
          () => client.act('hold', id, {}),
          () => client.act('unhold', id, {}),
          () => client.fetchWorkitem(id),
          () => client.act('transfer', id, { queueId: 'q_1' }),
          () => client.act('transfer', 'wi_1', { queueId: id }),
        ]) {
          const error = await expectNcxError(call(), 'badRequest');
          assert.match(error.message, id === '' ? /empty (workitem|queue) id|A queue id is needed/ : /refused: in a request path it would change the path/);
        }
        assert.equal(requests(), 0);
      });
    }
  });

  describe('403 bodies', () => {
    const context = { method: 'POST', path: '/users/api/calls/wi_1/hold', origin: 'http://127.0.0.1:1', timeoutMs: 1_000 };

    it('quotes at most a short excerpt of the permission a 1 MB body names', () => {
      const huge = 'workitems:' + 'w'.repeat(1_000_000);
      for (const body of [{ code: 403, message: 'denied', missingPermission: huge }, { code: 403, message: `you lack ${huge}` }]) {
        const error = errorForStatus(403, { get: () => null }, JSON.stringify(body), context);
        assert.ok((error.details.missingPermission ?? '').length <= MAX_PERMISSION_CHARS, `${error.details.missingPermission?.length}`);
        assert.ok(error.message.length < 1_000, `${error.message.length} characters`);
      }
    });

    it('finds the permission in time linear in the message: 8 times the text costs far less than 64 times the work', () => {
      // Word boundaries everywhere and no colon: the worst case of a backtracking search for
      // `\b[a-z][\w-]*:[a-z][\w-]*\b`, which retries from every letter to the end of the run.
      const cost = (length: number): number => {
        const message = 'a-'.repeat(length / 2);
        const started = process.hrtime.bigint();
        for (let run = 0; run < 5; run += 1) {
          assert.equal(missingPermissionFrom({ message }), undefined);
        }
        return Number(process.hrtime.bigint() - started);
      };
      cost(20_000);
      const small = Math.min(cost(20_000), cost(20_000), cost(20_000));
      const large = Math.min(cost(160_000), cost(160_000), cost(160_000));
      // Linear: about 8x. Quadratic: about 64x. The bound leaves room for a loaded machine.
      assert.ok(large / small < 30, `160,000 characters cost ${(large / small).toFixed(1)}x 20,000`);
      // And a 1 MB body is read at all (a quadratic search would block for minutes).
      const error = errorForStatus(403, { get: () => null }, JSON.stringify({ code: 403, message: 'a-'.repeat(500_000) }), context);
      assert.equal(error.kind, 'forbidden');
    });
  });

  describe('tokens that cannot be a header', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['a line break', 'abc\r\nX-Injected: 1', /the token contains a line break/],
      ['a NUL', 'abc\u0000def', /the token contains a NUL character/],
      ['a character outside Latin-1', 'abc€def', /the token contains a character outside Latin-1 \(U\+20AC\)/],
    ];
    for (const [what, token, message] of cases) {
      it(`${what}: said as it is, not a network problem, not retried, nothing sent`, async () => {
        server = await startLoopbackServer((_request, response) => sendJson(response, 200, { count: 0, total: 0, objects: [] }));
        const waits: number[] = [];
        const client = new NcxClient({ location: server.url, token: () => token, retries: 3, wait: async (ms) => void waits.push(ms) });
        const error = await expectNcxError(client.search({ rows: 1 }), 'unauthorized');
        assert.match(error.message, new RegExp(message.source, 'i'));
        assert.ok(!error.message.includes(token), 'the token itself is not quoted');
        assert.deepEqual(waits, []);
        assert.equal(requests(), 0);
      });
    }
  });
});
