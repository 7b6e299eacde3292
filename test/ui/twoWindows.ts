// Two workbench windows, each with its own extension host, signed in to one sandbox as the same
// agent: window 1 holds a voice call; window 2, whose detail panel still shows the call active,
// tries Hold too and must say in words why the sandbox refused it. The sandbox records one `held`
// event, and after a refresh both windows show the call on hold.
//   bash scripts/harness/vscode-harness.sh ui out/test/ui/twoWindows.js
import type { Frame, Page } from 'playwright-core';
import { signIn } from '../../src/api/auth';
import { NcxClient } from '../../src/api/client';
import { isNcxError } from '../../src/api/errors';
import type { Workitem } from '../../src/api/schemas';
import { startSandbox } from '../../src/sandbox';
import {
  allowActions,
  answerInputBox,
  chooseFromStatusBarEntry,
  findWebviewFrameShowing,
  showWorkitemsContainer,
  signInThroughPalette,
  runFromPalette,
  screenshot,
  STEP_TIMEOUT_MS,
  waitForRows,
  type UiCheckContext,
} from './workbench';

const STATE_ROW = /^(inqueue|offered|accepted|active|hold|conference|terminated|dispositioned) · /;
const SERVER_SAID = / The server said: "([\s\S]+)"$/;
const AGENT = { username: 'agent', password: 'agent-password' } as const;

type Window = { readonly name: string; readonly page: Page };

function heldEvents(workitem: Workitem): number {
  return (workitem.timeEvents ?? []).filter((event) => event.type === 'held').length;
}

/** Shows the Workitems view and waits for its state groups. */
async function openWorkbench(window: Window): Promise<void> {
  await showWorkitemsContainer(window.page);
  await waitForRows(window.page, `state groups in ${window.name}`, (rows) => rows.some((row) => STATE_ROW.test(row)));
}

function connectionEntry(page: Page) {
  return page.locator('.part.statusbar [id$="workitemInspector.connection"]').first();
}

async function waitForConnectionText(page: Page, text: string): Promise<void> {
  await page
    .locator('.part.statusbar [id$="workitemInspector.connection"]', { hasText: text })
    .first()
    .waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
}

/**
 * The detail panel's frame once its state badge reads `state`. Looked up afresh on every poll:
 * the panel reloads its page after an action, which detaches the frames found before.
 */
async function panelInState(page: Page, workitemId: string, state: string): Promise<Frame> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let seen = 'no panel';
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const title = frame.locator('h1.workitem-id', { hasText: workitemId });
      if (frame === page.mainFrame() || !(await title.isVisible().catch(() => false))) {
        continue;
      }
      seen = (await frame.locator('.badge.state').first().textContent({ timeout: 1000 }).catch(() => null)) ?? 'no badge';
      if (await frame.locator(`.badge.state.state-${state}`).first().isVisible().catch(() => false)) {
        return frame;
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`the detail panel of ${workitemId} never showed ${state}; last seen: ${seen}`);
}

async function clickInPanel(page: Page, workitemId: string, state: string, selector: string): Promise<void> {
  const frame = await panelInState(page, workitemId, state);
  await frame.locator(selector).first().click({ timeout: STEP_TIMEOUT_MS });
}

async function openDetail(window: Window, workitemId: string): Promise<Frame> {
  // A webview keeps F1 to itself: give the keyboard back to the workbench first.
  await window.page.locator('.part.sidebar').first().click({ position: { x: 20, y: 5 } });
  await runFromPalette(window.page, 'Workitems: Open Workitem by ID…');
  await answerInputBox(window.page, workitemId);
  return findWebviewFrameShowing(window.page, workitemId);
}

/** What the sandbox answers a second Hold with: its 409's own words. */
async function sandboxRefusal(server: NcxClient, workitemId: string): Promise<string> {
  try {
    await server.act('hold', workitemId, {});
  } catch (error) {
    // The client carries the body's message in `serverMessage`, or quotes it at the end of its own.
    const said = isNcxError(error) && error.kind === 'conflict' ? (error.details.serverMessage ?? SERVER_SAID.exec(error.message)?.[1]) : undefined;
    if (said) {
      return said;
    }
    throw error;
  }
  throw new Error(`the sandbox accepted a second hold of ${workitemId}`);
}

