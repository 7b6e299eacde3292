// An action's answer shown in the tree with no request: the counts and rows move at once, the feed
// page that later brings the same change moves nothing twice, and an audit in between still reads
// the counts as they stood at W (no correction). Against the real sandbox, actions through its API.
import * as assert from 'assert';
import { ROOT_ID } from '../../../src/model/groupKeys';
import type { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import { differencesFromFresh } from './support/freshCompare';
import { startLiveSandbox, type LiveSandbox } from './support/liveSandbox';
import { openTree, PAGE_SIZE, type OpenTree } from './support/openTree';

async function rootCounts(model: WorkitemTreeModel): Promise<Record<string, number>> {
  const nodes = await model.getChildren(ROOT_ID);
  return Object.fromEntries(nodes.flatMap((node) => (node.kind === 'group' ? [[node.id, node.count]] : [])));
}

async function assertSameAsFresh(live: LiveSandbox, tree: OpenTree, when: string): Promise<void> {
  const differences = await differencesFromFresh(tree.model, live.api, tree.expanded, PAGE_SIZE);
  assert.deepStrictEqual(differences, [], `${when}:\n${differences.join('\n')}`);
}

describe('tree model: an action\'s answer shown without a request (real sandbox)', function () {
  this.timeout(60_000);
  let live: LiveSandbox;
  const models: WorkitemTreeModel[] = [];

  before(async () => {
    live = await startLiveSandbox({});
  });

  after(async () => {
    await live.stop();
  });

  afterEach(() => {
    models.splice(0).forEach((model) => model.dispose());
  });

  async function tree(options: { filter?: string } = {}): Promise<OpenTree> {
    const opened = await openTree(live, options);
    models.push(opened.model);
    // The audit sweep after opening, and W settled.
    for (let i = 0; i < 3; i++) await opened.model.refresh();
    return opened;
  }

  it('moves the counts and rows at once with no request, and the feed page that brings it moves nothing twice', async () => {
    const opened = await tree();
    const [call] = live.inState('active', 'voice');
    assert.ok(call, 'an active call to hold');
    const before = await rootCounts(opened.model);
    live.advance(1000);
    const answer = await live.api.act('hold', call.workitemId, {});
    assert.ok(answer, 'hold answers the workitem');
    opened.api.reset();
    assert.strictEqual(opened.model.applyAnswer(answer), true);
    assert.deepStrictEqual(opened.api.kinds(), [], 'no request');
    const after = await rootCounts(opened.model);
    const active = Object.keys(after).find((id) => id.endsWith('active'));
    const hold = Object.keys(after).find((id) => id.endsWith('hold'));
    assert.ok(active && hold, Object.keys(after).join());
    assert.strictEqual(after[active], (before[active] ?? 0) - 1);
    assert.strictEqual(after[hold], (before[hold] ?? 0) + 1);
    await assertSameAsFresh(live, opened, 'after the answer, before any feed page');
    // The feed page, and the audits of the next cycles, bring the same change.
    for (let i = 0; i < 4; i++) {
      await opened.model.refresh();
      await assertSameAsFresh(live, opened, `after feed cycle ${i + 1}`);
    }
    assert.strictEqual(opened.model.stats().corrections, 0, 'no audit found a count off');
  });

  it('two actions on one workitem before the feed, an audit in the cycle that brings them, and other traffic', async () => {
    const opened = await tree();
    const [call] = live.inState('active', 'voice');
    assert.ok(call);
    live.advance(1000);
    const held = await live.api.act('hold', call.workitemId, {});
    assert.ok(held && opened.model.applyAnswer(held));
    live.advance(1000);
    const back = await live.api.act('unhold', call.workitemId, {});
    assert.ok(back && opened.model.applyAnswer(back));
    // An older answer arriving late changes nothing.
    assert.strictEqual(opened.model.applyAnswer(held), true);
    await assertSameAsFresh(live, opened, 'after both answers');
    await live.tick();
    const auditsBefore = opened.model.stats().compared;
    for (let i = 0; i < 6; i++) {
      await opened.model.refresh();
      await assertSameAsFresh(live, opened, `after feed cycle ${i + 1}`);
    }
    assert.ok(opened.model.stats().compared > auditsBefore, 'audits were compared meanwhile');
    assert.strictEqual(opened.model.stats().corrections, 0);
  });

  it('an answer before every cycle for 12 cycles: each audit in between reads the counts at W, none corrected', async () => {
    const opened = await tree();
    const auditsBefore = opened.model.stats().compared;
    for (let i = 0; i < 12; i++) {
      const [call] = live.inState(i % 2 === 0 ? 'active' : 'hold', 'voice');
      assert.ok(call, `a voice call to ${i % 2 === 0 ? 'hold' : 'unhold'}`);
      live.advance(1000);
      const answer = await live.api.act(i % 2 === 0 ? 'hold' : 'unhold', call.workitemId, {});
      assert.ok(answer && opened.model.applyAnswer(answer));
      await opened.model.refresh();
    }
    await assertSameAsFresh(live, opened, 'after 12 cycles');
    assert.ok(opened.model.stats().compared - auditsBefore >= 4, 'audits ran meanwhile');
    assert.strictEqual(opened.model.stats().corrections, 0);
  });

  it('declines when the feed does not keep the counts (a filter): the caller refreshes instead', async () => {
    const opened = await tree({ filter: 'channelType:voice' });
    const [call] = live.inState('active', 'voice');
    assert.ok(call);
    live.advance(1000);
    const answer = await live.api.act('hold', call.workitemId, {});
    assert.ok(answer);
    assert.strictEqual(opened.model.applyAnswer(answer), false);
    await opened.model.refresh();
    await assertSameAsFresh(live, opened, 'after the refresh');
  });
});
