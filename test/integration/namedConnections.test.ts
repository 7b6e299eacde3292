// Named connections as a support engineer uses them: two tenants (two sandboxes of different seeds
// and sizes, in this process) declared in the `connections` setting, each signed in to once through
// "Connect To…", then switched between without a password; an action reaches only the tenant it was
// taken on; signing out of one leaves the other signed in; a connection's own protection holds.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { signIn } from '../../src/api/auth';
import { NcxClient } from '../../src/api/client';
import { COMMANDS } from '../../src/contributions';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { runCommand } from './helpers/commandRunner';
import { inspectorApi, type WorkitemInspectorApi } from './helpers/inspector';
import { recordMessages, type MessageRecorder } from './helpers/messages';
import { answerQuickInputs } from './helpers/quickInputs';
import { openSandboxSession, showWorkitemsView } from './helpers/sandboxSession';
import { channelCounts, stateCounts, valueCounts } from './helpers/serverCounts';
import { serverWorkitem, takeWorkitem } from './helpers/serverWorkitems';
import { writeUserSetting } from './helpers/testSettings';
import { waitFor } from './helpers/waitFor';
import type { GroupNode, WorkitemNode } from '../../src/views/tree/treeNodes';
import type { ConnectionRootNode } from '../../src/views/tree/connectionRootNode';

const ACME = 'acme-test';
const GLOBEX = 'globex-test';

