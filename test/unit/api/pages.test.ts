// Walking the pages of a search against a server whose list changes while it is read, which the
// sandbox cannot be made to do at a precise moment.
import { strict as assert } from 'node:assert';
import { NcxClient } from '../../../src/api/client';
import { isNcxError } from '../../../src/api/errors';
import type { SearchPage } from '../../../src/api/workitemsApi';
import { realisticWorkitems } from './fixtures/workitems';
import { sendJson, startLoopbackServer, type LoopbackServer } from './helpers/loopbackServer';

interface ListServer {
  server: LoopbackServer;
  /** The list served; tests change it between pages. */
  list: unknown[];
  /** At most this many rows per answer, whatever was asked. */
  cap: number;
  /** A total to claim instead of the list's length. */
  claimedTotal?: number;
  /** Called after each answer, with the number of answers so far. */
  afterAnswer: (answers: number) => void;
}

async function startListServer(list: unknown[]): Promise<ListServer> {
  let answers = 0;
  const state: ListServer = {
    server: undefined as unknown as LoopbackServer,
    list,
    cap: Number.POSITIVE_INFINITY,
    afterAnswer: () => undefined,
  };
  state.server = await startLoopbackServer((recorded, response) => {
    const query = new URL(recorded.url, 'http://localhost').searchParams;
    const start = Number(query.get('start'));
    const rows = Math.min(Number(query.get('rows')), state.cap);
    const objects = state.list.slice(start, start + rows);
    sendJson(response, 200, { count: objects.length, total: state.claimedTotal ?? state.list.length, objects });
    answers += 1;
    state.afterAnswer(answers);
  });
  return state;
}

async function walk(client: NcxClient, rows: number, signal?: AbortSignal): Promise<SearchPage[]> {
  const pages: SearchPage[] = [];
  for await (const page of client.pages({ q: 'state:active', rows }, signal ? { signal } : undefined)) {
    pages.push(page);
  }
  return pages;
}

const ids = (pages: SearchPage[]): string[] => pages.flatMap((page) => page.items.map((item) => item.workitemId));

describe('api/client pages()', () => {
  let served: ListServer | undefined;

  afterEach(async () => {
    await served?.server.close();
    served = undefined;
  });

  function client(): NcxClient {
    assert.ok(served);
    return new NcxClient({ location: served.server.url, token: () => 'token', retries: 0 });
  }

  it('walks every page once, in order, until the total', async () => {
    const items = realisticWorkitems(250);
    served = await startListServer(items);
    const pages = await walk(client(), 100);
    assert.deepEqual(
      pages.map((page) => page.start),
      [0, 100, 200],
    );
    assert.deepEqual(ids(pages), items.map((item) => item.workitemId));
    assert.ok(served.server.requests.every((recorded) => recorded.url.includes('q=state%3Aactive')));
  });

  it('leaves out workitems seen earlier when new ones push the list down, and follows the new total', async () => {
    const items = realisticWorkitems(200);
    served = await startListServer(items);
    const list = served;
    list.afterAnswer = (answers) => {
      if (answers === 1) {
        list.list = [...realisticWorkitems(5, 1000), ...list.list];
      }
    };
    const pages = await walk(client(), 100);
    const seen = ids(pages);
    assert.equal(new Set(seen).size, seen.length, 'no workitem twice');
    assert.deepEqual(new Set(seen), new Set(items.map((item) => item.workitemId)));
    assert.equal(pages.at(-1)?.total, 205);
  });

  it('stops when the total shrinks below the next offset', async () => {
    served = await startListServer(realisticWorkitems(300));
    const list = served;
    list.afterAnswer = (answers) => {
      if (answers === 1) {
        list.list = list.list.slice(0, 150);
      }
    };
    const pages = await walk(client(), 100);
    assert.equal(pages.length, 2);
    assert.equal(list.server.requests.length, 2);
  });

  it('moves by what the server sent when it sends fewer rows than asked', async () => {
    const items = realisticWorkitems(120);
    served = await startListServer(items);
    served.cap = 50;
    const pages = await walk(client(), 100);
    assert.deepEqual(
      pages.map((page) => page.start),
      [0, 50, 100],
    );
    assert.equal(ids(pages).length, 120);
  });

  it('stops on an empty page even when the total promises more', async () => {
    served = await startListServer(realisticWorkitems(60));
    served.claimedTotal = 100;
    const pages = await walk(client(), 60);
    assert.deepEqual(
      pages.map((page) => page.items.length),
      [60, 0],
    );
    assert.equal(served.server.requests.length, 2);
  });

  it('reports the corrupt workitem of a page and keeps walking', async () => {
    const items: unknown[] = JSON.parse(JSON.stringify(realisticWorkitems(150))) as unknown[];
    (items[120] as Record<string, unknown>)['createdAt'] = 'last Tuesday';
    served = await startListServer(items);
    const pages = await walk(client(), 100);
    assert.equal(ids(pages).length, 149);
    assert.deepEqual(
      pages.map((page) => page.issues.map((issue) => issue.path)),
      [[], ['createdAt']],
    );
  });

  it('stops between pages when cancelled', async () => {
    served = await startListServer(realisticWorkitems(300));
    const controller = new AbortController();
    served.afterAnswer = () => controller.abort();
    await assert.rejects(walk(client(), 100, controller.signal), (error: unknown) => isNcxError(error) && error.kind === 'cancelled');
    assert.equal(served.server.requests.length, 1);
  });

  it('refuses a page size of 0', async () => {
    served = await startListServer([]);
    await assert.rejects(walk(client(), 0), (error: unknown) => isNcxError(error) && error.kind === 'badRequest');
    assert.equal(served.server.requests.length, 0);
  });
});
