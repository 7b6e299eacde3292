// A password and a session token are secrets: after signing in through "Sign In to NCX…" (and a
// failed attempt with another password), neither may be found in the log channel's file, the
// extension's settings, its globalState/workspaceState, the messages it showed, or the detail
// panel's HTML. The sandbox runs in this process with a user whose password is a marker; a small
// loopback relay in front of it records the token it issues, so the real token string is what the
// test looks for. (What the workbench itself displays is checked by test/ui/secretsInDom.ts.)
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { signIn } from '../../src/api/auth';
import { NcxClient } from '../../src/api/client';
import { COMMANDS } from '../../src/contributions';
import { SETTINGS_SECTION } from '../../src/config/settings';
import { DEFAULT_USERS, startSandbox, type RunningSandbox } from '../../src/sandbox';
import { runCommand } from './helpers/commandRunner';
import { inspectorApi, type WorkitemInspectorApi } from './helpers/inspector';
import { recordMessages, type MessageRecorder } from './helpers/messages';
import { answerQuickInputs } from './helpers/quickInputs';
import { openSandboxSession, showWorkitemsView } from './helpers/sandboxSession';
import { takeWorkitem } from './helpers/serverWorkitems';
import { startTokenRecordingRelay, type TokenRecordingRelay } from './helpers/tokenRelay';
import { waitFor } from './helpers/waitFor';

const PROBE_USER = 'secrets-probe';
const PASSWORD = `pw-marker-${randomBytes(9).toString('hex')}`;
const WRONG_PASSWORD = `pw-wrong-marker-${randomBytes(9).toString('hex')}`;

/** Every file below the extension's log folder, read as text. */
async function readLogFiles(folder: vscode.Uri): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const visit = async (dir: vscode.Uri): Promise<void> => {
    for (const [name, type] of await vscode.workspace.fs.readDirectory(dir)) {
      const child = vscode.Uri.joinPath(dir, name);
      if (type === vscode.FileType.Directory) {
        await visit(child);
      } else if (type === vscode.FileType.File) {
        files.set(child.path, new TextDecoder().decode(await vscode.workspace.fs.readFile(child)));
      }
    }
  };
  await visit(folder);
  return files;
}

/** Every value of every workitemInspector setting, at every level VS Code reports. */
function everySettingValue(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const keys = Object.keys(config).filter((key) => typeof Reflect.get(config, key) !== 'function');
  const leaves: string[] = [];
  const walk = (prefix: string, value: unknown): void => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) {
        walk(`${prefix}.${key}`, inner);
      }
    }
    leaves.push(prefix);
  };
  for (const key of keys) {
    walk(key, config.get(key));
  }
  return Object.fromEntries(leaves.map((key) => [key, config.inspect(key)]));
}

function assertNoSecret(place: string, text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    assert.ok(!text.includes(secret), `${place} contains a secret (${secret.slice(0, 12)}…)`);
  }
}

