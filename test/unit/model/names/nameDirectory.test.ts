// Names for the ids a workitem carries, read from the real sandbox through the real client: what a
// surface shows (`Retention (q_retention)`), how often the lists are read (once, again when stale,
// not on every row), and what a failure or a change of connection leaves behind.
import { strict as assert } from 'node:assert';
import { NcxClient } from '../../../../src/api/client';
import type { WorkitemsApi } from '../../../../src/api/workitemsApi';
import { NameDirectory, NO_NAMES, labelWithName, type NamedKind } from '../../../../src/model/names/nameDirectory';
import { startTestSandbox, type TestSandbox } from '../../api/helpers/sandbox';

type NamesApi = Pick<WorkitemsApi, 'listQueues' | 'listUsers' | 'listDispositions' | 'listCampaigns'>;

/** Passes every list on to the sandbox, counting the reads, and fails them while `down` is set. */
class CountingNames implements NamesApi {
  readonly reads: string[] = [];
  down = false;
  constructor(private readonly inner: NamesApi) {}
  private through<T>(what: string, call: () => Promise<T>): Promise<T> {
    this.reads.push(what);
    return this.down ? Promise.reject(new Error(`${what}: connection refused`)) : call();
  }
  listQueues: NamesApi['listQueues'] = (options) => this.through('queue', () => this.inner.listQueues(options));
  listUsers: NamesApi['listUsers'] = (q, options) => this.through('agent', () => this.inner.listUsers(q, options));
  listDispositions: NamesApi['listDispositions'] = (options) => this.through('disposition', () => this.inner.listDispositions(options));
  listCampaigns: NamesApi['listCampaigns'] = (options) => this.through('campaign', () => this.inner.listCampaigns(options));
}

describe('NameDirectory against the sandbox', () => {
  let harness: TestSandbox;
  let client: NcxClient;
  let api: CountingNames;
  let clock: number;

  before(async () => {
    harness = await startTestSandbox();
    const token = await harness.tokenFor('admin');
    client = new NcxClient({ location: harness.url, token: () => token, retries: 0 });
  });

  after(async () => {
    await harness.stop();
  });

  beforeEach(() => {
    api = new CountingNames(client);
    clock = 1_000_000;
  });

  const directory = (): NameDirectory => new NameDirectory(api, { now: () => clock, staleAfterMs: 60_000, retryAfterMs: 10_000 });

  it('labels each kind by the name its schema type gives, and an unknown id as the id', async () => {
    const names = directory();
    await names.loadAll();
    const [agent] = await client.listUsers('fontenot');
    const [disposition] = await client.listDispositions();
    const [campaign] = await client.listCampaigns();
    assert.ok(agent && disposition && campaign, 'the sandbox has agents, dispositions and campaigns');
    assert.equal(names.labelOf('queue', 'q_retention'), 'Retention (q_retention)');
    assert.equal(names.labelOf('agent', agent.username ?? agent._id), `${agent.firstName} ${agent.lastName} (${agent.username ?? agent._id})`);
    const dispositionKey = disposition.dispositionId ?? disposition._id;
    assert.equal(names.labelOf('disposition', dispositionKey), `${disposition.name} (${dispositionKey})`);
    assert.equal(names.labelOf('campaign', campaign._id), `${campaign.name} (${campaign._id})`);
    assert.equal(names.labelOf('queue', 'q_gone'), 'q_gone');
    assert.equal(names.nameOf('queue', undefined), undefined);
    // Every agent of the tenant has a name, not only a picker's first page.
    const everyAgent = await client.listUsers(undefined, { rows: 1000 });
    assert.ok(everyAgent.every((user) => names.nameOf('agent', user._id) !== undefined));
    // The SLAs come with the queues, for the timeline picture.
    assert.equal(names.queues().length, (await client.listQueues()).length);
    assert.equal(names.queue('q_retention')?.name, 'Retention', 'and one queue by id');
    assert.equal(names.queue('q_gone'), undefined);
  });

  it('prefetches the kinds asked for, once while they are fresh, and again once stale', async () => {
    const names = directory();
    names.prefetch(['queue', 'agent']);
    names.prefetch(['queue', 'agent']);
    assert.deepEqual(api.reads, ['queue', 'agent'], 'one read per kind, nothing else');
    await Promise.all([names.load('queue'), names.load('agent')]);
    assert.ok(names.nameOf('queue', 'q_retention') !== undefined, 'a row finds its name at once');
    names.prefetch(['queue']);
    assert.deepEqual(api.reads, ['queue', 'agent'], 'fresh names are not read again');
    clock += 60_001;
    names.prefetch(['queue']);
    assert.deepEqual(api.reads, ['queue', 'agent', 'queue']);
  });

  it('reads each list once however many rows ask, and tells its listeners when names arrive', async () => {
    const names = directory();
    const heard: NamedKind[] = [];
    names.onDidChange((kind) => heard.push(kind));
    assert.equal(names.nameOf('queue', 'q_vip'), undefined, 'nothing waits for a name');
    for (let row = 0; row < 50; row++) names.labelOf('queue', 'q_vip');
    await names.load('queue');
    assert.deepEqual(api.reads, ['queue']);
    assert.deepEqual(heard, ['queue']);
    assert.equal(names.labelOf('queue', 'q_vip'), 'VIP Accounts (q_vip)');
  });

  it('reads a stale list again in the background, and says nothing when the names are the same', async () => {
    const names = directory();
    const heard: NamedKind[] = [];
    names.onDidChange((kind) => heard.push(kind));
    await names.load('queue');
    clock += 59_000;
    names.nameOf('queue', 'q_sales');
    assert.deepEqual(api.reads, ['queue'], 'fresh names are not read again');
    clock += 2_000;
    assert.equal(names.nameOf('queue', 'q_sales'), 'Sales', 'the old name shows while the list is read again');
    await names.load('queue');
    assert.deepEqual(api.reads, ['queue', 'queue']);
    assert.deepEqual(heard, ['queue'], 'the same names redraw nothing');
  });

  it('keeps the names it had when a read fails, and tries again only after a pause', async () => {
    const names = directory();
    await names.load('queue');
    clock += 61_000;
    api.down = true;
    await names.load('queue');
    assert.equal(names.labelOf('queue', 'q_billing'), 'Billing (q_billing)');
    for (let row = 0; row < 20; row++) names.nameOf('queue', 'q_billing');
    assert.equal(api.reads.length, 2, 'a failed list is not read for every row drawn');
    clock += 10_000;
    api.down = false;
    names.nameOf('queue', 'q_billing');
    await names.load('queue');
    assert.equal(api.reads.length, 3);
  });

  it('forgets every name when the connection changes, and a read begun before lands nowhere', async () => {
    const names = directory();
    await names.load('queue');
    const late = names.load('agent');
    names.reset();
    await late;
    assert.equal(names.nameOf('agent', 'jason.fontenot'), undefined, 'the previous connection’s agents are not this one’s');
    assert.equal(names.labelOf('queue', 'q_retention').startsWith('q_retention'), true);
  });

  it('labels without a name, or with the id as its name, as the id alone', () => {
    assert.equal(labelWithName(undefined, 'q_1'), 'q_1');
    assert.equal(labelWithName('  ', 'q_1'), 'q_1');
    assert.equal(labelWithName('q_1', 'q_1'), 'q_1');
    assert.equal(labelWithName('Billing', 'q_1'), 'Billing (q_1)');
    assert.equal(NO_NAMES.labelOf('agent', 'a.b'), 'a.b');
  });
});
