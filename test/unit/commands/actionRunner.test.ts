import * as assert from 'node:assert/strict';
import { PERMISSIONS } from '../../../src/api/domain';
import type { Workitem } from '../../../src/api/schemas';
import { ActionRunner } from '../../../src/commands/actionRunner';
import type { ConnectionHooks } from '../../../src/commands/context';
import { silentLog } from '../../../src/log/log';
import type { RunningSandbox } from '../../../src/sandbox/server/startSandbox';
import { DeferredActionsApi } from './helpers/deferredApi';
import { FakePanels, FakeTree } from './helpers/fakeHooks';
import { recordingLog } from './helpers/recordingLog';
import { FakeUi } from './helpers/fakeUi';
import { actionRequests, connectedHooks, signInAs, startTestSandbox, type SignedInSession } from './helpers/sandboxSession';
import { activeVoiceCall } from './helpers/workitems';

interface Rig {
  ui: FakeUi;
  tree: FakeTree;
  panels: FakePanels;
  runner: ActionRunner;
}

function rig(connection: Pick<ConnectionHooks, 'getApi' | 'permissions' | 'state'>): Rig {
  const ui = new FakeUi();
  const tree = new FakeTree();
  const panels = new FakePanels();
  return { ui, tree, panels, runner: new ActionRunner({ ui, log: silentLog, connection, tree, panels }) };
}

async function firstWorkitem(session: SignedInSession, q: string): Promise<Workitem> {
  const page = await session.api.search({ q, rows: 1 });
  const [workitem] = page.items;
  assert.ok(workitem, `the sandbox data set has no workitem matching ${q}`);
  return workitem;
}

