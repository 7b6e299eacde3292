// Every command the extension registers, run once through VS Code against the sandbox, the way a
// menu, the palette or a link would call it. UI it opens is answered by the test (quick inputs) or
// dismissed; no run may end in an error message (the commands turn failures into one).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { COMMANDS, type CommandKey } from '../../src/contributions';
import { runCommand, runCommandDismissingUi } from './helpers/commandRunner';
import { recordMessages, type MessageRecorder } from './helpers/messages';
import { answerQuickInputs } from './helpers/quickInputs';
import { openSandboxSession, type SandboxSession } from './helpers/sandboxSession';
import { channelCounts, stateCounts, valueCounts, type ValueCount } from './helpers/serverCounts';
import { serverWorkitem, takeWorkitem } from './helpers/serverWorkitems';
import { tenantCommandScenarios } from './helpers/tenantScenarios';
import { expandGroup, groupWithValue, isLoadMore, isWorkitem, rootNodes, workitemIdsOf, type WorkitemNode } from './helpers/treeWalk';
import { waitFor } from './helpers/waitFor';

const FILTER = 'priority:>=4';

describe('every command, against the sandbox', function () {
  this.timeout(60_000);
  let session: SandboxSession;
  let messages: MessageRecorder;

  before(async () => {
    session = await openSandboxSession();
  });

  beforeEach(() => {
    messages = recordMessages();
  });

  afterEach(async () => {
    messages.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  function assertNoErrorMessage(): void {
    assert.deepStrictEqual(
      messages.shown.filter((message) => message.severity === 'error'),
      [],
      'a command that fails shows an error message',
    );
  }

  async function treeShows(expected: () => Promise<ValueCount[]>, what: string): Promise<void> {
    const want = await expected();
    await waitFor(
      () => {
        assert.deepStrictEqual(valueCounts(session.inspector.tree.rootGroupCounts()), want);
        return true;
      },
      { description: what },
    );
  }

  /** A workitem row of the tree in a state/channel group, as a context menu would pass it. */
  async function workitemRow(state: string, channel: string): Promise<WorkitemNode> {
    const tree = session.inspector.tree;
    const stateRows = await expandGroup(tree, groupWithValue(await rootNodes(tree), state));
    const rows = await expandGroup(tree, groupWithValue(stateRows, channel));
    const row = rows.find(isWorkitem);
    assert.ok(row, `a workitem row under ${state}/${channel}`);
    return row;
  }

  const connections = (): unknown => vscode.workspace.getConfiguration('workitemInspector').get<unknown>('connections');
  const scenarios: Record<CommandKey, () => Promise<void>> = {
    allowActions: async () => {
      // The local sandbox is never protected: nothing to allow, and actions run.
      await runCommand(COMMANDS.allowActions);
      assert.ok(messages.shown.some((message) => message.text === 'This connection is not protected: actions are allowed.'));
    },
    lockActions: async () => {
      await runCommand(COMMANDS.lockActions);
      assert.ok(messages.shown.some((message) => message.text.includes('nothing to lock')));
    },
    watch: async () => {
      // Passed whole, as a tree row carries it: the watch starts from what the row showed.
      const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
      const id = workitem.workitemId;
      await runCommand(COMMANDS.watch, [workitem]);
      assert.ok(session.inspector.watches.isWatched('sandbox', id), 'watched');
      // A change made elsewhere (the server's API) raises a notification naming what changed.
      await session.server.act('hold', id, {});
      const notice = await waitFor(
        () => messages.shown.find((message) => message.text.startsWith(`${id} on sandbox:`) && message.text.includes('→ hold')),
        { description: `a notification of ${id}'s hold`, timeoutMs: 20_000 },
      );
      assert.strictEqual(notice.severity, 'info');
      await session.inspector.watches.unwatch('sandbox', [id]);
    },
    unwatch: async () => {
      const workitem = await takeWorkitem(session.server, 'state:inqueue');
      await runCommand(COMMANDS.watch, [workitem.workitemId]);
      assert.ok(session.inspector.watches.isWatched('sandbox', workitem.workitemId));
      // As the Watched view passes its row.
      await runCommand(COMMANDS.unwatch, [session.inspector.watches.of('sandbox').find((watch) => watch.workitemId === workitem.workitemId)]);
      assert.ok(!session.inspector.watches.isWatched('sandbox', workitem.workitemId));
    },
    unwatchAll: async () => {
      const first = await takeWorkitem(session.server, 'state:inqueue');
      const second = await takeWorkitem(session.server, 'state:offered');
      await runCommand(COMMANDS.watch, [first.workitemId]);
      await runCommand(COMMANDS.watch, [second.workitemId]);
      assert.strictEqual(session.inspector.watches.of('sandbox').length, 2);
      await runCommand(COMMANDS.unwatchAll);
      assert.strictEqual(session.inspector.watches.of('sandbox').length, 0);
    },
    hold: async () => {
      const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
      await runCommand(COMMANDS.hold, [workitem.workitemId]);
      assert.strictEqual((await serverWorkitem(session.server, workitem.workitemId)).state, 'hold');
    },
    unhold: async () => {
      const workitem = await takeWorkitem(session.server, 'state:hold AND channelType:voice');
      await runCommand(COMMANDS.unhold, [workitem.workitemId]);
      assert.strictEqual((await serverWorkitem(session.server, workitem.workitemId)).state, 'active');
    },
    answer: async () => {
      const workitem = await takeWorkitem(session.server, 'state:accepted');
      await runCommand(COMMANDS.answer, [workitem.workitemId]);
      assert.strictEqual((await serverWorkitem(session.server, workitem.workitemId)).state, 'active');
    },
    mute: async () => {
      const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
      await runCommand(COMMANDS.mute, [workitem.workitemId]);
      const after = await serverWorkitem(session.server, workitem.workitemId);
      assert.strictEqual(after.muted, true);
      assert.ok(after.actions?.includes('unmute'));
    },
    unmute: async () => {
      const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
      await session.server.act('mute', workitem.workitemId, {});
      await runCommand(COMMANDS.unmute, [workitem.workitemId]);
      assert.strictEqual((await serverWorkitem(session.server, workitem.workitemId)).muted, false);
    },
    sendDtmf: async () => {
      // From the palette's id argument, the digits typed into the input box (validated as typed).
      const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
      const inputs = answerQuickInputs({ input: () => '12#' });
      try {
        await runCommand(COMMANDS.sendDtmf, [workitem.workitemId]);
      } finally {
        inputs.dispose();
      }
      assert.strictEqual(inputs.asked[0]?.validation, undefined);
      const after = await serverWorkitem(session.server, workitem.workitemId);
      const added = (after.timeEvents ?? []).slice((workitem.timeEvents ?? []).length);
      assert.deepStrictEqual(added.map((event) => [event.type, event.note]), [['dtmf', '1'], ['dtmf', '2'], ['dtmf', '#']]);
    },
    changePriority: async () => {
      // From a tree row: the quick pick lists 1-5 with the current one marked.
      const row = await workitemRow('inqueue', 'chat');
      const target = row.workitem.priority === 1 ? 2 : 1;
      const picks = answerQuickInputs({ pick: () => `Priority ${target}` });
      try {
        await runCommand(COMMANDS.changePriority, [row]);
      } finally {
        picks.dispose();
      }
      assert.deepStrictEqual(picks.asked[0]?.offered, ['Priority 1', 'Priority 2', 'Priority 3', 'Priority 4', 'Priority 5']);
      assert.strictEqual((await serverWorkitem(session.server, row.workitemId)).priority, target);
    },
    transferToAgent: async () => {
      const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
      const [agent] = await session.server.listUsers('fontenot');
      assert.ok(agent, 'the sandbox lists jason.fontenot');
      await runCommand(COMMANDS.transferToAgent, [workitem.workitemId, agent._id]);
      const after = await serverWorkitem(session.server, workitem.workitemId);
      assert.strictEqual(after.state, 'offered');
      assert.strictEqual(after.agentUsername, agent._id);
    },
    disposition: async () => {
      const workitem = await takeWorkitem(session.server, 'state:terminated');
      const picks = answerQuickInputs({ pick: () => 'Follow-up Required' });
      try {
        await runCommand(COMMANDS.disposition, [workitem.workitemId]);
      } finally {
        picks.dispose();
      }
      assert.ok(picks.asked[0]?.offered.includes('Resolved'), 'the pick shows disposition names');
      const after = await serverWorkitem(session.server, workitem.workitemId);
      assert.strictEqual(after.state, 'dispositioned');
      assert.strictEqual(after.dispositionId, 'disp_follow_up');
    },
    hangUp: async () => {
      const workitem = await takeWorkitem(session.server, 'state:inqueue');
      messages.answerQuestions((buttons) => buttons[0]);
      await runCommand(COMMANDS.hangUp, [workitem.workitemId]);
      assert.strictEqual((await serverWorkitem(session.server, workitem.workitemId)).state, 'terminated');
    },
    transferToQueue: async () => {
      // From a tree row: the command asks for the queue; the quick pick lists the sandbox's queues.
      const row = await workitemRow('active', 'voice');
      const queues = await session.server.listQueues();
      const target = queues.find((queue) => queue._id !== row.workitem.selectedQueue);
      assert.ok(target);
      const picks = answerQuickInputs({ pick: () => target.name });
      try {
        await runCommand(COMMANDS.transferToQueue, [row]);
      } finally {
        picks.dispose();
      }
      assert.deepStrictEqual(
        [...(picks.asked[0]?.offered ?? [])].sort(),
        queues.map((queue) => queue.name).sort(),
        'the pick offers every queue',
      );
      const after = await serverWorkitem(session.server, row.workitemId);
      assert.strictEqual(after.state, 'inqueue');
      assert.strictEqual(after.selectedQueue, target._id);
    },
    openDetails: async () => {
      const row = await workitemRow('inqueue', 'voice');
      await runCommand(COMMANDS.openDetails, [row]);
      const shown = session.inspector.panels.lastRendered(row.workitemId);
      assert.ok(shown?.ready, 'the panel answered ready');
      assert.strictEqual(shown.state, (await serverWorkitem(session.server, row.workitemId)).state);
    },
    copyId: async () => {
      const workitem = await takeWorkitem(session.server, 'state:offered');
      await runCommand(COMMANDS.copyId, [workitem.workitemId]);
      assert.strictEqual(await vscode.env.clipboard.readText(), workitem.workitemId);
    },
    copyJson: async () => {
      const row = await workitemRow('terminated', 'email');
      await runCommand(COMMANDS.copyJson, [row]);
      const copied: unknown = JSON.parse(await vscode.env.clipboard.readText());
      assert.deepStrictEqual(copied, await serverWorkitem(session.server, row.workitemId));
    },
    refresh: async () => {
      await runCommand(COMMANDS.refresh);
      await treeShows(() => stateCounts(session.server), 'the refreshed counts to equal the sandbox counts');
    },
    filter: async () => {
      const inputs = answerQuickInputs({ input: () => FILTER });
      try {
        await runCommand(COMMANDS.filter);
      } finally {
        inputs.dispose();
      }
      assert.strictEqual(inputs.asked[0]?.validation, undefined, 'the box accepts the filter');
      assert.strictEqual(session.inspector.tree.currentFilter(), FILTER);
      await treeShows(() => stateCounts(session.server, FILTER), `the counts under ${FILTER} to equal the sandbox's`);
      const unfiltered = await stateCounts(session.server);
      const total = (counts: ValueCount[]): number => counts.reduce((sum, entry) => sum + entry.count, 0);
      assert.ok(total(valueCounts(session.inspector.tree.rootGroupCounts())) < total(unfiltered), 'the filter hides workitems');
    },
    clearFilter: async () => {
      session.inspector.tree.setFilter(FILTER);
      await treeShows(() => stateCounts(session.server, FILTER), `the counts under ${FILTER}`);
      await runCommand(COMMANDS.clearFilter);
      assert.strictEqual(session.inspector.tree.currentFilter(), undefined);
      await treeShows(() => stateCounts(session.server), 'the unfiltered counts after Clear Filter');
    },
    groupBy: async () => {
      const picks = answerQuickInputs({ pick: (labels) => labels[1] });
      try {
        await runCommand(COMMANDS.groupBy);
      } finally {
        picks.dispose();
      }
      try {
        assert.strictEqual(picks.asked.length, 1);
        assert.strictEqual(picks.asked[0].offered.length, 5, 'five ways to group');
        assert.strictEqual(session.inspector.tree.getGroupBy(), 'channelState');
        await treeShows(() => channelCounts(session.server), 'channel groups with the sandbox counts');
        assert.ok(session.inspector.tree.rootGroupCounts().every((group) => group.dimension === 'channel'));
      } finally {
        // The sandbox's own grouping, as "Group By…" keeps it (the setting is the others').
        session.inspector.tree.setGroupBy('stateChannel');
      }
      await treeShows(() => stateCounts(session.server), 'state groups again');
    },
    openById: async () => {
      const workitem = await takeWorkitem(session.server, 'state:accepted');
      await runCommand(COMMANDS.openById, [workitem.workitemId]);
      assert.ok(session.inspector.panels.lastRendered(workitem.workitemId)?.ready, 'the panel answered ready');
      const selected = session.inspector.tree.view.selection.filter(isWorkitem).map((node) => node.workitemId);
      assert.deepStrictEqual(selected, [workitem.workitemId], 'the tree selects its row');
    },
    signIn: async () => {
      const before = session.inspector.connection.state;
      await runCommandDismissingUi(COMMANDS.signIn);
      assert.deepStrictEqual(session.inspector.connection.state, before, 'dismissing the first box changes nothing');
    },
    signOut: async () => {
      // In sandbox mode there is no NCX session: it only forgets a stored one.
      await runCommand(COMMANDS.signOut);
      assert.strictEqual(session.inspector.connection.state.mode, 'sandbox');
      assert.strictEqual(session.inspector.connection.state.status, 'connected');
      assert.ok(messages.shown.some((message) => message.severity === 'info'), 'it says so');
    },
    useSandbox: async () => {
      const url = session.url;
      await runCommand(COMMANDS.useSandbox);
      const again = await openSandboxSession();
      assert.strictEqual(again.url, url, 'already on the sandbox: the same one stays');
    },
    showLog: async () => {
      await runCommand(COMMANDS.showLog);
    },
    connectTo: async () => {
      // Offers the sandbox, each named connection and "Add Connection…"; choosing the sandbox keeps it.
      const picks = answerQuickInputs({ pick: (labels) => labels.find((label) => label.includes('Local Sandbox')) });
      try {
        await runCommand(COMMANDS.connectTo);
      } finally {
        picks.dispose();
      }
      assert.ok(picks.asked[0]?.offered.some((label) => label.includes('Add Connection')), picks.asked[0]?.offered.join(' | '));
      assert.strictEqual(session.inspector.connection.state.mode, 'sandbox');
    },
    addConnection: async () => {
      const before = connections();
      await runCommandDismissingUi(COMMANDS.addConnection);
      assert.deepStrictEqual(connections(), before, 'dismissing the first box adds nothing');
    },
    editConnection: async () => {
      const before = connections();
      await runCommandDismissingUi(COMMANDS.editConnection);
      assert.deepStrictEqual(connections(), before, 'dismissed: nothing changes');
    },
    removeConnection: async () => {
      const before = connections();
      await runCommandDismissingUi(COMMANDS.removeConnection);
      assert.deepStrictEqual(connections(), before, 'dismissed: nothing removed');
    },
    connectionMenu: async () => {
      const picks = answerQuickInputs({ pick: () => undefined });
      try {
        await runCommand(COMMANDS.connectionMenu);
      } finally {
        picks.dispose();
      }
      assert.strictEqual(picks.asked.length, 1);
      assert.ok(picks.asked[0].offered.length >= 2, `menu items: ${picks.asked[0].offered.join(' | ')}`);
    },
    loadMore: async () => {
      const tree = session.inspector.tree;
      const stateRows = await expandGroup(tree, groupWithValue(await rootNodes(tree), 'dispositioned'));
      const leaf = groupWithValue(stateRows, 'voice');
      const rows = await expandGroup(tree, leaf);
      const loadMore = rows.find(isLoadMore);
      assert.ok(loadMore, `dispositioned/voice (${leaf.count}) spans more than a page`);
      await runCommand(COMMANDS.loadMore, [loadMore]);
      assert.ok(workitemIdsOf(await tree.getChildren(leaf)).length > workitemIdsOf(rows).length, 'more rows');
    },
    retry: async () => {
      await runCommand(COMMANDS.retry);
      await treeShows(() => stateCounts(session.server), 'the counts after Retry');
    },
    showIssues: async () => {
      // The sandbox sends only valid workitems, so there is no issues row: the command says so.
      await runCommand(COMMANDS.showIssues);
      assert.ok(messages.shown.some((message) => message.severity === 'info'), 'an information message');
    },
    ...tenantCommandScenarios(() => session),
  };

  for (const key of Object.keys(COMMANDS) as CommandKey[]) {
    it(`${COMMANDS[key]} runs without an error message`, async () => {
      await scenarios[key]();
      assertNoErrorMessage();
    });
  }

  it('the action commands without a target ask for a workitem, and Escape leaves them', async () => {
    // Selecting a group row leaves no workitem selected, so the commands have to ask.
    const tree = session.inspector.tree;
    await tree.view.reveal(groupWithValue(await rootNodes(tree), 'active'), { select: true, focus: false });
    await waitFor(() => tree.view.selection.length > 0 && tree.selectedWorkitems().length === 0, {
      description: 'a group row to be the only selection',
    });
    for (const command of [COMMANDS.hold, COMMANDS.unhold, COMMANDS.hangUp, COMMANDS.transferToQueue, COMMANDS.openDetails]) {
      await runCommandDismissingUi(command);
    }
    await runCommandDismissingUi(COMMANDS.filter);
    await runCommandDismissingUi(COMMANDS.groupBy);
    await runCommandDismissingUi(COMMANDS.connectionMenu);
    await runCommandDismissingUi(COMMANDS.openById);
    assert.strictEqual(session.inspector.tree.currentFilter(), undefined);
    assertNoErrorMessage();
  });
});