describe('named connections: two tenants, each with its own session', function () {
  this.timeout(90_000);
  let inspector: WorkitemInspectorApi;
  let acme: RunningSandbox;
  let globex: RunningSandbox;
  let acmeAdmin: NcxClient;
  let globexAdmin: NcxClient;
  let messages: MessageRecorder;

  async function adminOf(sandbox: RunningSandbox): Promise<NcxClient> {
    const grant = await signIn({ loginUrl: sandbox.url, username: 'admin', password: 'admin-password' });
    return new NcxClient({ location: grant.location, token: () => grant.token, retries: 0 });
  }

  /** "Connect To…" choosing `tenant`; returns the boxes it asked (user name and password when not signed in). */
  async function connectTo(tenant: string, answers: string[] = []): Promise<string[]> {
    const inputs = answerQuickInputs({ pick: (labels) => labels.find((label) => label.endsWith(` ${tenant}`)), input: () => answers.shift() });
    try {
      await runCommand(COMMANDS.connectTo);
    } finally {
      inputs.dispose();
    }
    return inputs.asked.filter((asked) => asked.kind === 'input').map((asked) => asked.title ?? '');
  }

  async function treeShows(server: NcxClient, what: string): Promise<void> {
    const expected = await stateCounts(server);
    await waitFor(
      () => {
        assert.deepStrictEqual(valueCounts(inspector.tree.rootGroupCounts()), expected);
        return true;
      },
      { description: `the tree to show ${what}` },
    );
  }

  /** Resolves once the sandbox has had no request for a second (at most 15 s). */
  async function settled(sandbox: RunningSandbox): Promise<void> {
    let seen = sandbox.counters.requests;
    let stillSince = Date.now();
    await waitFor(
      () => {
        if (sandbox.counters.requests !== seen) {
          seen = sandbox.counters.requests;
          stillSince = Date.now();
        }
        return Date.now() - stillSince >= 1000;
      },
      { description: 'the sandbox to have no request for a second', timeoutMs: 15_000 },
    );
  }

  before(async () => {
    await openSandboxSession();
    inspector = await inspectorApi();
    [acme, globex] = await Promise.all([
      startSandbox({ port: 0, size: 300, seed: 41, traffic: false }),
      startSandbox({ port: 0, size: 450, seed: 42, traffic: false }),
    ]);
    [acmeAdmin, globexAdmin] = await Promise.all([adminOf(acme), adminOf(globex)]);
    await writeUserSetting('connections', [
      { name: ACME, loginUrl: acme.url, protected: false },
      { name: GLOBEX, loginUrl: globex.url, protected: false },
    ]);
  });

  beforeEach(() => {
    messages = recordMessages();
  });

  afterEach(() => {
    messages.dispose();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await inspector.connection.useSandbox();
    await inspector.connection.signOut(ACME);
    await inspector.connection.signOut(GLOBEX);
    await writeUserSetting('connections', []);
    await Promise.all([acme?.stop(), globex?.stop()]);
  });

  it('signs in to each tenant once, then switches between them without a password', async () => {
    assert.deepStrictEqual(await connectTo(ACME, ['admin', 'admin-password']), [`Sign In to ${ACME} (1/2)`, `Sign In to ${ACME} (2/2)`]);
    await showWorkitemsView();
    assert.strictEqual(inspector.connection.state.tenant, ACME);
    await treeShows(acmeAdmin, ACME);
    assert.ok(String(inspector.tree.view.description ?? '').includes(ACME), 'the view names the tenant');

    assert.strictEqual((await connectTo(GLOBEX, ['admin', 'admin-password'])).length, 2);
    await treeShows(globexAdmin, GLOBEX);

    assert.deepStrictEqual(await connectTo(ACME), [], 'no box asked: the stored session was used');
    assert.strictEqual(inspector.connection.state.tenant, ACME);
    await treeShows(acmeAdmin, `${ACME} again`);
    assert.strictEqual(vscode.workspace.getConfiguration('workitemInspector').get('connection.tenant'), ACME);
  });

  it('sends an action to the tenant it was taken on, and to no other', async () => {
    await connectTo(ACME);
    const call = await takeWorkitem(acmeAdmin, 'state:active AND channelType:voice');
    const twin = await serverWorkitem(globexAdmin, call.workitemId).catch(() => undefined);
    assert.strictEqual(await inspector.runAction('hold', call.workitemId), 'done');
    assert.strictEqual((await serverWorkitem(acmeAdmin, call.workitemId)).state, 'hold');
    if (twin) {
      // The same id on the other tenant is another workitem: untouched.
      assert.strictEqual((await serverWorkitem(globexAdmin, call.workitemId)).modifiedAt, twin.modifiedAt);
    }
    const [entry] = (await inspector.history.read()).entries.filter((line) => line.workitemId === call.workitemId && line.action === 'hold');
    assert.strictEqual(entry?.tenant, ACME, 'the action history names the connection');
  });

  it('signs out of one tenant and keeps the other signed in', async () => {
    await connectTo(ACME);
    await inspector.connection.signOut(GLOBEX);
    assert.strictEqual(inspector.connection.state.status === 'connected' || inspector.connection.state.status === 'idle', true);
    await treeShows(acmeAdmin, `${ACME}, still signed in`);
    // Globex asks for its password again; dismissing it leaves the connection where it was.
    assert.strictEqual((await connectTo(GLOBEX, [])).length, 1, 'the user name box was asked, and dismissed');
    assert.strictEqual(inspector.connection.state.tenant, ACME);
  });

  it('keeps a filter per tenant: set on one, the other shows all of its own, and it is back on return', async () => {
    await connectTo(ACME);
    inspector.tree.setFilter('channelType:voice');
    const voice = await stateCounts(acmeAdmin, 'channelType:voice');
    await waitFor(() => JSON.stringify(valueCounts(inspector.tree.rootGroupCounts())) === JSON.stringify(voice), { description: 'the filtered tree' });
    await connectTo(GLOBEX, ['admin', 'admin-password']);
    assert.strictEqual(inspector.tree.currentFilter(), undefined);
    await treeShows(globexAdmin, `${GLOBEX}, unfiltered`);
    await connectTo(ACME);
    assert.strictEqual(inspector.tree.currentFilter(), 'channelType:voice');
    await waitFor(() => JSON.stringify(valueCounts(inspector.tree.rootGroupCounts())) === JSON.stringify(voice), { description: `${ACME}'s filter again` });
    inspector.tree.clearFilter();
  });

  it('lists the connections at the top of the Workitems view and shows another tenant beside the one in use', async () => {
    await connectTo(GLOBEX, ['admin', 'admin-password']);
    await connectTo(ACME);
    await showWorkitemsView();
    await treeShows(acmeAdmin, ACME);
    const roots = await inspector.tree.getChildren();
    const labelOf = (node: unknown): string => String((node && inspector.tree.getTreeItem(node as never).label) ?? '');
    assert.deepStrictEqual(roots.map(labelOf), ['Local Sandbox', ACME, GLOBEX]);
    const globexRoot = roots[2];
    assert.ok(globexRoot);
    assert.strictEqual(inspector.tree.getTreeItem(globexRoot).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    // Closed, globex is not read: nothing reaches its server while acme's rows are refreshed.
    const closedRequests = globex.counters.requests;
    await inspector.tree.refresh();
    assert.strictEqual(globex.counters.requests, closedRequests, 'a closed tenant sends nothing');
    assert.deepStrictEqual(inspector.tree.otherTenantTrees(), []);

    // Opened in VS Code's own tree, globex shows its own counts, and acme keeps showing acme's.
    await inspector.tree.view.reveal(globexRoot, { expand: true, select: false, focus: false });
    const globexCounts = await stateCounts(globexAdmin);
    await waitFor(
      () => {
        const opened = inspector.tree.otherTenantTrees().find((tree) => tree.tenant === GLOBEX);
        assert.deepStrictEqual(valueCounts(opened?.counts ?? []), globexCounts);
        return true;
      },
      { description: `${GLOBEX}'s tree beside ${ACME}'s` },
    );
    assert.deepStrictEqual(valueCounts(inspector.tree.rootGroupCounts()), await stateCounts(acmeAdmin), `${ACME}'s own counts, unchanged`);
    assert.ok(globex.counters.requests > closedRequests);

    // Globex's rows carry no menu of the tenant in use, name their tenant, and open in it.
    const [group] = await inspector.tree.getChildren(globexRoot);
    assert.ok(group);
    assert.match(String(inspector.tree.getTreeItem(group).contextValue), /^otherTenant;group;/);
    // Down the groups (state, then channel) to the first workitem.
    let [row] = await inspector.tree.getChildren(group);
    while (row?.kind === 'group') [row] = await inspector.tree.getChildren(row);
    assert.ok(row && row.kind === 'workitem', row?.kind);
    const item = inspector.tree.getTreeItem(row);
    assert.match(String(item.contextValue), /^otherTenant;workitem;/);
    // Markdown escapes its punctuation: read without the backslashes.
    assert.ok((item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : '').replace(/\\/g, '').includes(`In ${GLOBEX}, which is not in use`));
    // An action on one of globex's rows goes to globex, with globex's session; acme stays in use.
    const activeGroup = (await inspector.tree.getChildren(globexRoot)).find((node) => node.kind === 'group' && (node as GroupNode).value === 'active');
    assert.ok(activeGroup);
    const voiceGroup = (await inspector.tree.getChildren(activeGroup)).find((node) => node.kind === 'group' && (node as GroupNode).value === 'voice');
    assert.ok(voiceGroup);
    const callRow = (await inspector.tree.getChildren(voiceGroup)).find((node) => node.kind === 'workitem' && ((node as WorkitemNode).workitem.actions ?? []).includes('hold')) as WorkitemNode | undefined;
    assert.ok(callRow, `an active voice call of ${GLOBEX} that can be held`);
    assert.match(String(inspector.tree.getTreeItem(callRow).contextValue), /^otherTenant;workitem;.*actions:[^;]*\bhold\b/);
    const callId = callRow.workitem.workitemId;
    const acmeTwin = await serverWorkitem(acmeAdmin, callId).catch(() => undefined);
    const report = await vscode.commands.executeCommand<{ outcome?: string }>(COMMANDS.hold, callRow);
    assert.strictEqual(report?.outcome, 'done');
    assert.strictEqual((await serverWorkitem(globexAdmin, callId)).state, 'hold');
    if (acmeTwin) assert.strictEqual((await serverWorkitem(acmeAdmin, callId)).modifiedAt, acmeTwin.modifiedAt, `${ACME}'s ${callId} untouched`);
    assert.strictEqual(inspector.connection.state.tenant, ACME, 'acting on a row of another tenant does not switch');
    const held = (await inspector.history.read()).entries.filter((line) => line.workitemId === callId && line.action === 'hold');
    assert.deepStrictEqual(held.map((line) => line.tenant), [GLOBEX], 'the history names the row’s tenant');
    await inspector.tree.view.reveal(row, { select: true, focus: false, expand: false });
    assert.deepStrictEqual(inspector.tree.selectedWorkitems(), [], 'a command from the palette does not take another tenant’s selected row');
    const id = (row as WorkitemNode).workitem.workitemId;
    assert.ok(item.command);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    assert.strictEqual(inspector.connection.state.tenant, GLOBEX, 'opening the row connected to its tenant');
    await waitFor(() => inspector.panels.lastRendered(id)?.kind === 'workitem', { description: `the panel of ${GLOBEX}'s ${id}` });
    await treeShows(globexAdmin, `${GLOBEX}, now in use`);
    assert.ok(!inspector.tree.otherTenantTrees().some((tree) => tree.tenant === GLOBEX), 'the tenant in use keeps no second tree');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('keeps a grouping per connection: chosen on a row, it is that tenant’s, beside and after a switch', async () => {
    await connectTo(ACME);
    await showWorkitemsView();
    const roots = await inspector.tree.getChildren();
    const globexRoot = roots.find((node) => node.kind === 'connection' && (node as ConnectionRootNode).key === GLOBEX);
    assert.ok(globexRoot);
    await inspector.tree.view.reveal(globexRoot, { expand: true, select: false, focus: false });
    const picks = answerQuickInputs({ pick: (labels) => labels.find((label) => label.startsWith('Channel, then state')) });
    try {
      await runCommand(COMMANDS.groupBy, [globexRoot]);
    } finally {
      picks.dispose();
    }
    assert.match(picks.asked[0]?.title ?? '', new RegExp(GLOBEX));
    const globexByChannel = await channelCounts(globexAdmin);
    await waitFor(
      () => {
        assert.deepStrictEqual(valueCounts(inspector.tree.otherTenantTrees().find((tree) => tree.tenant === GLOBEX)?.counts ?? []), globexByChannel);
        return true;
      },
      { description: `${GLOBEX} grouped by channel under its row` },
    );
    assert.strictEqual(inspector.tree.getGroupBy(), 'stateChannel', `${ACME} keeps its own grouping`);
    await treeShows(acmeAdmin, `${ACME} by state, beside ${GLOBEX} by channel`);

    await connectTo(GLOBEX);
    assert.strictEqual(inspector.tree.getGroupBy(), 'channelState');
    await waitFor(() => JSON.stringify(valueCounts(inspector.tree.rootGroupCounts())) === JSON.stringify(globexByChannel), { description: `${GLOBEX} in use, by channel` });
    await connectTo(ACME);
    assert.strictEqual(inspector.tree.getGroupBy(), 'stateChannel');
    await treeShows(acmeAdmin, `${ACME} by state again`);
    inspector.tree.setGroupBy('stateChannel', GLOBEX);
  });

  it('filters and refreshes a tenant on its own row: its tree alone, the tenant in use untouched', async () => {
    await connectTo(ACME);
    await showWorkitemsView();
    const globexRoot = (await inspector.tree.getChildren()).find((node) => node.kind === 'connection' && (node as ConnectionRootNode).key === GLOBEX);
    assert.ok(globexRoot);
    await inspector.tree.view.reveal(globexRoot, { expand: true, select: false, focus: false });
    const boxes = answerQuickInputs({ input: () => 'channelType:voice' });
    try {
      await runCommand(COMMANDS.filter, [globexRoot]);
    } finally {
      boxes.dispose();
    }
    assert.match(boxes.asked[0]?.title ?? '', new RegExp(GLOBEX), 'the box names the tenant it filters');
    const globexVoice = await stateCounts(globexAdmin, 'channelType:voice');
    await waitFor(
      () => {
        assert.deepStrictEqual(valueCounts(inspector.tree.otherTenantTrees().find((tree) => tree.tenant === GLOBEX)?.counts ?? []), globexVoice);
        return true;
      },
      { description: `${GLOBEX}'s voice workitems alone under its row` },
    );
    assert.strictEqual(inspector.tree.currentFilter(), undefined, `${ACME} keeps showing everything`);
    await treeShows(acmeAdmin, `${ACME}, unfiltered beside ${GLOBEX}`);
    const globexRow = (await inspector.tree.getChildren()).find((node) => node.kind === 'connection' && (node as ConnectionRootNode).key === GLOBEX);
    assert.ok(globexRow);
    assert.match(String(inspector.tree.getTreeItem(globexRow).description), /Filter: channelType:voice$/, 'its row names its filter');

    // Refresh on globex's row: globex is counted again, acme is sent nothing (once the switch's own
    // requests to acme, names and the events socket, have settled).
    await settled(acme);
    const before = { acme: acme.counters.requests, globex: globex.counters.requests };
    await runCommand(COMMANDS.refresh, [globexRow]);
    await waitFor(() => globex.counters.requests > before.globex, { description: `${GLOBEX} counted again` });
    assert.strictEqual(acme.counters.requests, before.acme, `a Refresh on ${GLOBEX}'s row sends nothing to ${ACME}`);

    // In use, globex shows the filter it was given on its row.
    await connectTo(GLOBEX);
    assert.strictEqual(inspector.tree.currentFilter(), 'channelType:voice');
    await waitFor(() => JSON.stringify(valueCounts(inspector.tree.rootGroupCounts())) === JSON.stringify(globexVoice), { description: `${GLOBEX} in use, filtered` });
    // Back on acme, globex's row (drawn anew, no longer the one in use) names the filter kept for it.
    await connectTo(ACME);
    const globexAgain = (await inspector.tree.getChildren()).find((node) => node.kind === 'connection' && (node as ConnectionRootNode).key === GLOBEX);
    assert.ok(globexAgain);
    assert.match(String(inspector.tree.getTreeItem(globexAgain).description), /Filter: channelType:voice$/, 'the row names the filter kept for it');
    inspector.tree.clearFilter(GLOBEX);
  });

  it('lists every connection in the Connections view, and acts on the row it is run on', async () => {
    await connectTo(ACME);
    const rows = await inspector.connections.getChildren();
    const describe = (name: string): string | undefined => rows.find((row) => row.target.kind === 'tenant' && row.target.name === name)?.description;
    assert.strictEqual(rows[0]?.label, 'Local Sandbox');
    assert.strictEqual(describe(ACME), 'in use · signed in · actions allowed');
    assert.match(describe(GLOBEX) ?? '', /^(not )?signed in · actions allowed$/);
    // Sign Out on acme's row: that tenant only.
    await runCommand(COMMANDS.signOut, [rows.find((row) => row.target.kind === 'tenant' && row.target.name === ACME)]);
    const after = await inspector.connections.getChildren();
    assert.strictEqual(after.find((row) => row.target.kind === 'tenant' && row.target.name === ACME)?.description, 'in use · not signed in · actions allowed');
    await runCommand(COMMANDS.connectTo, [after[0]]);
    assert.strictEqual(inspector.connection.state.mode, 'sandbox', JSON.stringify(inspector.connection.state));
    assert.strictEqual((await connectTo(ACME, ['admin', 'admin-password'])).length, 2, 'signed out: acme asks again');
  });

  it("follows a connection's own protection: refused until allowed", async () => {
    await writeUserSetting('connections', [
      { name: ACME, loginUrl: acme.url, protected: true },
      { name: GLOBEX, loginUrl: globex.url, protected: false },
    ]);
    await connectTo(ACME);
    const call = await takeWorkitem(acmeAdmin, 'state:active AND channelType:voice');
    messages.answerQuestions(() => undefined);
    assert.strictEqual(await inspector.runAction('hold', call.workitemId), 'notAllowed');
    assert.ok(messages.shown.some((message) => message.text.startsWith(`${ACME} is protected`)), messages.shown.map((message) => message.text).join(' | '));
    assert.strictEqual((await serverWorkitem(acmeAdmin, call.workitemId)).state, 'active', 'nothing was sent');
  });
});