describe('ActionRunner against the sandbox', () => {
  let sandbox: RunningSandbox;
  let admin: SignedInSession;

  before(async () => {
    sandbox = await startTestSandbox();
    admin = await signInAs(sandbox.url, 'admin');
  });

  after(async () => {
    await sandbox.stop();
  });

  it('sends ONE request when the same action is invoked twice on a workitem, and both callers get its outcome', async () => {
    const workitem = await firstWorkitem(admin, 'state:active AND channelType:voice');
    const { runner, tree, panels } = rig(connectedHooks(admin));

    const first = runner.attempt('hold', workitem);
    const second = runner.attempt('hold', workitem.workitemId);
    assert.equal(second, first, 'the second invocation joins the running one');
    const [report] = await Promise.all([first, second]);
    assert.equal(report.outcome, 'done');

    assert.equal(actionRequests(admin, workitem.workitemId).length, 1);
    assert.deepEqual(tree.busy, [
      [workitem.workitemId, 'Holding…'],
      [workitem.workitemId, undefined],
    ]);
    assert.deepEqual(tree.answers.map((answer) => answer?.state), ['hold'], 'the tree is shown the answer');
    assert.equal(tree.refreshes, 0, 'the tree re-counts nothing');
    assert.deepEqual(panels.refreshed, [], 'the panel is not asked to fetch: it is shown the answer');
    assert.deepEqual(panels.shown.map((shown) => [shown.workitemId, shown.state]), [[workitem.workitemId, 'hold']]);
    assert.equal((await admin.api.fetchWorkitem(workitem.workitemId)).state, 'hold');
  });

  it('runs again once the first request has finished (single flight is per running request)', async () => {
    const workitem = await firstWorkitem(admin, 'state:hold AND channelType:voice');
    const { runner } = rig(connectedHooks(admin));
    const before = actionRequests(admin, workitem.workitemId).length;
    assert.equal(await runner.run('unhold', workitem), 'done');
    assert.equal(await runner.run('hold', workitem.workitemId), 'done');
    assert.equal(actionRequests(admin, workitem.workitemId).length - before, 2);
  });

  it("shows the server's own reason when the sandbox refuses with 409, and refreshes that workitem", async () => {
    const terminated = await firstWorkitem(admin, 'state:terminated AND channelType:voice');
    const { runner, ui, tree, panels } = rig(connectedHooks(admin));

    // A bare id skips the local `actions` check, as a stale webview button would.
    const outcome = await runner.run('hold', terminated.workitemId);

    assert.equal(outcome, 'refused');
    const [warning] = ui.textsAt('warn');
    assert.ok(warning, 'a warning is shown');
    assert.match(warning, new RegExp(`${terminated.workitemId} is terminated: hold is not possible`));
    assert.doesNotMatch(warning, /HTTP|POST|\/users\/api/, 'the server\'s words, not the request');
    assert.equal(ui.textsAt('error').length, 0);
    assert.deepEqual(tree.busy.at(-1), [terminated.workitemId, undefined]);
    assert.deepEqual(tree.answers, [undefined], 'no answer: the tree runs one refresh cycle');
    assert.deepEqual(panels.refreshed, [terminated.workitemId]);
  });

  it('says which workitem does not exist when the sandbox answers 404', async () => {
    const { runner, ui } = rig(connectedHooks(admin));
    assert.equal(await runner.run('unhold', 'wi_does_not_exist'), 'refused');
    assert.match(ui.textsAt('warn')[0] ?? '', /wi_does_not_exist/);
  });

  it('offers nothing the token does not permit: a viewer cannot hold, and no request is sent', async () => {
    const viewer = await signInAs(sandbox.url, 'viewer');
    const workitem = await firstWorkitem(admin, 'state:active AND channelType:voice');
    const { runner, ui, tree } = rig(connectedHooks(viewer));

    assert.ok(runner.whyNotAllowed('hold', workitem));
    assert.equal(await runner.run('hold', workitem), 'notAllowed');

    assert.equal(actionRequests(viewer, workitem.workitemId).length, 0);
    assert.match(ui.textsAt('warn')[0] ?? '', /viewer may not hold workitems: the permission workitems:write is missing/);
    assert.deepEqual(tree.busy, []);
  });

  it('offers nothing the workitem itself does not list in `actions`', async () => {
    const inQueue = await firstWorkitem(admin, 'state:inqueue');
    assert.ok(!(inQueue.actions ?? []).includes('unhold'));
    const { runner, ui } = rig(connectedHooks(admin));

    assert.equal(await runner.run('unhold', inQueue), 'notAllowed');
    assert.equal(actionRequests(admin, inQueue.workitemId).length, 0);
    assert.equal(ui.textsAt('warn')[0], `${inQueue.workitemId} is inqueue: unhold is not possible.`);
  });

  it('asks before hanging up: "no" sends nothing, "yes" terminates the workitem', async () => {
    const workitem = await firstWorkitem(admin, 'state:active');
    const { runner, ui } = rig(connectedHooks(admin));

    ui.confirmAnswers = [false];
    assert.equal(await runner.run('hangup', workitem), 'cancelled');
    assert.equal(actionRequests(admin, workitem.workitemId).length, 0);

    ui.confirmAnswers = [true];
    assert.equal(await runner.run('hangup', workitem), 'done');
    assert.equal(ui.confirmations.length, 2);
    assert.match(ui.confirmations[0]?.message ?? '', new RegExp(workitem.workitemId));
    assert.equal((await admin.api.fetchWorkitem(workitem.workitemId)).state, 'terminated');
  });

  it('names the NCX tenant in the question, and in the log line of what was sent', async () => {
    const workitem = await firstWorkitem(admin, 'state:active AND channelType:voice');
    const hooks = { ...connectedHooks(admin), state: { mode: 'ncx' as const, status: 'connected' as const, tenant: 'acme-prod', authorities: [...admin.authorities] } };
    const log = recordingLog();
    const ui = new FakeUi();
    const runner = new ActionRunner({ ui, log, connection: hooks, tree: new FakeTree(), panels: new FakePanels() });
    ui.confirmAnswers = [false];
    assert.equal(await runner.run('hangup', workitem), 'cancelled');
    assert.equal(ui.confirmations[0]?.message, `Hang Up ${workitem.workitemId} on acme-prod?`);
    assert.equal(await runner.run('hold', workitem), 'done');
    assert.ok(log.lines.some((line) => line.includes(`hold ${workitem.workitemId} on acme-prod`)), log.lines.join('\n'));
  });

  it('transfers to the queue picked from the server\'s queue list', async () => {
    const workitem = await firstWorkitem(admin, 'state:active');
    const { runner, ui } = rig(connectedHooks(admin));
    let offered: string[] = [];
    ui.choosePick = (items) => {
      offered = items.map((item) => String(item.value));
      // The workitem's current queue is listed last; take the first other one.
      return 0;
    };

    assert.equal(await runner.run('transfer', workitem), 'done');

    const queues = (await admin.api.listQueues()).map((queue) => queue._id);
    assert.deepEqual([...offered].sort(), [...queues].sort());
    const moved = await admin.api.fetchWorkitem(workitem.workitemId);
    assert.equal(moved.state, 'inqueue');
    assert.equal(moved.selectedQueue, offered[0]);
    assert.notEqual(offered[0], workitem.selectedQueue);
  });
});

