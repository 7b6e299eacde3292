// A protected tenant in a real VS Code: signed in to a second sandbox as an NCX tenant (protected by
// default), an action is refused with the reason and the server is untouched; allowed for 15 minutes
// after a modal naming the tenant, it goes through; locked again, it is refused again. The local
// sandbox is never protected.
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
import { openSandboxSession } from './helpers/sandboxSession';
import { serverWorkitem, takeWorkitem } from './helpers/serverWorkitems';

describe('protected tenants', function () {
  this.timeout(60_000);
  let inspector: WorkitemInspectorApi;
  let tenant: RunningSandbox;
  let server: NcxClient;
  let messages: MessageRecorder;

  before(async () => {
    await openSandboxSession();
    inspector = await inspectorApi();
    tenant = await startSandbox({ port: 0, size: 300, seed: 31, traffic: false });
    const grant = await signIn({ loginUrl: tenant.url, username: 'admin', password: 'admin-password' });
    server = new NcxClient({ location: grant.location, token: () => grant.token, retries: 0 });
    const answers = [tenant.url, 'admin', 'admin-password'];
    const inputs = answerQuickInputs({ input: () => answers.shift() });
    try {
      await runCommand(COMMANDS.signIn);
    } finally {
      inputs.dispose();
    }
    await inspector.connection.getApi();
    assert.strictEqual(inspector.connection.state.mode, 'ncx');
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
    await inspector.connection.signOut();
    await tenant?.stop();
  });

  it('refuses actions with the reason until they are allowed after a modal naming the tenant, then locks again', async () => {
    const host = new URL(tenant.url).host;
    const call = await takeWorkitem(server, 'state:active AND channelType:voice');
    messages.answerQuestions(() => undefined);
    assert.strictEqual(await inspector.runAction('hold', call.workitemId), 'notAllowed');
    assert.ok(
      messages.shown.some((message) => message.severity === 'warning' && message.text.startsWith(`${host} is protected: actions on it are off`)),
      messages.shown.map((message) => message.text).join(' | '),
    );
    assert.strictEqual((await serverWorkitem(server, call.workitemId)).state, 'active', 'nothing was sent');

    // The modal names the tenant; dismissing it allows nothing.
    await runCommand(COMMANDS.allowActions);
    const modal = messages.shown.find((message) => message.modal);
    assert.ok(modal?.text.includes(host), 'the question names the tenant');
    assert.strictEqual(await inspector.runAction('hold', call.workitemId), 'notAllowed');

    messages.answerQuestions((buttons) => buttons.find((button) => button === `Allow Actions on ${host}`));
    await runCommand(COMMANDS.allowActions);
    assert.strictEqual(await inspector.runAction('hold', call.workitemId), 'done');
    assert.strictEqual((await serverWorkitem(server, call.workitemId)).state, 'hold');

    await runCommand(COMMANDS.lockActions);
    messages.answerQuestions(() => undefined);
    assert.strictEqual(await inspector.runAction('unhold', call.workitemId), 'notAllowed');
    assert.strictEqual((await serverWorkitem(server, call.workitemId)).state, 'hold');
  });
});
