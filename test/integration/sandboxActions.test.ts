// Hold, unhold, transfer and hang up through VS Code commands, against the sandbox the extension
// started: the sandbox must report the new state and time event, and the tree must move the
// workitem to its new group with counts that match the sandbox again.
import * as assert from 'assert';
import type { NcxClient } from '../../src/api/client';
import type { Workitem } from '../../src/api/schemas';
import { COMMANDS } from '../../src/contributions';
import { runCommand } from './helpers/commandRunner';
import { recordMessages, type MessageRecorder } from './helpers/messages';
import { openSandboxSession, type SandboxSession } from './helpers/sandboxSession';
import { stateCounts, valueCounts, type ValueCount } from './helpers/serverCounts';
import { serverWorkitem, takeWorkitem } from './helpers/serverWorkitems';
import { groupPathOf } from './helpers/treeWalk';
import { waitFor } from './helpers/waitFor';

function countOf(counts: readonly ValueCount[], state: string): number {
  return counts.find((entry) => entry.value === state)?.count ?? 0;
}

function lastEvent(workitem: Workitem): { type: string; state?: string; queueId?: string } | undefined {
  return workitem.timeEvents?.at(-1);
}

/** The tree's root counts once they equal the sandbox's (the action refreshes the tree in the background). */
async function treeCountsMatchServer(session: SandboxSession): Promise<ValueCount[]> {
  const expected = await stateCounts(session.server);
  await waitFor(
    () => {
      assert.deepStrictEqual(valueCounts(session.inspector.tree.rootGroupCounts()), expected);
      return true;
    },
    { description: 'the tree counts to equal the sandbox counts after the action' },
  );
  return expected;
}

async function assertUnchanged(server: NcxClient, before: Workitem): Promise<void> {
  const after = await serverWorkitem(server, before.workitemId);
  assert.strictEqual(after.state, before.state);
  assert.strictEqual(after.modifiedAt, before.modifiedAt);
  assert.strictEqual(after.timeEvents?.length, before.timeEvents?.length);
}

