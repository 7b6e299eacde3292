// Watched workitems: what a watch hears of a workitem's changes, what ends it, and that it is still
// there after a reload (the same storage read by a new list), damaged entries costing only themselves.
import { strict as assert } from 'node:assert';
import type { Workitem } from '../../../../src/api/schemas';
import { watchNoticeText } from '../../../../src/live/watchNoticeText';
import { MAX_WATCHES, WatchList, type WatchStorage } from '../../../../src/model/live/watchList';
import { labelWithName, NO_NAMES, type NameLookup } from '../../../../src/model/names/nameDirectory';
import { heldAndRetrievedCall, T0, MINUTE } from '../../webview/fixtures/workitems';

/** The extension's global storage as VS Code gives it: values kept as JSON. */
class JsonStorage implements WatchStorage {
  readonly values = new Map<string, string>();
  get(key: string): unknown {
    const value = this.values.get(key);
    return value === undefined ? undefined : JSON.parse(value);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.stringify(value));
  }
}

const call = (changes: Partial<Workitem> = {}): Workitem => ({ ...heldAndRetrievedCall(), state: 'active', agentUsername: 'jason.fontenot', selectedQueue: 'q_support', ...changes });

describe('watch list', () => {
  let storage: JsonStorage;
  let clock: number;

  beforeEach(() => {
    storage = new JsonStorage();
    clock = T0;
  });

  const list = (): WatchList => new WatchList(storage, () => clock++);

  it('hears what changed since it last saw the workitem, and nothing when nothing it shows changed', async () => {
    const watches = list();
    const told: boolean[] = [];
    watches.onDidChange((membership) => told.push(membership));
    assert.deepEqual(await watches.watch('acme-prod', 'wi_20001', call()), { ok: true });
    assert.equal(await watches.observe('acme-prod', call({ modifiedAt: T0 + 5 * MINUTE })), undefined, 'a newer copy with the same state, agent and queue');
    assert.deepEqual(told, [true], 'a watch started; a change that shows nothing new tells nobody');
    const notice = await watches.observe('acme-prod', call({ state: 'hold', modifiedAt: T0 + 6 * MINUTE }));
    assert.deepEqual(notice?.changes, [{ field: 'state', from: 'active', to: 'hold' }]);
    assert.equal(notice?.ended, false);
    assert.deepEqual(told, [true, false], 'a change shown: the view draws again, no watch started or ended');
    const moved = await watches.observe('acme-prod', call({ state: 'inqueue', agentUsername: undefined, selectedQueue: 'q_retention', modifiedAt: T0 + 7 * MINUTE }));
    assert.deepEqual(moved?.changes, [
      { field: 'state', from: 'hold', to: 'inqueue' },
      { field: 'agent', from: 'jason.fontenot', to: undefined },
      { field: 'queue', from: 'q_support', to: 'q_retention' },
    ]);
    assert.equal(await watches.observe('acme-prod', call({ state: 'hold', modifiedAt: T0 + 6 * MINUTE })), undefined, 'an older copy says nothing');
    assert.equal(await watches.observe('other-tenant', call({ state: 'terminated' })), undefined, 'the same id on another tenant is another workitem');
  });

  it('ends the watch when the workitem is dispositioned, saying so', async () => {
    const watches = list();
    await watches.watch('sandbox', 'wi_20001', call({ state: 'terminated' }));
    const notice = await watches.observe('sandbox', call({ state: 'dispositioned', dispositionId: 'disp_resolved', modifiedAt: T0 + 9 * MINUTE }));
    assert.equal(notice?.ended, true);
    assert.equal(watches.isWatched('sandbox', 'wi_20001'), false);
  });

  it('survives a reload, and a damaged stored entry costs only itself', async () => {
    const first = list();
    await first.watch('sandbox', 'wi_1', call({ workitemId: 'wi_1' }));
    await first.watch('sandbox', 'wi_2');
    const stored = storage.get('workitemInspector.watches') as unknown[];
    storage.values.set('workitemInspector.watches', JSON.stringify([...stored, { tenant: 'sandbox', workitemId: 42 }, 'nonsense', stored[0]]));
    const reloaded = list();
    assert.deepEqual(reloaded.of('sandbox').map((watch) => watch.workitemId), ['wi_2', 'wi_1']);
    const notice = await reloaded.observe('sandbox', call({ workitemId: 'wi_1', state: 'hold', modifiedAt: T0 + 8 * MINUTE }));
    assert.deepEqual(notice?.changes, [{ field: 'state', from: 'active', to: 'hold' }], 'what it saw before the reload is kept');
  });

  it('refuses a second watch of the same workitem and more than the most per tenant', async () => {
    const watches = list();
    await watches.watch('sandbox', 'wi_1');
    assert.deepEqual(await watches.watch('sandbox', 'wi_1'), { ok: false, reason: 'already' });
    for (let i = 2; i <= MAX_WATCHES; i++) await watches.watch('sandbox', `wi_${i}`);
    assert.deepEqual(await watches.watch('sandbox', 'wi_0'), { ok: false, reason: 'full' });
    assert.deepEqual(await watches.watch('acme-prod', 'wi_0'), { ok: true }, 'another tenant has its own');
    assert.equal(await watches.unwatch('sandbox', ['wi_1', 'wi_2']), 2);
    assert.equal(await watches.clear('sandbox'), MAX_WATCHES - 2);
    assert.deepEqual(watches.of('acme-prod').map((watch) => watch.workitemId), ['wi_0']);
  });

  it('says what changed with agents and queues by name, and hostile names as text', async () => {
    const watches = list();
    await watches.watch('acme-prod', 'wi_20001', call());
    const notice = await watches.observe('acme-prod', call({ state: 'inqueue', agentUsername: undefined, selectedQueue: 'q_retention', modifiedAt: T0 + 7 * MINUTE }));
    assert.ok(notice);
    const table = new Map([['agent:jason.fontenot', 'Jason Fontenot'], ['queue:q_support', 'Customer Support'], ['queue:q_retention', '[Retention](command:workbench.action.terminal.new)']]);
    const names: NameLookup = { nameOf: (kind, id) => table.get(`${kind}:${id}`), labelOf: (kind, id) => labelWithName(table.get(`${kind}:${id}`), id) };
    const text = watchNoticeText(notice, 'acme-prod', names);
    assert.ok(text.startsWith('wi_20001 on acme-prod: state active → inqueue, '), text);
    assert.ok(text.includes('agent Jason Fontenot (jason.fontenot) → none'), text);
    assert.ok(text.includes('queue Customer Support (q_support) → [Retention]\u200B(command:'), `a link in a name is broken: ${text}`);
    assert.ok(watchNoticeText(notice, 'acme-prod', NO_NAMES).includes('queue q_support → q_retention'));
  });
});
