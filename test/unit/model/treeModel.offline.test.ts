// A lost link, with the real tree model and client against the real sandbox, its workitem searches
// cut (connection reset) by the sandbox's fault injection: the tree keeps the rows it had, says
// since when it is offline, costs one request a cycle while it is, and catches up by itself once
// the link is back.
import { strict as assert } from 'node:assert';
import { NcxClient } from '../../../src/api/client';
import type { RequestLogEntry } from '../../../src/api/http';
import { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import { startTestSandbox, type TestSandbox } from '../api/helpers/sandbox';
import { rows } from './support/treeDriver';

const SEARCH = '/data/api/types/workitem';

describe('tree model: a lost link', function () {
  this.timeout(60_000);
  let harness: TestSandbox;
  let client: NcxClient;
  let entries: RequestLogEntry[];
  let clock: number;
  let model: WorkitemTreeModel;

  beforeEach(async () => {
    harness = await startTestSandbox({ size: 400, seed: 21 });
    const token = await harness.tokenFor('admin');
    entries = [];
    clock = Date.UTC(2026, 11, 3, 12, 3);
    client = new NcxClient({ location: harness.url, token: () => token, retries: 0, onRequest: (entry) => entries.push(entry) });
    model = new WorkitemTreeModel({ api: client, now: () => clock });
  });

  afterEach(async () => {
    model.dispose();
    await harness.stop();
  });

  async function openActiveVoice(): Promise<{ top: string[]; voice: string[] }> {
    const top = await rows(model);
    await model.setExpanded('state:active', true);
    await rows(model, 'state:active');
    await model.setExpanded('state:active/channel:voice', true);
    const voice = await rows(model, 'state:active/channel:voice');
    return { top, voice };
  }

  it('keeps the rows it had, says since when it is offline, and asks one page a cycle until the link is back', async () => {
    const before = await openActiveVoice();
    await model.refresh();
    await harness.setFaults([{ match: { pathPrefix: SEARCH }, mode: 'reset' }]);

    entries.length = 0;
    await model.refresh();
    assert.deepEqual(await rows(model), before.top, 'the top level as it was, no error rows');
    assert.deepEqual(await rows(model, 'state:active/channel:voice'), before.voice, 'the open group as it was');
    assert.equal(model.offlineSince(), clock);
    assert.equal(model.rootStatus().kind, 'loaded');
    const offlineAt = clock;
    clock += 10_000;
    await model.refresh();
    assert.equal(model.offlineSince(), offlineAt, 'offline since the first failure');
    assert.equal(entries.length, 2, `one request a cycle while offline: ${entries.map((entry) => entry.path).join(', ')}`);

    // Meanwhile a call is held; the link comes back; the next cycle catches up.
    const [held] = before.voice;
    assert.ok(held?.startsWith('wi_'));
    await harness.clearFaults();
    await client.act('hold', held, {});
    clock += 10_000;
    await model.refresh();
    assert.equal(model.offlineSince(), undefined, 'back online after one cycle');
    assert.ok(!(await rows(model, 'state:active/channel:voice')).includes(held), 'the held call left the active group');
    const holdCount = Number(/\((\d+)\)/.exec((await rows(model)).find((row) => row.startsWith('state:hold ')) ?? '')?.[1]);
    assert.equal(holdCount, (await client.count('state:hold')), 'the counts are the server’s again');
  });

  it('a manual Refresh while offline keeps the rows too, and a group never loaded says why it is missing', async () => {
    const before = await openActiveVoice();
    await harness.setFaults([{ match: { pathPrefix: SEARCH }, mode: 'reset' }]);
    await model.recount();
    assert.deepEqual(await rows(model), before.top);
    assert.ok(model.offlineSince() !== undefined);
    // Nothing was ever loaded for this group: there is nothing to keep, so it says it is unreachable.
    await model.setExpanded('state:hold', true);
    const hold = await rows(model, 'state:hold');
    assert.deepEqual(hold, ['error unreachable retry']);
  });
});