describe('secrets: the password and the token are kept out of logs, settings, state, messages and pages', function () {
  this.timeout(90_000);
  let inspector: WorkitemInspectorApi;
  let sandbox: RunningSandbox;
  let relay: TokenRecordingRelay;
  let messages: MessageRecorder;

  /** Runs "Sign In to NCX…" typing the three answers a person would. */
  async function signInWithCommand(password: string): Promise<void> {
    const answers = [relay.url, PROBE_USER, password];
    // With named connections saved, the first step asks which one: a login URL is typed instead.
    const inputs = answerQuickInputs({ input: () => answers.shift(), pick: (labels) => labels.find((label) => label.includes('Another Login URL')) });
    try {
      await runCommand(COMMANDS.signIn);
    } finally {
      inputs.dispose();
    }
  }

  before(async () => {
    await openSandboxSession();
    inspector = await inspectorApi();
    sandbox = await startSandbox({
      port: 0,
      size: 300,
      seed: 31,
      traffic: false,
      users: [...DEFAULT_USERS, { username: PROBE_USER, password: PASSWORD, permissions: ['workitems:read', 'workitems:write'] }],
    });
    relay = await startTokenRecordingRelay(sandbox.url);
    messages = recordMessages();
  });

  after(async () => {
    messages?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (inspector && inspector.connection.state.mode !== 'sandbox') {
      await runCommand(COMMANDS.useSandbox);
    }
    // Forget the probe user's stored session (in sandbox mode this touches nothing else).
    await inspector?.connection.signOut();
    await relay?.stop();
    await sandbox?.stop();
  });

  it('signs in with the marker password, fails once with another, and leaks neither nor the token', async () => {
    messages.answerQuestions(() => undefined);
    await signInWithCommand(WRONG_PASSWORD);
    assert.ok(
      messages.shown.some((message) => message.severity === 'error'),
      `a wrong password is reported as an error: ${JSON.stringify(messages.shown)}`,
    );
    messages.answerQuestions(undefined);

    await signInWithCommand(PASSWORD);
    await showWorkitemsView();
    await inspector.connection.getApi();
    assert.strictEqual(inspector.connection.state.mode, 'ncx');
    assert.strictEqual(inspector.connection.state.status, 'connected');
    assert.strictEqual(inspector.connection.state.username, PROBE_USER);
    assert.ok(relay.tokens.length >= 1, 'the sandbox issued the token through the relay');
    const secrets = [PASSWORD, WRONG_PASSWORD, ...relay.tokens, Buffer.from(`${PROBE_USER}:${PASSWORD}`).toString('base64')];

    // A page that shows data: the detail panel of a workitem of the probe user's server.
    const grant = await signIn({ loginUrl: sandbox.url, username: 'admin', password: 'admin-password' });
    const server = new NcxClient({ location: grant.location, token: () => grant.token, retries: 0 });
    const workitem = await takeWorkitem(server, 'state:active');
    await runCommand(COMMANDS.openDetails, [workitem.workitemId]);
    await waitFor(() => inspector.panels.lastRendered(workitem.workitemId)?.ready === true, {
      description: 'the detail panel to render',
    });
    const html = inspector.panels.lastHtml(workitem.workitemId) ?? '';
    assert.ok(html.includes(workitem.workitemId), 'the panel HTML read is the one showing the workitem');
    assertNoSecret('the detail panel HTML', html, secrets);

    // The log channel writes through a buffer: wait until the sign-in line is in its file.
    const signedInLine = `Signed in to ${new URL(relay.url).host} as ${PROBE_USER}`;
    const logs = await waitFor(
      async () => {
        const files = await readLogFiles(inspector.storage.logUri);
        return [...files.values()].some((text) => text.includes(signedInLine)) && files;
      },
      { description: `the log file to record "${signedInLine}"`, timeoutMs: 20_000, intervalMs: 250 },
    );
    for (const [file, text] of logs) {
      assertNoSecret(`the log file ${file}`, text, secrets);
    }

    const settings = everySettingValue();
    assert.ok(Object.keys(settings).length > 0, 'the extension has settings to look at');
    assertNoSecret('the workitemInspector settings', JSON.stringify(settings), secrets);

    const mementos = inspector.storage.mementos();
    assertNoSecret('globalState / workspaceState', JSON.stringify(mementos), secrets);

    assert.ok(messages.shown.length > 0, 'messages were shown and recorded');
    assertNoSecret('the messages shown', JSON.stringify(messages.shown), secrets);
  });

  it('signs out and goes back to the local sandbox as its admin', async () => {
    await inspector.connection.signOut();
    await runCommand(COMMANDS.useSandbox);
    const session = await openSandboxSession();
    assert.strictEqual(session.inspector.connection.state.mode, 'sandbox');
    assert.strictEqual(session.inspector.connection.state.username, 'admin');
    assert.notStrictEqual(session.url, sandbox.url);
  });
});
