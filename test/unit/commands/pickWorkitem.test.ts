import * as assert from 'node:assert/strict';
import { validateQuery } from '../../../src/api/queryBuilder';
import type { Workitem } from '../../../src/api/schemas';
import { ActionRunner } from '../../../src/commands/actionRunner';
import { runActionCommand } from '../../../src/commands/actionCommand';
import type { CommandContext } from '../../../src/commands/context';
import { ACTION_CATALOG } from '../../../src/api/actions/catalog';
import { pickerQuery, pickWorkitem } from '../../../src/commands/pickWorkitem';
import { silentLog } from '../../../src/log/log';
import type { RunningSandbox } from '../../../src/sandbox/server/startSandbox';
import { FakePanels, FakeSettings, FakeTree } from './helpers/fakeHooks';
import { FakeUi } from './helpers/fakeUi';
import { actionRequests, connectedHooks, signInAs, startTestSandbox, type SignedInSession } from './helpers/sandboxSession';

describe('pickerQuery', () => {
  it("restricts to the states that allow the action and ANDs what was typed, parenthesised", () => {
    const q = pickerQuery('unhold', 'priority:>=4 OR priority:1');
    assert.equal(q, 'state:"hold" AND (priority:>=4 OR priority:1)');
  });

  it('looks for a bare word as a substring of the usual ids', () => {
    const q = pickerQuery('hold', 'wi_12');
    assert.ok(q);
    assert.ok(validateQuery(q).ok, q);
    assert.match(q, /workitemId:\*wi_12\*/);
    assert.match(q, /agentUsername:\*wi_12\*/);
    assert.match(q, /^state:"active" AND /);
  });

  it('asks for every state the action may start from when nothing is typed', () => {
    const q = pickerQuery('hangup', '');
    for (const state of ACTION_CATALOG.hangup.offeredIn) {
      assert.match(q ?? '', new RegExp(`state:"${state}"`));
    }
  });

  it('sends nothing for text that is neither a word nor a readable query', () => {
    assert.equal(pickerQuery('hold', 'state:(active'), undefined);
  });
});

describe('picking a workitem from the palette, against the sandbox', () => {
  let sandbox: RunningSandbox;
  let admin: SignedInSession;
  let viewer: SignedInSession;

  before(async () => {
    sandbox = await startTestSandbox();
    admin = await signInAs(sandbox.url, 'admin');
    viewer = await signInAs(sandbox.url, 'viewer');
  });

  after(async () => {
    await sandbox.stop();
  });

  it('offers, for each typed text, only workitems whose actions allow it', async () => {
    const ui = new FakeUi();
    ui.searchTyping = ['', 'wi_1'];
    await pickWorkitem(ui, connectedHooks(admin), 'unhold');

    assert.equal(ui.searchResults.length, 2);
    const [everything, typed] = ui.searchResults;
    assert.ok(everything && everything.items.length > 0, 'workitems on hold exist in the data set');
    for (const { items } of ui.searchResults) {
      for (const item of items) {
        const workitem = item.value as Workitem;
        assert.equal(workitem.state, 'hold');
        assert.ok(workitem.actions?.includes('unhold'));
      }
    }
    for (const item of typed?.items ?? []) {
      assert.match((item.value as Workitem).workitemId, /wi_1/);
    }
  });

  it('offers nothing to a token without the permission, although matching workitems exist', async () => {
    const ui = new FakeUi();
    ui.searchTyping = [''];
    const picked = await pickWorkitem(ui, connectedHooks(viewer), 'hold');
    assert.equal(picked, undefined);
    assert.deepEqual(ui.searchResults[0]?.items, []);
    assert.ok(viewer.requests.some((entry) => entry.path.startsWith('/data/api/types/workitem')), 'it did search');
  });

  it('runs the action on the workitem picked when the palette gave none and nothing is selected', async () => {
    const ui = new FakeUi();
    ui.searchTyping = [''];
    const tree = new FakeTree();
    const ctx: CommandContext = {
      ui,
      log: silentLog,
      connection: connectedHooks(admin),
      tree,
      panels: new FakePanels(),
      settings: new FakeSettings(),
      showLog: () => undefined,
    };
    const runner = new ActionRunner(ctx);

    const report = await runActionCommand(ctx, runner, 'hold', []);

    assert.ok(report && 'outcome' in report);
    assert.equal(report.outcome, 'done');
    const picked = ui.searchResults[0]?.items[0]?.value as Workitem;
    assert.equal(actionRequests(admin, picked.workitemId).length, 1);
    assert.equal((await admin.api.fetchWorkitem(picked.workitemId)).state, 'hold');
  });

  it('uses the tree selection from the palette instead of asking', async () => {
    const [selected] = (await admin.api.search({ q: 'state:active AND channelType:voice', rows: 1 })).items;
    assert.ok(selected);
    const ui = new FakeUi();
    const tree = new FakeTree();
    tree.selection = [selected];
    const ctx: CommandContext = {
      ui,
      log: silentLog,
      connection: connectedHooks(admin),
      tree,
      panels: new FakePanels(),
      settings: new FakeSettings(),
      showLog: () => undefined,
    };

    const report = await runActionCommand(ctx, new ActionRunner(ctx), 'hold', []);
    assert.ok(report && 'outcome' in report);
    assert.equal(report.outcome, 'done');
    assert.equal(ui.searchResults.length, 0, 'no pick was shown');
  });
});
