// Each hostile answer, end to end: what the NcxClient makes of it (a typed NcxError, or a partial
// page with its validation issues) and what the tree model fed by that client then shows (a retry
// row, a sign-in row, an issues row, or the workitems). No rejection may escape, and nothing may
// hang: the client runs with a short timeout and retries that do not wait.
import { strict as assert } from 'node:assert';
import { NcxClient, type NcxClientOptions } from '../../../src/api/client';
import { type NcxError, type NcxErrorKind } from '../../../src/api/errors';
import type { SearchPage } from '../../../src/api/workitemsApi';
import { groupValueOf, OTHER_GROUP_VALUE, ROOT_ID } from '../../../src/model/groupKeys';
import type { ErrorModelNode, ModelNode } from '../../../src/model/modelNodes';
import { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import { workitemContextValue } from '../../../src/views/tree/contextValues';
import { renderDetailHtml } from '../../../src/webviews/detailHtml';
import { startLoopbackServer, type LoopbackHandler, type LoopbackServer } from '../api/helpers/loopbackServer';
import { rowOf } from '../model/support/treeDriver';
import {
  bodyCutMidway,
  burstOf503,
  CATALOG,
  envelopeNumbersAsStrings,
  headersThenSilence,
  htmlErrorPage,
  isChangeFeedRequest,
  numbersAsStrings,
  objectsNotAnArray,
  rateLimited,
  resetConnection,
  sameIdOnTwoPages,
  TEN_MEGABYTE_PAGE_ITEMS,
  tenMegabytePage,
  totalChangesBetweenPages,
  truncatedJson,
  UNKNOWN_ENUMS,
  unauthorizedAfter,
  unknownEnumValues,
  workitemWithoutId,
  withoutChangeFeed,
  wrongEnvelope,
} from './support/hostileAnswers';
import { describeReasons, recordUnhandledRejections, type RejectionRecorder } from './support/unhandledRejections';
import { expectNcxError } from '../api/helpers/expectNcxError';

const TOKEN = 'SECRET-MARKER-hostile-server-token-5d1e';
const TIMEOUT_MS = 400;
const RETRIES = 2;
const ids = (items: readonly { workitemId: string }[]): string[] => items.map((item) => item.workitemId);
const catalogIds = (from: number, to: number): string[] => ids(CATALOG.slice(from, to));

async function rejection(promise: Promise<unknown>, kind: NcxErrorKind): Promise<NcxError> {
  const error = await expectNcxError(promise, kind);
  assert.ok(!error.message.includes(TOKEN), 'the message must not show the token');
  return error;
}

function errorRow(nodes: readonly ModelNode[]): ErrorModelNode {
  const last = nodes[nodes.length - 1];
  assert.ok(last?.kind === 'error', `expected an error row, got ${nodes.map(rowOf).join(', ')}`);
  assert.ok(last.message.length > 0, 'the row says what went wrong');
  assert.ok(!last.message.includes(TOKEN), 'the row must not show the token');
  return last;
}

describe('hardening: a hostile NCX server', function () {
  this.timeout(20_000);
  let rejections: RejectionRecorder;
  let server: LoopbackServer | undefined;
  let model: WorkitemTreeModel | undefined;
  let waits: number[];
  let answersTried = 0;

  before(() => {
    rejections = recordUnhandledRejections();
  });

  after(async () => {
    await rejections.settle();
    rejections.stop();
    console.log(`      hostile answers tried: ${answersTried}`);
    assert.deepEqual(rejections.reasons, [], describeReasons(rejections.reasons));
  });

  beforeEach(() => {
    waits = [];
  });

  afterEach(async () => {
    model?.dispose();
    model = undefined;
    await server?.close();
    server = undefined;
    await rejections.settle();
    assert.equal(rejections.reasons.length, 0, `unhandled rejections:\n${describeReasons(rejections.reasons)}`);
  });

  async function serve(handler: LoopbackHandler): Promise<LoopbackServer> {
    answersTried += 1;
    server = await startLoopbackServer(withoutChangeFeed(handler));
    return server;
  }

  function client(options: Partial<NcxClientOptions> = {}): NcxClient {
    assert.ok(server, 'start the server first');
    return new NcxClient({
      location: server.url,
      token: () => TOKEN,
      timeoutMs: TIMEOUT_MS,
      retries: RETRIES,
      wait: async (ms) => {
        waits.push(ms);
      },
      ...options,
    });
  }

  /** A flat tree (no grouping): the top level is the first page of workitems. */
  function treeOf(api: NcxClient, pageSize = 10): WorkitemTreeModel {
    model = new WorkitemTreeModel({ api, groupBy: 'none', pageSize });
    return model;
  }

  /** Searches that reached the script (the change feed is answered before it: see withoutChangeFeed). */
  const searches = (): number => server?.requests.filter((request) => request.method === 'GET' && !isChangeFeedRequest(request)).length ?? 0;

  describe('answers that are not a search result', () => {
    it('an HTML error page with status 200: malformed, shown in part, not retried; the tree offers a retry', async () => {
      await serve(htmlErrorPage());
      const error = await rejection(client().search({ rows: 10 }), 'malformed');
      assert.match(error.message, /is not a search result \{count, total, objects\}: it is not JSON/);
      assert.match(error.message, /It began with: <!DOCTYPE html>/);
      assert.equal(searches(), 1);

      const top = await treeOf(client()).getChildren();
      assert.deepEqual(top.map(rowOf), ['error failed retry']);
      assert.equal(errorRow(top).errorKind, 'malformed');
    });

    it('truncated JSON: malformed; the tree offers a retry', async () => {
      await serve(truncatedJson());
      const error = await rejection(client().search({ rows: 10 }), 'malformed');
      assert.match(error.message, /it is not JSON\. It began with: \{"count":10,"total":25/);

      const top = await treeOf(client()).getChildren();
      assert.equal(errorRow(top).errorKind, 'malformed');
      assert.deepEqual(top.map(rowOf), ['error failed retry']);
    });

    it('a body cut short by the connection: a network error after the retries; the tree says unreachable', async () => {
      await serve(bodyCutMidway());
      const error = await rejection(client().search({ rows: 10 }), 'network');
      assert.match(error.message, /closed before the answer was complete/);
      assert.equal(searches(), 1 + RETRIES);

      const top = await treeOf(client()).getChildren();
      assert.deepEqual(top.map(rowOf), ['error unreachable retry']);
    });

    it('a wrong envelope: malformed, naming the missing field', async () => {
      await serve(wrongEnvelope());
      const error = await rejection(client().search({ rows: 10 }), 'malformed');
      assert.match(error.message, /'count' should be number but is missing/);

      const top = await treeOf(client()).getChildren();
      assert.deepEqual(top.map(rowOf), ['error failed retry']);
      assert.equal(errorRow(top).errorKind, 'malformed');
    });

    it('`objects` not an array: malformed, naming the field', async () => {
      await serve(objectsNotAnArray());
      const error = await rejection(client().search({ rows: 10 }), 'malformed');
      assert.match(error.message, /'objects' should be array but is \{/);

      const top = await treeOf(client()).getChildren();
      assert.deepEqual(top.map(rowOf), ['error failed retry']);
    });

    it('the envelope\'s numbers as strings: malformed, quoting what came', async () => {
      await serve(envelopeNumbersAsStrings());
      const error = await rejection(client().count(undefined), 'malformed');
      assert.match(error.message, /'count' should be number but is "0"/);

      const top = await treeOf(client()).getChildren();
      assert.deepEqual(top.map(rowOf), ['error failed retry']);
    });
  });

  describe('pages with bad workitems', () => {
    it('a workitem without `workitemId`: the other four, and one issue naming its place in the page', async () => {
      await serve(workitemWithoutId());
      const page = await client().search({ rows: 10 });
      assert.deepEqual(ids(page.items), [...catalogIds(0, 2), ...catalogIds(3, 5)]);
      assert.deepEqual(page.issues, [{ workitemId: '#2', path: 'workitemId', expected: 'string', received: 'missing' }]);

      const top = await treeOf(client()).getChildren();
      assert.deepEqual(top.map(rowOf), [...catalogIds(0, 2), ...catalogIds(3, 5), 'issues 1']);
      const issues = top[top.length - 1];
      assert.ok(issues?.kind === 'issues');
      assert.deepEqual(issues.issues, page.issues);
    });

    it('numbers as strings: the sound workitems, and an issue per bad field', async () => {
      await serve(numbersAsStrings());
      const page = await client().search({ rows: 10 });
      assert.deepEqual(ids(page.items), ids([CATALOG[0], CATALOG[2], CATALOG[4]].flatMap((item) => (item ? [item] : []))));
      const [second, fourth] = [CATALOG[1], CATALOG[3]];
      assert.ok(second && fourth);
      assert.deepEqual(
        page.issues.map((issue) => `${issue.workitemId} ${issue.path} ${issue.expected} ${issue.received}`).sort(),
        [
          `${second.workitemId} createdAt number "${second.createdAt}"`,
          `${second.workitemId} priority number "${second.priority}"`,
          `${fourth.workitemId} createdAt number "${fourth.createdAt}"`,
          `${fourth.workitemId} priority number "${fourth.priority}"`,
        ].sort(),
      );

      const top = await treeOf(client()).getChildren();
      assert.deepEqual(top.map(rowOf).slice(-1), ['issues 2']);
      assert.equal(top.filter((node) => node.kind === 'workitem').length, 3);
    });

    it('unknown enum values: the workitem is kept, grouped as "other", and offers only actions it knows', async () => {
      await serve(unknownEnumValues());
      const page = await client().search({ rows: 10 });
      assert.deepEqual(page.issues, []);
      const [novel] = page.items;
      assert.ok(novel);
      assert.equal(novel.state, UNKNOWN_ENUMS.state);
      assert.equal(groupValueOf(novel, 'state'), OTHER_GROUP_VALUE);
      assert.equal(groupValueOf(novel, 'channel'), OTHER_GROUP_VALUE);
      assert.equal(workitemContextValue(novel, false), 'workitem;state:other;channel:other;actions:hold;');
      const html = renderDetailHtml({
        workitem: novel,
        issues: [],
        permissions: ['workitems:write'],
        now: novel.createdAt + 60_000,
        nonce: 'aG9zdGlsZS1lbnVtcw',
        cspSource: 'https://webview.test',
        scriptUri: 'https://webview.test/media/detail.js',
        styleUri: 'https://webview.test/media/detail.css',
      });
      assert.match(html, /carrierPigeon/);
      assert.doesNotMatch(html, /data-action="teleport"/);

      const top = await treeOf(client()).getChildren();
      assert.deepEqual(top.map(rowOf), ids(page.items));
    });
  });

  describe('paging that does not add up', () => {
    it('the same id on two pages: walked once each, none lost, none twice', async () => {
      await serve(sameIdOnTwoPages());
      const walked: string[] = [];
      for await (const page of client().pages({ rows: 10 })) {
        walked.push(...ids(page.items));
      }
      assert.deepEqual(walked, catalogIds(0, 25));

      const tree = treeOf(client(), 10);
      await tree.getChildren();
      await tree.loadMore('more');
      await tree.loadMore('more');
      const top = await tree.getChildren(ROOT_ID);
      assert.deepEqual(top.map(rowOf), catalogIds(0, 25), 'one row per workitem, and no "Load more" left');
    });

    it('`total` changing between pages: the walk follows the new total; "Load more" goes away', async () => {
      await serve(totalChangesBetweenPages());
      const totals: number[] = [];
      const walked: string[] = [];
      for await (const page of client().pages({ rows: 10 })) {
        totals.push(page.total);
        walked.push(...ids(page.items));
      }
      assert.deepEqual(totals, [25, 12]);
      assert.deepEqual(walked, catalogIds(0, 12));

      await server?.close();
      await serve(totalChangesBetweenPages());
      const tree = treeOf(client(), 10);
      assert.deepEqual((await tree.getChildren()).map(rowOf), [...catalogIds(0, 10), 'load more 10/25']);
      await tree.loadMore('more');
      assert.deepEqual((await tree.getChildren()).map(rowOf), catalogIds(0, 12));
    });
  });

  describe('a 10 MB page', () => {
    it('is read whole under the default cap, and the tree lists all of it', async () => {
      await serve(tenMegabytePage({ declareLength: true }));
      const page: SearchPage = await client().search({ rows: 1000 });
      assert.equal(page.items.length, TEN_MEGABYTE_PAGE_ITEMS);
      assert.deepEqual(page.issues, []);

      const top = await treeOf(client(), 1000).getChildren();
      assert.equal(top.filter((node) => node.kind === 'workitem').length, TEN_MEGABYTE_PAGE_ITEMS);
    });

    for (const declareLength of [true, false]) {
      it(`is refused over a 4 MB cap (${declareLength ? 'declared length' : 'streamed'}), without a retry`, async () => {
        await serve(tenMegabytePage({ declareLength }));
        const capped = { maxAnswerBytes: 4 * 1024 * 1024 };
        const error = await rejection(client(capped).search({ rows: 1000 }), 'malformed');
        assert.match(error.message, /larger than 4 MB/);
        assert.equal(searches(), 1);

        const top = await treeOf(client(capped), 1000).getChildren();
        assert.deepEqual(top.map(rowOf), ['error failed retry']);
      });
    }
  });

  describe('connections that fail', () => {
    it('headers, then silence: a timeout after the client\'s timeout, not retried; the tree says unreachable', async () => {
      await serve(headersThenSilence());
      const error = await rejection(client().search({ rows: 10 }), 'timeout');
      assert.match(error.message, /did not answer GET \/data\/api\/types\/workitem within 1 second/);
      assert.equal(searches(), 1);

      const top = await treeOf(client()).getChildren();
      assert.deepEqual(top.map(rowOf), ['error unreachable retry']);
      assert.equal(errorRow(top).errorKind, 'timeout');
    });

    it('a reset connection: a network error after a bounded number of tries', async () => {
      await serve(resetConnection());
      const error = await rejection(client().search({ rows: 10 }), 'network');
      assert.match(error.message, /^Cannot reach http:\/\/127\.0\.0\.1:\d+: the connection was closed/);
      assert.equal(searches(), 1 + RETRIES);
      assert.equal(waits.length, RETRIES);

      const top = await treeOf(client()).getChildren();
      assert.deepEqual(top.map(rowOf), ['error unreachable retry']);
      assert.equal(errorRow(top).errorKind, 'network');
    });
  });

  describe('refusals in the middle of a session', () => {
    it('401 after the first page: "Load more" turns into a sign-in row, the loaded rows stay', async () => {
      await serve(unauthorizedAfter(1));
      const tree = treeOf(client(), 10);
      assert.deepEqual((await tree.getChildren()).map(rowOf), [...catalogIds(0, 10), 'load more 10/25']);
      await tree.loadMore('more');
      const top = await tree.getChildren();
      assert.deepEqual(top.map(rowOf), [...catalogIds(0, 10), 'error unauthorized signIn']);
      assert.match(errorRow(top).message, /Sign in again/);
      assert.equal(searches(), 2, 'a 401 is not retried');
    });

    it('401 on a refresh: the whole level becomes a sign-in row', async () => {
      await serve(unauthorizedAfter(1));
      const tree = treeOf(client(), 10);
      await tree.getChildren();
      await tree.refresh();
      assert.deepEqual((await tree.getChildren()).map(rowOf), ['error unauthorized signIn']);
      const error = await rejection(client().search({ rows: 10 }), 'unauthorized');
      assert.match(error.message, /Token revoked/);
    });

    it('429 with Retry-After: waited as asked, then the page', async () => {
      await serve(rateLimited(1, 2));
      const page = await client().search({ rows: 10 });
      assert.deepEqual(ids(page.items), catalogIds(0, 10));
      assert.deepEqual(waits, [2000]);
    });

    it('429 that does not stop: rateLimited, keeping how long to wait; the tree offers a retry', async () => {
      await serve(rateLimited(1000, 2));
      const error = await rejection(client().search({ rows: 10 }), 'rateLimited');
      assert.equal(error.details.retryAfterMs, 2000);
      assert.match(error.message, /try again in 2 seconds/);
      assert.equal(searches(), 1 + RETRIES);

      const top = await treeOf(client()).getChildren();
      assert.deepEqual(top.map(rowOf), ['error failed retry']);
      assert.equal(errorRow(top).errorKind, 'rateLimited');
    });

    it('a burst of 503 shorter than the retries: the page arrives', async () => {
      await serve(burstOf503(RETRIES));
      const top = await treeOf(client(), 10).getChildren();
      assert.deepEqual(top.map(rowOf), [...catalogIds(0, 10), 'load more 10/25']);
      assert.equal(searches(), 1 + RETRIES);
    });

    it('a burst of 503 longer than the retries: a server error; the tree offers a retry that then works', async () => {
      await serve(burstOf503(2 * (1 + RETRIES)));
      const error = await rejection(client().search({ rows: 10 }), 'server');
      assert.equal(error.details.status, 503);
      assert.match(error.message, /HTTP 503/);

      const tree = treeOf(client(), 10);
      const top = await tree.getChildren();
      assert.deepEqual(top.map(rowOf), ['error failed retry']);
      await tree.retry(errorRow(top).id);
      assert.deepEqual((await tree.getChildren()).map(rowOf), [...catalogIds(0, 10), 'load more 10/25']);
    });
  });
});