describe('ActionRunner while a request is in flight', () => {
  const admin: Pick<ConnectionHooks, 'getApi' | 'permissions' | 'state'> & { api: DeferredActionsApi } = {
    api: new DeferredActionsApi(),
    permissions: [...PERMISSIONS],
    state: { mode: 'sandbox', status: 'connected', username: 'admin', authorities: [...PERMISSIONS] },
    getApi() {
      return Promise.resolve(this.api);
    },
  };

  beforeEach(() => {
    admin.api = new DeferredActionsApi();
  });

  it('keeps the spinner until the answer comes, and joins any number of repeated clicks', async () => {
    const workitem = activeVoiceCall();
    const { runner, tree } = rig(admin);

    const clicks = [runner.run('hold', workitem), runner.run('hold', workitem), runner.run('hold', workitem)];
    await new Promise((resolve) => setImmediate(resolve));

    assert.equal(admin.api.calls.length, 1);
    assert.ok(runner.isBusy(workitem.workitemId));
    assert.deepEqual(tree.busy, [[workitem.workitemId, 'Holding…']]);

    admin.api.calls[0]?.answer.resolve({ ...workitem, state: 'hold' });
    assert.deepEqual(await Promise.all(clicks), ['done', 'done', 'done']);
    assert.equal(admin.api.calls.length, 1);
    assert.ok(!runner.isBusy(workitem.workitemId));
    assert.deepEqual(tree.busy.at(-1), [workitem.workitemId, undefined]);
  });

  it('answers "busy" to a different action on the same workitem instead of sending it', async () => {
    const workitem = activeVoiceCall();
    const { runner, ui } = rig(admin);

    const hold = runner.run('hold', workitem);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(await runner.run('transfer', workitem, { input: { queueId: 'q_sales' } }), 'busy');
    assert.match(ui.textsAt('info')[0] ?? '', /wi_12345 is busy/);

    admin.api.calls[0]?.answer.resolve({ ...workitem, state: 'hold' });
    assert.equal(await hold, 'done');
    assert.deepEqual(
      admin.api.calls.map((call) => call.action),
      ['hold'],
    );
  });

  it('runs actions on different workitems side by side', async () => {
    const { runner } = rig(admin);
    const one = runner.run('hold', activeVoiceCall({ workitemId: 'wi_1' }));
    const two = runner.run('hold', activeVoiceCall({ workitemId: 'wi_2' }));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(
      admin.api.calls.map((call) => call.id),
      ['wi_1', 'wi_2'],
    );
    for (const call of admin.api.calls) {
      call.answer.resolve(activeVoiceCall({ workitemId: call.id, state: 'hold' }));
    }
    assert.deepEqual(await Promise.all([one, two]), ['done', 'done']);
  });

  it('clears the spinner and reports a failure that is not a refusal as an error', async () => {
    const workitem = activeVoiceCall();
    const { runner, ui, tree } = rig(admin);
    const hold = runner.run('hold', workitem);
    await new Promise((resolve) => setImmediate(resolve));
    admin.api.calls[0]?.answer.reject(new Error('socket hang up'));

    assert.equal(await hold, 'failed');
    assert.deepEqual(tree.busy.at(-1), [workitem.workitemId, undefined]);
    assert.deepEqual(ui.textsAt('error'), ['Could not hold wi_12345: socket hang up']);
  });
});
