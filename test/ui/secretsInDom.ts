// What a screenshot could show: after a failed and a successful "Sign In to NCX…" typed into the
// workbench, with the tree, a detail panel and the log channel open, neither password nor the
// issued token is in the text of the page or of any of its frames (webviews included), nor in the
// value of any input field. The sandbox signed in to runs in the harness driver's process with a
// user whose password is a marker; a loopback relay in front of it records the token.
//   bash scripts/harness/vscode-harness.sh ui out/test/ui/secretsInDom.js
import { randomBytes } from 'crypto';
import type { Page } from 'playwright-core';
import { signIn } from '../../src/api/auth';
import { NcxClient } from '../../src/api/client';
import { DEFAULT_USERS, startSandbox } from '../../src/sandbox';
import { startTokenRecordingRelay } from '../integration/helpers/tokenRelay';
import { chooseFromStatusBarEntry, signInThroughPalette, runFromPalette, screenshot, STEP_TIMEOUT_MS, waitForRows, findWebviewFrameShowing, answerInputBox, type UiCheckContext } from './workbench';

const CONTAINER_TITLE = 'Workitems';
const STATE_ROW = /^(inqueue|offered|accepted|active|hold|conference|terminated|dispositioned) · /;
const PROBE_USER = 'secrets-probe';

/** Text of the page and of every frame, plus the value of every input field. */
async function everythingShown(page: Page): Promise<string[]> {
  const texts: string[] = [];
  for (const frame of page.frames()) {
    const body = await frame
      .locator('body')
      .innerText({ timeout: 2000 })
      .catch(() => '');
    const fields = await frame
      .locator('input, textarea')
      .evaluateAll((elements) => elements.map((element) => String(Reflect.get(element, 'value') ?? '')))
      .catch(() => []);
    texts.push([body, ...fields].join('\n'));
  }
  return texts;
}

async function waitForText(page: Page, text: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if ((await everythingShown(page)).some((shown) => shown.includes(text))) {
      return;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`the workbench never showed "${text}"`);
}

export async function run(page: Page, context: UiCheckContext): Promise<void> {
  const password = `pw-marker-${randomBytes(9).toString('hex')}`;
  const wrongPassword = `pw-wrong-marker-${randomBytes(9).toString('hex')}`;
  const sandbox = await startSandbox({
    port: 0,
    size: 300,
    seed: 37,
    traffic: false,
    users: [...DEFAULT_USERS, { username: PROBE_USER, password, permissions: ['workitems:read', 'workitems:write'] }],
  });
  const relay = await startTokenRecordingRelay(sandbox.url);
  try {
    await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
    const container = page.locator(`.part.activitybar [aria-label^="${CONTAINER_TITLE}"]`).first();
    await container.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await container.click();
    await waitForRows(page, 'the local sandbox', (rows) => rows.some((row) => STATE_ROW.test(row)));

    await signInThroughPalette(page, [relay.url, PROBE_USER, wrongPassword]);
    await waitForText(page, 'did not accept the user name or password');
    context.log('the wrong password was refused');

    await signInThroughPalette(page, [relay.url, PROBE_USER, password]);
    await waitForText(page, `as ${PROBE_USER}`);
    if (relay.tokens.length === 0) {
      throw new Error('the sandbox issued no token through the relay');
    }
    await waitForRows(page, "the probe user's server", (rows) => rows.some((row) => STATE_ROW.test(row)));
    context.log(`signed in as ${PROBE_USER}; ${relay.tokens.length} token(s) issued`);

    const grant = await signIn({ loginUrl: sandbox.url, username: 'admin', password: 'admin-password' });
    const server = new NcxClient({ location: grant.location, token: () => grant.token, retries: 0 });
    const [workitem] = (await server.search({ q: 'state:active', rows: 1, sort: 'createdAt desc' })).items;
    if (workitem === undefined) {
      throw new Error('the sandbox has no active workitem to open');
    }
    await runFromPalette(page, 'Workitems: Open Workitem by ID…');
    await answerInputBox(page, workitem.workitemId);
    await findWebviewFrameShowing(page, workitem.workitemId);
    await runFromPalette(page, 'Workitems: Show Log');
    // The output view renders only the lines in view, the newest last: the request for the panel's workitem.
    await page
      .locator('.part.panel .monaco-editor .view-lines', { hasText: workitem.workitemId })
      .first()
      .waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await screenshot(page, context, 'secrets-signed-in');

    const secrets = [password, wrongPassword, ...relay.tokens, Buffer.from(`${PROBE_USER}:${password}`).toString('base64')];
    const shown = await everythingShown(page);
    context.log(`looked at ${shown.length} frame(s), ${shown.join('').length} characters`);
    const leaks = secrets.filter((secret) => shown.some((text) => text.includes(secret)));
    if (leaks.length > 0) {
      throw new Error(`the workbench shows ${leaks.length} secret(s): ${leaks.map((secret) => `${secret.slice(0, 12)}…`).join(', ')}`);
    }
    context.log('no password or token in the text of the page, its frames or its input fields');

    await runFromPalette(page, 'Workitems: Sign Out');
    // The refreshed detail panel takes the keyboard focus, and a webview keeps F1 to itself: back
    // to the sandbox through the connection's status-bar entry instead, as a mouse user would.
    const connectionEntry = page.locator('.part.statusbar .statusbar-item', { hasText: /Sign in to / }).first();
    await chooseFromStatusBarEntry(page, connectionEntry, 'Use Local Sandbox');
    await waitForRows(page, 'the local sandbox again', (rows) => rows.some((row) => STATE_ROW.test(row)));
  } finally {
    await relay.stop();
    await sandbox.stop();
  }
}
