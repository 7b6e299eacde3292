// Privacy mode as a screen-sharing viewer would see it: with a workitem's panel open and its tree
// row selected, "Toggle Privacy Mode" leaves neither the contact's name nor their phone number in
// the text of the page or of any frame (the webview included), while the workitem id stays.
//   bash scripts/harness/vscode-harness.sh ui out/test/ui/privacyInDom.js
import type { Page } from 'playwright-core';
import { signIn } from '../../src/api/auth';
import { NcxClient } from '../../src/api/client';
import { startSandbox } from '../../src/sandbox';
import { answerInputBox, findWebviewFrameShowing, runFromPalette, screenshot, signInThroughPalette, STEP_TIMEOUT_MS, treeRows, waitForRows, type UiCheckContext } from './workbench';

const CONTAINER_TITLE = 'Workitems';
const STATE_ROW = /^(inqueue|offered|accepted|active|hold|conference|terminated|dispositioned) · /;

async function everyText(page: Page): Promise<string> {
  const texts: string[] = [];
  for (const frame of page.frames()) {
    texts.push(await frame.locator('body').innerText({ timeout: 2000 }).catch(() => ''));
  }
  return texts.join('\n');
}

async function waitUntil(page: Page, what: string, test: (text: string) => boolean): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (test(await everyText(page))) return;
    await page.waitForTimeout(300);
  }
  throw new Error(`the workbench never showed ${what}`);
}

export async function run(page: Page, context: UiCheckContext): Promise<void> {
  const sandbox = await startSandbox({ port: 0, size: 300, seed: 41, traffic: false });
  try {
    await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
    const container = page.locator(`.part.activitybar [aria-label^="${CONTAINER_TITLE}"]`).first();
    await container.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await container.click();
    await waitForRows(page, 'the local sandbox', (rows) => rows.some((row) => STATE_ROW.test(row)));
    await signInThroughPalette(page, [sandbox.url, 'admin', 'admin-password']);
    await waitForRows(page, "the probe sandbox's rows", (rows) => rows.some((row) => STATE_ROW.test(row)));

    const grant = await signIn({ loginUrl: sandbox.url, username: 'admin', password: 'admin-password' });
    const server = new NcxClient({ location: grant.location, token: () => grant.token, retries: 0 });
    const workitem = (await server.search({ q: 'state:active AND channelType:voice', rows: 20, sort: 'createdAt desc' })).items.find(
      (item) => item.contact?.lastName !== undefined && item.contact.phone !== undefined,
    );
    if (!workitem?.contact?.lastName || !workitem.contact.phone) {
      throw new Error('the sandbox has no active call with a named contact');
    }
    const { lastName, phone } = workitem.contact;
    await runFromPalette(page, 'Workitems: Open Workitem by ID…');
    await answerInputBox(page, workitem.workitemId);
    await findWebviewFrameShowing(page, lastName);
    await waitUntil(page, `${lastName} in the tree and the panel`, (text) => text.includes(lastName));
    await screenshot(page, context, 'privacy-off');
    context.log(`privacy off: ${lastName} and ${phone} shown for ${workitem.workitemId}`);

    await runFromPalette(page, 'Workitems: Toggle Privacy Mode');
    await page.locator('.part.statusbar .statusbar-item', { hasText: 'Privacy on' }).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await waitUntil(page, 'the masked panel and tree', (text) => !text.includes(lastName) && !text.includes(phone) && text.includes(workitem.workitemId));
    const frame = await findWebviewFrameShowing(page, workitem.workitemId);
    const panelText = await frame.locator('body').innerText();
    const rowLabels = await treeRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
    const leaks = [lastName, phone, workitem.contact.firstName ?? lastName].filter((value) => panelText.includes(value) || rowLabels.some((label) => label.includes(value)));
    if (leaks.length > 0) {
      throw new Error(`privacy mode still shows ${leaks.join(', ')}`);
    }
    if (!/\+1•+\d{3}/.test(panelText)) {
      throw new Error('the panel does not show the masked phone number');
    }
    await screenshot(page, context, 'privacy-on');
    context.log(`privacy on: no ${lastName} or ${phone} in the page, its frames or the tree's row labels`);
  } finally {
    await sandbox.stop();
  }
}
