// The connection as a person switches it: signed in ("Sign In to NCX…") as a read-only user of a
// second sandbox, whose actions are then withheld; a wrong password; as that sandbox's admin, where
// the tenant's protection withholds them until allowed; and back to the local sandbox as its admin. The second sandbox runs in this process, so the one the extension started is not
// the one the read-only user signs in to.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { signIn } from '../../src/api/auth';
import { NcxClient } from '../../src/api/client';
import { COMMANDS } from '../../src/contributions';
import { tenantName } from '../../src/connection/tenantName';
import { panelTitle } from '../../src/webviews/panelTitle';
import type { DetailPanelSnapshot } from '../../src/webviews/detailPanelController';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { runCommand } from './helpers/commandRunner';
import { inspectorApi, type WorkitemInspectorApi } from './helpers/inspector';
import { recordMessages, type MessageRecorder } from './helpers/messages';
import { answerQuickInputs } from './helpers/quickInputs';
import { openSandboxSession, showWorkitemsView } from './helpers/sandboxSession';
import { stateCounts, valueCounts } from './helpers/serverCounts';
import { serverWorkitem, takeWorkitem } from './helpers/serverWorkitems';
import { waitFor } from './helpers/waitFor';

const VIEWER = { username: 'viewer', password: 'viewer-password' };