/** Opens the notification centre from its status-bar bell; the messages of its entries once one contains `text`. */
async function waitForNotification(page: Page, text: string): Promise<string[]> {
  const centre = page.locator('.notifications-center');
  const messages = page.locator('.notifications-center .notification-list-item-message');
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let shown: string[] = [];
  while (Date.now() < deadline) {
    shown = (await messages.allInnerTexts().catch(() => [])).map((message) => message.trim());
    if (shown.some((message) => message.includes(text))) {
      return shown;
    }
    if (!(await centre.isVisible())) {
      await page.locator('.part.statusbar [id="status.notifications"]').first().click().catch(() => undefined);
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no notification says "${text}"; the centre shows ${JSON.stringify(shown)}`);
}

async function backToLocalSandbox(window: Window): Promise<void> {
  const { page } = window;
  await page.keyboard.press('Escape');
  await chooseFromStatusBarEntry(page, connectionEntry(page), 'Use Local Sandbox');
  await waitForRows(page, `the local sandbox again in ${window.name}`, (rows) => rows.some((row) => STATE_ROW.test(row)));
}

export async function run(page: Page, context: UiCheckContext): Promise<void> {
  const sandbox = await startSandbox({ port: 0, size: 200, seed: 41, traffic: false });
  let second: Page | undefined;
  try {
    const grant = await signIn({ loginUrl: sandbox.url, username: 'admin', password: 'admin-password' });
    const server = new NcxClient({ location: grant.location, token: () => grant.token, retries: 0 });
    const [candidate] = (await server.search({ q: 'state:active AND channelType:voice', rows: 1, sort: 'createdAt desc' })).items;
    if (candidate === undefined) {
      throw new Error('the sandbox has no active voice workitem');
    }
    const workitemId = candidate.workitemId;
    const heldBefore = heldEvents(await server.fetchWorkitem(workitemId));
    context.log(`${workitemId} is active with ${heldBefore} held event(s)`);

    // Each browser window of the workbench runs its own extension host.
    second = await page.context().newPage();
    await second.goto(context.workbenchUrl);
    const windows: [Window, Window] = [
      { name: 'window 1', page },
      { name: 'window 2', page: second },
    ];
    for (const window of windows) {
      await openWorkbench(window);
    }
    for (const window of windows) {
      await signInThroughPalette(window.page, [sandbox.url, AGENT.username, AGENT.password]);
      await waitForConnectionText(window.page, AGENT.username);
      await waitForRows(window.page, `the sandbox's workitems in ${window.name}`, (rows) => rows.some((row) => STATE_ROW.test(row)));
      // An NCX tenant is protected, and each window asks on its own before it acts.
      await allowActions(window.page, new URL(sandbox.url).host);
      context.log(`${window.name} signed in as ${AGENT.username}, actions allowed`);
    }

    for (const window of windows) {
      await openDetail(window, workitemId);
      await panelInState(window.page, workitemId, 'active');
    }

    await clickInPanel(windows[0].page, workitemId, 'active', 'button.action[data-action="hold"]');
    await panelInState(windows[0].page, workitemId, 'hold');
    context.log(`window 1 held ${workitemId}`);

    // With the events socket, window 2's panel follows the hold at once and offers no second Hold. Without
    // it (a server with no socket), the panel still shows the call active until it polls: Hold again there,
    // and the sandbox's refusal must be passed on.
    const followedLive = await panelInState(windows[1].page, workitemId, 'hold').then(
      () => true,
      () => false,
    );
    if (followedLive) {
      context.log(`window 2's panel followed the hold live; no stale Hold to refuse`);
    } else {
      await clickInPanel(windows[1].page, workitemId, 'active', 'button.action[data-action="hold"]');
      const shown = await waitForNotification(windows[1].page, `${workitemId} is hold`);
      context.log(`window 2's notifications: ${JSON.stringify(shown)}`);
      const refusal = await sandboxRefusal(server, workitemId);
      if (!shown.includes(refusal)) {
        throw new Error(`window 2 does not pass on the sandbox's words "${refusal}"; it shows ${JSON.stringify(shown)}`);
      }
      context.log(`window 2 shows the sandbox's refusal: "${refusal}"`);
    }

    const after = await server.fetchWorkitem(workitemId);
    const heldAfter = heldEvents(after);
    if (after.state !== 'hold' || heldAfter !== heldBefore + 1) {
      throw new Error(`the sandbox has ${workitemId} ${after.state} with ${heldAfter - heldBefore} new held event(s); expected hold with exactly 1`);
    }
    context.log(`the sandbox recorded exactly one new held event; ${workitemId} is ${after.state}`);

    for (const [index, window] of windows.entries()) {
      const frame = await findWebviewFrameShowing(window.page, workitemId);
      await frame.locator('button[data-command="refresh"]').first().click({ timeout: STEP_TIMEOUT_MS });
      await panelInState(window.page, workitemId, 'hold');
      await screenshot(window.page, context, `two-windows-${index + 1}`);
    }
    context.log('both windows show the call on hold after a refresh');

    for (const window of windows) {
      await backToLocalSandbox(window);
      context.log(`${window.name} is back on the local sandbox`);
    }
  } catch (error) {
    // The harness photographs window 1 on failure; window 2 is this module's to show.
    if (second) {
      await screenshot(second, context, 'two-windows-failed-2').catch(() => undefined);
    }
    throw error;
  } finally {
    await second?.close().catch(() => undefined);
    await sandbox.stop();
  }
}