describe('workitem actions through commands, against the sandbox', function () {
  this.timeout(60_000);
  let session: SandboxSession;
  let messages: MessageRecorder;

  before(async () => {
    session = await openSandboxSession();
  });

  beforeEach(() => {
    messages = recordMessages();
  });

  afterEach(() => {
    messages.dispose();
  });

  /** Runs the command on a workitem and checks the sandbox and the tree afterwards. */
  async function act(
    command: string,
    args: unknown[],
    workitem: Workitem,
    expected: { state: string; event: string },
  ): Promise<Workitem> {
    const countsBefore = await stateCounts(session.server);
    await runCommand(command, args);

    const after = await serverWorkitem(session.server, workitem.workitemId);
    assert.strictEqual(after.state, expected.state, `${workitem.workitemId} in the sandbox`);
    assert.strictEqual(after.timeEvents?.length, (workitem.timeEvents?.length ?? 0) + 1, 'exactly one new time event');
    assert.strictEqual(lastEvent(after)?.type, expected.event);
    assert.ok((after.modifiedAt ?? 0) >= (workitem.modifiedAt ?? 0));

    const countsAfter = await treeCountsMatchServer(session);
    assert.strictEqual(countOf(countsAfter, expected.state), countOf(countsBefore, expected.state) + 1, `${expected.state} group grew by one`);
    assert.strictEqual(countOf(countsAfter, workitem.state), countOf(countsBefore, workitem.state) - 1, `${workitem.state} group shrank by one`);
    const path = await groupPathOf(session.inspector.tree, workitem.workitemId);
    assert.strictEqual(path, `state:${expected.state}/channel:${after.channelType}`, 'the row the tree selects for it');
    assert.deepStrictEqual(messages.shown.filter((message) => message.severity !== 'info' && !message.modal), [], 'no warning or error');
    return after;
  }

  it('Hold puts an active voice call on hold (state hold, a "held" event) and moves its row', async () => {
    const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    await act(COMMANDS.hold, [workitem.workitemId], workitem, { state: 'hold', event: 'held' });
  });

  it('one click, one request: Hold from an open panel sends the hold alone; the panel and the tree show its answer', async () => {
    const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    await runCommand(COMMANDS.openDetails, [workitem.workitemId]);
    const countsBefore = await treeCountsMatchServer(session);
    const exchanges = session.inspector.workbench.exchanges;
    const since = exchanges.list()[0]?.id ?? 0;
    // What the panel's Hold button runs.
    assert.strictEqual(await session.inspector.runAction('hold', workitem.workitemId), 'done');
    const countsAfter = await treeCountsMatchServer(session);
    assert.strictEqual(countOf(countsAfter, 'hold'), countOf(countsBefore, 'hold') + 1);
    await waitFor(() => session.inspector.panels.lastRendered(workitem.workitemId)?.state === 'hold', {
      description: `the panel of ${workitem.workitemId} to show "hold"`,
    });
    // The pushed change of the same hold arrives meanwhile: it is shown without a request too.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sent = exchanges
      .list()
      .filter((exchange) => exchange.id > since)
      .map((exchange) => `${exchange.method} ${new URL(exchange.url).pathname}`);
    assert.deepStrictEqual(sent, [`POST /users/api/calls/${workitem.workitemId}/hold`]);
  });

  it('Unhold makes a held call active again (a "retrieved" event) and moves its row', async () => {
    const workitem = await takeWorkitem(session.server, 'state:hold AND channelType:voice');
    await act(COMMANDS.unhold, [workitem.workitemId], workitem, { state: 'active', event: 'retrieved' });
  });

  it('Transfer to Queue puts the workitem in the chosen queue (inqueue, a "transferred" event)', async () => {
    const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    const queues = await session.server.listQueues();
    const target = queues.find((queue) => queue._id !== workitem.selectedQueue);
    assert.ok(target, 'the sandbox needs a second queue');
    const after = await act(COMMANDS.transferToQueue, [workitem.workitemId, target._id], workitem, {
      state: 'inqueue',
      event: 'transferred',
    });
    assert.strictEqual(after.selectedQueue, target._id);
    assert.strictEqual(lastEvent(after)?.queueId, target._id);
    assert.strictEqual(after.agentUsername, undefined, 'a queued workitem has no agent');
  });

  it('Hang Up asks for confirmation and, confirmed, terminates the call', async () => {
    const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    const offered: string[][] = [];
    messages.answerQuestions((buttons) => {
      offered.push([...buttons]);
      return buttons[0];
    });
    await act(COMMANDS.hangUp, [workitem.workitemId], workitem, { state: 'terminated', event: 'terminated' });
    const confirmations = messages.shown.filter((message) => message.modal);
    assert.strictEqual(confirmations.length, 1, 'one modal confirmation');
    assert.ok(confirmations[0].text.includes(workitem.workitemId), confirmations[0].text);
    assert.deepStrictEqual(offered.map((buttons) => buttons.length), [1], 'one confirming button (VS Code adds Cancel)');
  });

  it('Hang Up dismissed in its confirmation is cancelled and changes nothing', async () => {
    const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    messages.answerQuestions(() => undefined);
    assert.strictEqual(await session.inspector.runAction('hangup', workitem.workitemId), 'cancelled');
    await assertUnchanged(session.server, workitem);
  });

  it('Hang Up where no confirmation can be shown is not sent, and the failure is shown', async () => {
    // The test workbench refuses modal dialogs (showWarningMessage rejects): the product must fail safe.
    const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    await runCommand(COMMANDS.hangUp, [workitem.workitemId]);
    await assertUnchanged(session.server, workitem);
    const errors = messages.shown.filter((message) => message.severity === 'error');
    assert.strictEqual(errors.length, 1, `one error message; got ${JSON.stringify(messages.shown)}`);
  });

  describe('an action the workitem does not allow', () => {
    async function refusedWithoutChange(q: string): Promise<void> {
      const workitem = await takeWorkitem(session.server, q);
      const countsBefore = valueCounts(session.inspector.tree.rootGroupCounts());
      const outcome = await session.inspector.runAction('hold', workitem.workitemId);
      assert.strictEqual(outcome, 'refused');
      await assertUnchanged(session.server, workitem);
      const warnings = messages.shown.filter((message) => message.severity !== 'info');
      assert.strictEqual(warnings.length, 1, `one message, got ${JSON.stringify(messages.shown)}`);
      assert.ok(warnings[0].text.includes(workitem.workitemId), warnings[0].text);
      // The runner refreshes the tree after every attempt; nothing may have moved.
      await session.inspector.tree.refresh();
      assert.deepStrictEqual(valueCounts(session.inspector.tree.rootGroupCounts()), countsBefore);
    }

    it('Hold on a terminated call is refused by the sandbox, shown, and changes nothing', async () => {
      await refusedWithoutChange('state:terminated AND channelType:voice');
    });

    it('Hold on an active chat (not a call) is refused by the sandbox, shown, and changes nothing', async () => {
      await refusedWithoutChange('state:active AND channelType:chat');
    });

    it('the Hold command on a dispositioned call shows the refusal and changes nothing', async () => {
      const workitem = await takeWorkitem(session.server, 'state:dispositioned AND channelType:voice');
      await runCommand(COMMANDS.hold, [workitem.workitemId]);
      await assertUnchanged(session.server, workitem);
      assert.ok(
        messages.shown.some((message) => message.severity !== 'info' && message.text.includes(workitem.workitemId)),
        `a warning naming ${workitem.workitemId}; got ${JSON.stringify(messages.shown)}`,
      );
    });
  });
});
