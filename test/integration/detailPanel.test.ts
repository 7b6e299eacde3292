// The detail webview of a workitem, opened by command against the sandbox: it answers its "ready"
// message, shows the state and timeline the sandbox has, and follows an action.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/contributions';
import { tenantName } from '../../src/connection/tenantName';
import { panelTitle } from '../../src/webviews/panelTitle';
import { runCommand } from './helpers/commandRunner';
import { openSandboxSession, type SandboxSession } from './helpers/sandboxSession';
import { serverWorkitem, takeWorkitem } from './helpers/serverWorkitems';
import { waitFor } from './helpers/waitFor';

describe('detail panel against the sandbox', function () {
  this.timeout(60_000);
  let session: SandboxSession;

  before(async () => {
    session = await openSandboxSession();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /**
   * The command resolves once the page has posted "ready"; a redraw may follow at once (names
   * arriving from a distant tenant), whose patch the page acknowledges in turn.
   */
  async function openReady(workitemId: string) {
    await runCommand(COMMANDS.openDetails, [workitemId]);
    assert.ok(session.inspector.panels.lastRendered(workitemId), 'a panel for the workitem');
    return waitFor(
      () => {
        const shown = session.inspector.panels.lastRendered(workitemId);
        return shown?.ready && shown;
      },
      { description: `the panel of ${workitemId} to be ready` },
    );
  }

  it('opens for a workitem id, becomes ready and shows what the sandbox has', async () => {
    const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    const shown = await openReady(workitem.workitemId);
    assert.strictEqual(shown.kind, 'workitem');
    assert.strictEqual(shown.state, 'active');
    assert.strictEqual(shown.modifiedAt, workitem.modifiedAt);
    assert.strictEqual(shown.eventCount, workitem.timeEvents?.length ?? 0);
    assert.ok(shown.actions.includes('hold'), `an active call offers hold; offered: ${shown.actions.join(', ')}`);
  });

  it('shows the new state after an action on the open workitem', async () => {
    const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    await openReady(workitem.workitemId);

    assert.strictEqual(await session.inspector.runAction('hold', workitem.workitemId), 'done');
    const held = await serverWorkitem(session.server, workitem.workitemId);
    const after = await waitFor(
      () => {
        const shown = session.inspector.panels.lastRendered(workitem.workitemId);
        return shown?.ready && shown.state === 'hold' && shown;
      },
      { description: `the panel of ${workitem.workitemId} to show "hold"` },
    );
    assert.strictEqual(after.modifiedAt, held.modifiedAt);
    assert.strictEqual(after.eventCount, held.timeEvents?.length ?? 0);
    assert.ok(after.actions.includes('unhold'), `a held call offers unhold; offered: ${after.actions.join(', ')}`);
    assert.ok(!after.actions.includes('hold'));
  });

  it('reveals an already open panel instead of opening a second one', async () => {
    const workitem = await takeWorkitem(session.server, 'state:inqueue');
    await openReady(workitem.workitemId);
    await openReady(workitem.workitemId);
    // The tab names the workitem's tenant: the same id on another tenant is another workitem.
    const title = panelTitle(workitem.workitemId, tenantName(session.inspector.connection.state));
    const titled = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.label === title);
    assert.strictEqual(titled.length, 1, `one tab titled ${title}`);
  });
});
