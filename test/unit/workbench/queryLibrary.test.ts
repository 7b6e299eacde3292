// The query library (history and saved queries per tenant, kept in globalState) and the groups
// pinned from it to the Workitems tree, run by the real client against the real sandbox.
import { strict as assert } from 'node:assert';
import { NcxClient } from '../../../src/api/client';
import type { WorkitemsApi } from '../../../src/api/workitemsApi';
import { PinnedGroups } from '../../../src/model/queries/pinnedGroups';
import { HISTORY_LIMIT, QUERY_LIBRARY_KEY, QueryLibrary } from '../../../src/model/queries/queryLibrary';
import type { StoredState } from '../../../src/model/storedState';
import { queryDocumentText, readQueryDocument } from '../../../src/queryEditor/queryDocument';
import { startTestSandbox, type TestSandbox } from '../api/helpers/sandbox';

/** globalState as VS Code keeps it: values go through JSON. */
class JsonState implements StoredState {
  readonly values = new Map<string, string>();
  get(key: string): unknown {
    const text = this.values.get(key);
    return text === undefined ? undefined : JSON.parse(text);
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
}

const COLUMNS = ['workitemId', 'state'];

describe('query library', () => {
  let clock = 1_800_000_000_000;
  const now = (): number => clock;

  it('keeps the last 50 runs per tenant, newest first, a query run again moved to the top once', async () => {
    const library = new QueryLibrary(new JsonState(), now);
    for (let index = 0; index < HISTORY_LIMIT + 5; index++) {
      clock += 1000;
      await library.recordRun('acme.thrio.io', { q: `priority:${index}`, columns: COLUMNS });
    }
    clock += 1000;
    await library.recordRun('acme.thrio.io', { q: '  priority:10 ', columns: COLUMNS });
    await library.recordRun('sandbox', { q: 'state:hold', sort: 'createdAt desc', columns: COLUMNS });

    const history = library.history('acme.thrio.io');
    assert.equal(history.length, HISTORY_LIMIT);
    assert.equal(history[0]?.q, 'priority:10', 'the rerun is on top, trimmed');
    assert.equal(history.filter((entry) => entry.q === 'priority:10').length, 1, 'and listed once');
    assert.equal(history[1]?.q, `priority:${HISTORY_LIMIT + 4}`);
    assert.ok(!history.some((entry) => entry.q === 'priority:0'), 'the oldest fell off');
    assert.deepEqual(
      library.history('sandbox').map((entry) => [entry.q, entry.sort]),
      [['state:hold', 'createdAt desc']],
      'each tenant has its own history',
    );
  });

  it('saves by name (saving a name again replaces it), renames, refuses a taken name, pins and removes', async () => {
    const library = new QueryLibrary(new JsonState(), now);
    const first = await library.save('sandbox', '  Stuck   calls ', { q: 'state:inqueue', columns: COLUMNS });
    assert.equal(first.name, 'Stuck calls');
    const again = await library.save('sandbox', 'Stuck calls', { q: 'state:inqueue AND priority:>=4', columns: COLUMNS });
    assert.equal(again.id, first.id);
    assert.deepEqual(library.saved('sandbox').map((query) => query.q), ['state:inqueue AND priority:>=4']);
    const other = await library.save('sandbox', 'On hold', { q: 'state:hold', columns: COLUMNS });
    await assert.rejects(library.rename('sandbox', other.id, 'Stuck calls'), /already named/);
    await assert.rejects(library.save('sandbox', '   ', { q: 'x', columns: COLUMNS }), /name/);
    await library.setPinned('sandbox', other.id, true);
    assert.deepEqual(library.pinned('sandbox').map((query) => query.name), ['On hold']);
    assert.deepEqual(library.pinned('acme.thrio.io'), [], 'pins are per tenant');
    await library.remove('sandbox', other.id);
    assert.deepEqual(library.pinned('sandbox'), []);
  });

  it('comes back after a reload, and a damaged stored value costs only its bad entries', async () => {
    const state = new JsonState();
    const library = new QueryLibrary(state, now);
    await library.save('sandbox', 'On hold', { q: 'state:hold', columns: COLUMNS });
    await library.recordRun('sandbox', { q: 'state:hold', columns: COLUMNS });
    assert.deepEqual(new QueryLibrary(state, now).saved('sandbox'), library.saved('sandbox'));

    const stored = state.get(QUERY_LIBRARY_KEY) as Record<string, { saved: unknown[]; history: unknown[] }>;
    stored['sandbox']?.saved.push({ id: 7, name: null }, 'junk');
    stored['sandbox']?.history.push({ q: 'x'.repeat(20_000), columns: [], ranAt: 1 });
    stored['broken'] = 'not an object' as never;
    await state.update(QUERY_LIBRARY_KEY, stored);
    const reloaded = new QueryLibrary(state, now);
    assert.deepEqual(reloaded.saved('sandbox').map((query) => query.name), ['On hold']);
    assert.equal(reloaded.history('sandbox').length, 1);
    assert.deepEqual(reloaded.saved('broken'), []);
  });

  it('writes a query as a file that reads back the same, tenant line included', () => {
    const text = queryDocumentText({ q: 'state:hold AND priority:>=3', sort: 'priority desc', columns: COLUMNS, tenant: 'acme.thrio.io' });
    const read = readQueryDocument(text);
    assert.deepEqual(read.problems, []);
    assert.equal(read.q, 'state:hold AND priority:>=3');
    assert.equal(read.sort, 'priority desc');
    assert.deepEqual(read.columns, COLUMNS);
    assert.equal(read.tenant, 'acme.thrio.io');
    const bad = readQueryDocument('@tenant acme prod\nstate:hold');
    assert.equal(bad.tenant, undefined);
    assert.equal(bad.problems.length, 1);
    assert.match(bad.problems[0]?.message ?? '', /tenant/);
  });
});

describe('pinned query groups against the sandbox', () => {
  let harness: TestSandbox;
  let client: NcxClient;
  const library = new QueryLibrary(new JsonState());

  before(async () => {
    harness = await startTestSandbox();
    const token = await harness.tokenFor('admin');
    client = new NcxClient({ location: harness.url, token: () => token, retries: 0 });
  });

  after(async () => {
    await harness.stop();
  });

  function serverCount(q: string): number {
    return harness.sandbox.store.search({ q, rows: 1, start: 0 }).total;
  }

  it('shows each pin with the server total, one request per pin per refresh: a count collapsed, the page expanded', async () => {
    const hold = await library.save('sandbox', 'On hold', { q: 'state:hold', columns: COLUMNS });
    const urgent = await library.save('sandbox', 'Urgent', { q: 'priority:5', sort: 'createdAt desc', columns: COLUMNS });
    const groups = new PinnedGroups(async () => client, () => 20);
    groups.setPins([hold, urgent]);
    await groups.refresh();
    assert.deepEqual(
      groups.list().map((group) => [group.query.name, group.count, group.items.length]),
      [
        ['On hold', serverCount('state:hold'), 0],
        ['Urgent', serverCount('priority:5'), 0],
      ],
    );

    const before = harness.sandbox.counters.requests;
    await groups.refresh();
    assert.equal(harness.sandbox.counters.requests - before, 2, 'one request per pinned group');

    await groups.setExpanded(urgent.id, true);
    const expanded = groups.find(urgent.id);
    assert.equal(expanded?.items.length, Math.min(20, serverCount('priority:5')));
    assert.ok(expanded?.items.every((item) => item.priority === 5));
    const created = expanded?.items.map((item) => item.createdAt) ?? [];
    assert.deepEqual(created, [...created].sort((a, b) => b - a), 'in the saved sort');
  });

  it('keeps the last count when a refresh fails, says why, and recovers on the next', async () => {
    const saved = await library.save('sandbox', 'Active', { q: 'state:active', columns: COLUMNS });
    const groups = new PinnedGroups(async () => client, () => 20);
    groups.setPins([saved]);
    await groups.refresh();
    const count = groups.find(saved.id)?.count;
    assert.equal(count, serverCount('state:active'));

    await harness.setFaults([{ match: { pathPrefix: '/data/api/types/workitem' }, status: 503, body: '{"message":"maintenance"}', times: 1 }]);
    await groups.refresh();
    const failed = groups.find(saved.id);
    assert.equal(failed?.count, count, 'the last count stays');
    assert.ok(failed?.failure, 'the failure is told');

    await groups.refresh();
    assert.equal(groups.find(saved.id)?.failure, undefined);
    await harness.clearFaults();
  });

  it('drops an answer to a query that was changed meanwhile', async () => {
    const saved = await library.save('sandbox', 'Changing', { q: 'state:hold', columns: COLUMNS });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowApi: WorkitemsApi = Object.assign(Object.create(client) as NcxClient, {
      count: async (q: string | undefined) => {
        if (q === 'state:hold') await gate;
        return client.count(q);
      },
    });
    const groups = new PinnedGroups(async () => slowApi, () => 20);
    groups.setPins([saved]);
    const edited = await library.save('sandbox', 'Changing', { q: 'state:active', columns: COLUMNS });
    groups.setPins([edited]);
    await groups.refresh();
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(groups.find(saved.id)?.count, serverCount('state:active'));
  });
});
