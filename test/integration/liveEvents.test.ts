// Live changes in a real VS Code: a hold done directly through the sandbox's API (not through the
// extension) reaches the Events view over the events socket, and an open panel follows it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { COMMANDS, EVENTS_VIEW_ID, LIVE_COMMANDS } from '../../src/contributions';
import { runCommand } from './helpers/commandRunner';
import { openSandboxSession, type SandboxSession } from './helpers/sandboxSession';
import { takeWorkitem } from './helpers/serverWorkitems';
import { stateCounts, valueCounts } from './helpers/serverCounts';
import { waitFor } from './helpers/waitFor';

describe('live events against the sandbox', function () {
  this.timeout(60_000);
  let session: SandboxSession;

  before(async () => {
    session = await openSandboxSession();
    await vscode.commands.executeCommand(`${EVENTS_VIEW_ID}.focus`);
    await waitFor(() => session.inspector.live.mode === 'socket', { description: 'the events socket to be open', timeoutMs: 20_000 });
  });

  after(async () => {
    session.inspector.events.setFilter(undefined);
    session.inspector.events.setPaused(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the tail shows a hold done through the sandbox API, and the open panel follows it', async () => {
    const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    await runCommand(COMMANDS.openDetails, [workitem.workitemId]);
    await session.server.act('hold', workitem.workitemId, {});
    const row = await waitFor(
      () => session.inspector.events.shownRows().find((entry) => entry.change.workitemId === workitem.workitemId && entry.change.newState === 'hold'),
      { description: `the Events view to show the hold of ${workitem.workitemId}` },
    );
    assert.strictEqual(row.change.oldState, 'active');
    assert.strictEqual(row.change.via, 'socket');
    await waitFor(() => session.inspector.panels.lastRendered(workitem.workitemId)?.state === 'hold', {
      description: 'the open panel to show "hold" without a refresh by hand',
    });
  });

  it('a pushed change moves the tree with no request; with a filter set (no change feed) a refresh cycle follows it', async () => {
    const tree = session.inspector.tree;
    const exchanges = session.inspector.workbench.exchanges;
    const matches = async (filter?: string): Promise<void> => {
      const expected = await stateCounts(session.server, filter);
      await waitFor(
        () => {
          assert.deepStrictEqual(valueCounts(tree.rootGroupCounts()), expected);
          return true;
        },
        { description: `the tree's counts to follow the pushed change${filter ? ` within ${filter}` : ''}` },
      );
    };
    await matches();
    const since = exchanges.list()[0]?.id ?? 0;
    const first = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    await session.server.act('hold', first.workitemId, {});
    await matches();
    assert.deepStrictEqual(exchanges.list().filter((exchange) => exchange.id > since).map((exchange) => exchange.url), [], 'no request');

    tree.setFilter('channelType:voice');
    try {
      await matches('channelType:voice');
      const second = await takeWorkitem(session.server, 'state:active AND channelType:voice');
      await session.server.act('hold', second.workitemId, {});
      await matches('channelType:voice');
    } finally {
      tree.clearFilter();
    }
  });

  it('filters by q, and pausing keeps what is shown until resumed, missing nothing', async () => {
    const events = session.inspector.events;
    const first = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    const second = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    await runCommand(LIVE_COMMANDS.eventsPause);
    await session.server.act('hold', first.workitemId, {});
    await waitFor(() => events.tail.newestFirst().some((entry) => entry.change.workitemId === first.workitemId), {
      description: 'the paused tail to take the change in',
    });
    assert.ok(!events.shownRows().some((entry) => entry.change.workitemId === first.workitemId), 'a paused view showed a new change');
    await runCommand(LIVE_COMMANDS.eventsResume);
    await waitFor(() => events.shownRows().some((entry) => entry.change.workitemId === first.workitemId), { description: 'the change after resuming' });

    assert.strictEqual(events.setFilter(`id:${second.workitemId}`), undefined);
    await session.server.act('hold', second.workitemId, {});
    await waitFor(() => events.shownRows().length > 0 && events.shownRows().every((entry) => entry.change.workitemId === second.workitemId), {
      description: 'only the filtered workitem',
    });
    assert.strictEqual(events.setFilter('nosuchfield:x'), 'nosuchfield');
  });

  it('the panel draws the timeline picture with a lane per participant', async () => {
    const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    await runCommand(COMMANDS.openDetails, [workitem.workitemId]);
    const page = await waitFor(() => session.inspector.panels.lastHtml(workitem.workitemId), { description: 'the panel page' });
    assert.ok(page.includes('id="timeline-svg"'), 'the picture is in the page');
    const lanes = [...page.matchAll(/data-lane="(\w+)" data-id="([^"]*)"/g)].map((match) => `${match[1]}:${match[2]}`);
    assert.ok(lanes.includes('customer:'), `lanes: ${lanes.join(', ')}`);
    assert.ok(lanes.some((lane) => lane.startsWith('queue:')), `a queue lane; lanes: ${lanes.join(', ')}`);
    assert.ok(workitem.agentUsername === undefined || lanes.includes(`agent:${workitem.agentUsername}`), `the agent's lane; lanes: ${lanes.join(', ')}`);
  });
});