describe('connection: read-only user, wrong password, a protected tenant, back to the sandbox', function () {
  this.timeout(60_000);
  let inspector: WorkitemInspectorApi;
  let other: RunningSandbox;
  let otherAsAdmin: NcxClient;
  let messages: MessageRecorder;

  /** Runs "Sign In to NCX…" typing the three answers a person would. */
  async function signInWithCommand(loginUrl: string, username: string, password: string): Promise<string[]> {
    const answers = [loginUrl, username, password];
    // With named connections saved, the first step asks which one: a login URL is typed instead.
    const inputs = answerQuickInputs({ input: () => answers.shift(), pick: (labels) => labels.find((label) => label.includes('Another Login URL')) });
    try {
      await runCommand(COMMANDS.signIn);
    } finally {
      inputs.dispose();
    }
    return inputs.asked.map((asked) => asked.validation ?? '');
  }

  before(async () => {
    await openSandboxSession();
    inspector = await inspectorApi();
    other = await startSandbox({ port: 0, size: 300, seed: 23, traffic: false });
    const grant = await signIn({ loginUrl: other.url, username: 'admin', password: 'admin-password' });
    otherAsAdmin = new NcxClient({ location: grant.location, token: () => grant.token, retries: 0 });
  });

  beforeEach(() => {
    messages = recordMessages();
  });

  afterEach(() => {
    messages.dispose();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (inspector.connection.state.mode !== 'sandbox') {
      await inspector.connection.useSandbox();
    }
    // Forget the read-only user's stored session (in sandbox mode this touches nothing else).
    await inspector.connection.signOut();
    await other?.stop();
  });

  it('signs in as the read-only viewer and shows that server\'s workitems', async () => {
    const validations = await signInWithCommand(other.url, VIEWER.username, VIEWER.password);
    assert.deepStrictEqual(validations, ['', '', ''], 'every answer passes the boxes\' validation');
    await showWorkitemsView();
    await inspector.connection.getApi();
    const state = inspector.connection.state;
    assert.strictEqual(state.mode, 'ncx');
    assert.strictEqual(state.status, 'connected');
    assert.strictEqual(state.username, VIEWER.username);
    assert.deepStrictEqual([...state.authorities], ['workitems:read']);
    assert.ok(messages.shown.some((message) => message.severity === 'info' && message.text.includes(VIEWER.username)));

    const expected = await stateCounts(otherAsAdmin);
    await waitFor(
      () => {
        assert.deepStrictEqual(valueCounts(inspector.tree.rootGroupCounts()), expected);
        return true;
      },
      { description: "the tree to show the viewer's server" },
    );
  });

  it('withholds actions from the viewer: not offered in the panel, refused before any request', async () => {
    const workitem = await takeWorkitem(otherAsAdmin, 'state:active AND channelType:voice');
    await runCommand(COMMANDS.openDetails, [workitem.workitemId]);
    const shown = inspector.panels.lastRendered(workitem.workitemId);
    assert.ok(shown?.ready);
    assert.strictEqual(shown.state, 'active');
    assert.deepStrictEqual(shown.actions, [], 'the panel offers no action to a read-only user');

    for (const action of ['hold', 'hangup', 'transfer'] as const) {
      assert.strictEqual(await inspector.runAction(action, workitem.workitemId), 'notAllowed', action);
    }
    const warnings = messages.shown.filter((message) => message.severity === 'warning');
    assert.strictEqual(warnings.length, 3, JSON.stringify(messages.shown));
    assert.ok(warnings.every((message) => message.text.includes('workitems:write')), warnings[0]?.text);

    await runCommand(COMMANDS.hold, [workitem.workitemId]);
    const after = await serverWorkitem(otherAsAdmin, workitem.workitemId);
    assert.strictEqual(after.state, workitem.state);
    assert.strictEqual(after.modifiedAt, workitem.modifiedAt);
    assert.strictEqual(after.timeEvents?.length, workitem.timeEvents?.length);
  });

  it('says clearly that a wrong password was not accepted, and keeps the session it had', async () => {
    messages.answerQuestions(() => undefined);
    await signInWithCommand(other.url, VIEWER.username, 'not-the-password');
    const errors = messages.shown.filter((message) => message.severity === 'error');
    assert.strictEqual(errors.length, 1, JSON.stringify(messages.shown));
    assert.match(errors[0].text, /did not accept the user name or password/);
    assert.strictEqual(inspector.connection.state.username, VIEWER.username);
    assert.strictEqual(inspector.connection.state.status, 'connected');
  });

  // A protected tenant: signed in to the second sandbox as its admin (an NCX tenant, protected by
  // default), an action is refused with the reason and the server is untouched; allowed for 15 minutes
  // after a modal naming the tenant, it goes through; locked again, it is refused again.
  it('refuses actions on a protected tenant until they are allowed after a modal naming it, then locks again', async () => {
    await signInWithCommand(other.url, 'admin', 'admin-password');
    await inspector.connection.getApi();
    assert.strictEqual(inspector.connection.state.username, 'admin');
    const host = new URL(other.url).host;
    const call = await takeWorkitem(otherAsAdmin, 'state:active AND channelType:voice');
    messages.answerQuestions(() => undefined);
    assert.strictEqual(await inspector.runAction('hold', call.workitemId), 'notAllowed');
    assert.ok(
      messages.shown.some((message) => message.severity === 'warning' && message.text.startsWith(`${host} is protected: actions on it are off`)),
      messages.shown.map((message) => message.text).join(' | '),
    );
    assert.strictEqual((await serverWorkitem(otherAsAdmin, call.workitemId)).state, 'active', 'nothing was sent');

    // The modal names the tenant; dismissing it allows nothing.
    await runCommand(COMMANDS.allowActions);
    const modal = messages.shown.find((message) => message.modal);
    assert.ok(modal?.text.includes(host), 'the question names the tenant');
    assert.strictEqual(await inspector.runAction('hold', call.workitemId), 'notAllowed');

    messages.answerQuestions((buttons) => buttons.find((button) => button === `Allow Actions on ${host}`));
    await runCommand(COMMANDS.allowActions);
    assert.strictEqual(await inspector.runAction('hold', call.workitemId), 'done');
    assert.strictEqual((await serverWorkitem(otherAsAdmin, call.workitemId)).state, 'hold');

    await runCommand(COMMANDS.lockActions);
    messages.answerQuestions(() => undefined);
    assert.strictEqual(await inspector.runAction('unhold', call.workitemId), 'notAllowed');
    assert.strictEqual((await serverWorkitem(otherAsAdmin, call.workitemId)).state, 'hold');
  });

  it('"Use Local Sandbox" goes back to the extension\'s sandbox as its admin, with actions', async () => {
    await runCommand(COMMANDS.useSandbox);
    const session = await openSandboxSession();
    const state = inspector.connection.state;
    assert.strictEqual(state.mode, 'sandbox');
    assert.strictEqual(state.username, 'admin');
    assert.ok(state.authorities.includes('workitems:write'));
    assert.notStrictEqual(session.url, other.url);
    const expected = await stateCounts(session.server);
    await waitFor(
      () => {
        assert.deepStrictEqual(valueCounts(inspector.tree.rootGroupCounts()), expected);
        return true;
      },
      { description: "the tree to show the extension's sandbox again" },
    );
    const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    assert.strictEqual(await inspector.runAction('hold', workitem.workitemId), 'done');
  });

  // The same id on two tenants is two workitems: a panel belongs to the tenant it was opened in,
  // says so in its tab and header, and is neither read nor acted on through another tenant's session.
  it('opens the same id on two tenants as two panels, each naming its tenant, never read through the other', async () => {
    const session = await openSandboxSession();
    const [id] = (await otherAsAdmin.search({ rows: 1 })).items.map((item) => item.workitemId);
    assert.ok(id, 'a workitem on the other tenant');
    const local = await serverWorkitem(session.server, id);
    const remote = await serverWorkitem(otherAsAdmin, id);
    assert.notStrictEqual(JSON.stringify(local), JSON.stringify(remote), 'two different workitems under one id');
    const tabTitles = (): string[] => vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => tab.label);
    const sandboxTenant = tenantName(inspector.connection.state) ?? '';
    // Earlier tests may have left panels of other workitems open.
    const panelsOf = (workitemId: string): DetailPanelSnapshot[] => inspector.panels.snapshots().filter((panel) => panel.workitemId === workitemId);

    await runCommand(COMMANDS.openDetails, [id]);
    assert.strictEqual(inspector.panels.lastRendered(id)?.tenant, sandboxTenant);
    await inspector.connection.signIn({ loginUrl: other.url, username: 'admin', password: 'admin-password' });
    const otherTenant = tenantName(inspector.connection.state) ?? '';
    assert.notStrictEqual(otherTenant, sandboxTenant);
    const sandboxPanel = (): DetailPanelSnapshot | undefined => panelsOf(id).find((panel) => panel.tenant === sandboxTenant);
    await waitFor(() => sandboxPanel()?.away?.includes(`connected to ${otherTenant} now`), {
      description: 'the sandbox panel to say it is not read through the other tenant',
    });
    assert.strictEqual(sandboxPanel()?.modifiedAt, local.modifiedAt, 'it still shows the sandbox workitem');
    assert.strictEqual(inspector.panels.isOpen(id), false, 'no panel of this id on the tenant connected now');

    await runCommand(COMMANDS.openDetails, [id]);
    const remotePanel = inspector.panels.lastRendered(id);
    assert.strictEqual(remotePanel?.tenant, otherTenant);
    assert.strictEqual(remotePanel.modifiedAt, remote.modifiedAt, "the other tenant's workitem, not a mix");
    const titles = tabTitles();
    for (const tenant of [sandboxTenant, otherTenant]) {
      assert.ok(titles.includes(panelTitle(id, tenant)), `a tab titled ${panelTitle(id, tenant)} among ${titles.join(', ')}`);
    }
    assert.match(inspector.panels.lastHtml(id) ?? '', new RegExp(`id="tenant"[^>]*>${otherTenant.replace(/\./g, '\\.')}</span>`));

    await inspector.connection.useSandbox();
    // Back on the sandbox, opening the id reveals the sandbox's panel (behind the other one until now).
    await runCommand(COMMANDS.openDetails, [id]);
    await waitFor(
      () => {
        const shownNow = inspector.panels.lastRendered(id);
        return sandboxPanel()?.away === undefined && shownNow?.ready === true && shownNow.tenant === sandboxTenant;
      },
      { description: 'the sandbox panel to be read again' },
    );
    assert.strictEqual(panelsOf(id).length, 2, 'still two panels of the id, one per tenant');
    await waitFor(() => panelsOf(id).find((panel) => panel.tenant === otherTenant)?.away !== undefined, {
      description: "the other tenant's panel to say it is not read through the sandbox",
    });
  });
});
