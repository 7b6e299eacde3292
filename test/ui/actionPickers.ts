// The pickers of the catalog's actions as a user meets them in the web workbench, against a probe
// sandbox signed in through the palette:
//   (a) "Transfer to Agent…" on an active call: agents listed with their presence, narrowed as one types;
//   (b) "Change Priority…": five priorities, the workitem's current one marked;
//   (c) "Hang Up" on several workitems ticked in the palette's "which workitems?" pick, one of them
//       ended on the server meanwhile: one modal, then a summary with the counts and its details pick.
//   bash scripts/harness/vscode-harness.sh ui out/test/ui/actionPickers.js
import type { Page } from 'playwright-core';
import { signIn } from '../../src/api/auth';
import { NcxClient } from '../../src/api/client';
import type { Workitem } from '../../src/api/schemas';
import { startSandbox } from '../../src/sandbox';
import { allowActions, quickInput, runFromPalette, screenshot, signInThroughPalette, STEP_TIMEOUT_MS, waitForRows, type UiCheckContext } from './workbench';

const CONTAINER_TITLE = 'Workitems';
const STATE_ROW = /^(inqueue|offered|accepted|active|hold|conference|terminated|dispositioned) · /;
const PRESENCE = /\b(available|busy|away|offline)\b/;

function pickRows(page: Page): ReturnType<Page['locator']> {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
}

/** The visible text of each rendered row (label, description, detail); innerText leaves out the hidden parts of a reused row. */
function pickRowTexts(page: Page): Promise<string[]> {
  return pickRows(page).evaluateAll((rows) => rows.map((row) => (('innerText' in row ? String(row.innerText) : row.textContent) ?? '').replace(/\s+/g, ' ').trim()));
}

async function waitForPick(page: Page, what: string, accept: (rows: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + STEP_TIMEOUT_MS * 2;
  let rows: string[] = [];
  while (Date.now() < deadline) {
    rows = await pickRowTexts(page);
    if (accept(rows)) return rows;
    await page.waitForTimeout(250);
  }
  throw new Error(`the quick pick never showed ${what}; rows: ${JSON.stringify(rows)}`);
}

async function waitForPickTitle(page: Page, text: string): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: text }).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS * 2 });
}

async function closePick(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

/** In the "which workitems?" pick: searches each id and ticks its row, then accepts. */
async function tickWorkitems(page: Page, ids: readonly string[]): Promise<void> {
  for (const [index, id] of ids.entries()) {
    await quickInput(page).fill(id);
    const row = pickRows(page).filter({ hasText: id }).first();
    await row.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS * 2 });
    const checked = page.locator('.quick-input-widget .quick-input-list .monaco-list-row[aria-checked="true"]');
    for (let attempt = 1; (await checked.count()) < index + 1; attempt++) {
      if (attempt > 3) throw new Error(`could not tick ${id} in the workitems pick`);
      const box = row.locator('.quick-input-list-checkbox, input[type="checkbox"]').first();
      if (await box.count()) await box.click({ timeout: STEP_TIMEOUT_MS });
      else await row.click({ timeout: STEP_TIMEOUT_MS });
      await page.waitForTimeout(300);
    }
  }
  await page.keyboard.press('Enter');
}

/**
 * The bulk summary, in its toast or (toasts hide after a while, or while a modal has focus) in the
 * notification centre opened from the status-bar bell.
 */
async function bulkSummaryNotification(page: Page): Promise<ReturnType<Page['locator']>> {
  const summary = /Hang Up: \d+ done/;
  const toast = page.locator('.notification-toast .notification-list-item', { hasText: summary }).first();
  const inCentre = page.locator('.notifications-center .notification-list-item', { hasText: summary }).first();
  const deadline = Date.now() + STEP_TIMEOUT_MS * 2;
  while (Date.now() < deadline) {
    if (await toast.isVisible()) return toast;
    if (await inCentre.isVisible()) return inCentre;
    if (!(await page.locator('.notifications-center').isVisible())) {
      await page.locator('.part.statusbar [id="status.notifications"]').first().click().catch(() => undefined);
    }
    await page.waitForTimeout(300);
  }
  const shown = await page.locator('.notification-list-item-message').allInnerTexts();
  throw new Error(`no bulk summary notification; notifications: ${JSON.stringify(shown)}`);
}

async function activeCalls(server: NcxClient, count: number): Promise<Workitem[]> {
  const page = await server.search({ q: 'state:active AND channelType:voice', rows: 50, sort: 'createdAt desc' });
  const offered = page.items.filter((item) => (item.actions ?? []).includes('hangup') && (item.actions ?? []).includes('transfer'));
  if (offered.length < count) throw new Error(`the sandbox has ${offered.length} active calls offering hang up and transfer; ${count} needed`);
  return offered.slice(0, count);
}

export async function run(page: Page, context: UiCheckContext): Promise<void> {
  const sandbox = await startSandbox({ port: 0, size: 300, seed: 43, traffic: false });
  try {
    await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
    const container = page.locator(`.part.activitybar [aria-label^="${CONTAINER_TITLE}"]`).first();
    await container.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await container.click();
    await waitForRows(page, 'the local sandbox', (rows) => rows.some((row) => STATE_ROW.test(row)));
    await signInThroughPalette(page, [sandbox.url, 'admin', 'admin-password']);
    await waitForRows(page, "the probe sandbox's rows", (rows) => rows.some((row) => STATE_ROW.test(row)));

    // Signed in to it as an NCX tenant, the probe sandbox is protected: the status bar says so, and
    // actions are allowed for 15 minutes as a person would, through the modal that names the tenant.
    const host = new URL(sandbox.url).host;
    const locked = page.locator('.statusbar-item', { hasText: `${host} protected` }).first();
    await locked.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await screenshot(page, context, '46-tenant-protected');
    const allowQuestion = await allowActions(page, host);
    const countdown = page.locator('.statusbar-item', { hasText: `Actions on ${host} · 1` }).first();
    context.log(`protected tenant: "${allowQuestion}"; then the status bar says "${(await countdown.innerText()).trim()}"`);
    await screenshot(page, context, '47-actions-allowed');

    const grant = await signIn({ loginUrl: sandbox.url, username: 'admin', password: 'admin-password' });
    const server = new NcxClient({ location: grant.location, token: () => grant.token, retries: 0 });
    const [call, ...bulk] = await activeCalls(server, 5);
    if (!call) throw new Error('no active call');

    // (a) The agent picker.
    await runFromPalette(page, 'Workitems: Transfer to Agent…');
    await waitForPickTitle(page, 'which workitem');
    await tickWorkitems(page, [call.workitemId]);
    await waitForPickTitle(page, `Transfer ${call.workitemId} to Agent`);
    const agents = await waitForPick(page, 'agents with their presence', (rows) => rows.length >= 3 && rows.every((row) => PRESENCE.test(row)));
    const firstName = (agents[0] ?? '').split(' ')[0] ?? '';
    const typed = firstName.slice(0, 3);
    if (typed.length < 3) throw new Error(`cannot read an agent name from ${JSON.stringify(agents[0])}`);
    await quickInput(page).fill(typed);
    const found = await waitForPick(
      page,
      `only agents matching "${typed}"`,
      (rows) => rows.length > 0 && rows.length < agents.length + 50 && rows.every((row) => row.toLowerCase().includes(typed.toLowerCase())) && rows.join() !== agents.join(),
    );
    await screenshot(page, context, '30-agent-picker');
    context.log(`agent picker: ${agents.length} agents with presence; "${typed}" narrows to ${found.length}: ${found.slice(0, 3).join(' | ')}`);
    await closePick(page);

    // (b) The priority picker.
    const current = typeof call.priority === 'number' ? call.priority : undefined;
    if (current === undefined) throw new Error(`${call.workitemId} has no priority`);
    await runFromPalette(page, 'Workitems: Change Priority…');
    await waitForPickTitle(page, 'which workitem');
    await tickWorkitems(page, [call.workitemId]);
    await waitForPickTitle(page, `Priority of ${call.workitemId} (now ${current})`);
    const priorities = await waitForPick(page, 'five priorities', (rows) => rows.length === 5);
    const marked = priorities.filter((row) => /current/.test(row));
    if (marked.length !== 1 || !marked[0]?.includes(`Priority ${current}`)) {
      throw new Error(`expected only "Priority ${current}" marked current; rows: ${JSON.stringify(priorities)}`);
    }
    await screenshot(page, context, '31-priority-picker');
    context.log(`priority picker: ${priorities.length} rows, marked: ${marked[0]}`);
    await closePick(page);

    // (c) A bulk Hang Up, one of the four ended on the server after it was ticked.
    const ids = bulk.map((item) => item.workitemId);
    const gone = ids[1] as string;
    await runFromPalette(page, 'Workitems: Hang Up');
    await waitForPickTitle(page, 'which workitems');
    await tickWorkitems(page, ids);
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS * 2 });
    const question = (await dialog.innerText()).replace(/\s+/g, ' ');
    if (!question.includes(`${ids.length} workitems`)) throw new Error(`the confirmation does not name ${ids.length} workitems: ${question}`);
    await server.act('hangup', gone, {});
    await dialog.locator('.monaco-button', { hasText: 'Hang Up' }).first().click({ timeout: STEP_TIMEOUT_MS });
    const expected = `Hang Up: ${ids.length - 1} done, 1 refused, 0 skipped.`;
    const toast = await bulkSummaryNotification(page);
    const headline = (await toast.innerText()).replace(/\s+/g, ' ');
    if (!headline.includes(expected)) throw new Error(`expected "${expected}", the summary says: ${headline}`);
    await screenshot(page, context, '32-bulk-summary');
    context.log(`bulk summary: ${expected}`);
    await toast.locator('.monaco-button', { hasText: 'Show Details' }).first().click({ timeout: STEP_TIMEOUT_MS });
    await waitForPickTitle(page, expected);
    const details = await waitForPick(page, 'a row per workitem', (rows) => rows.length === ids.length);
    const refusedRow = details[0] ?? '';
    if (!refusedRow.includes(gone) || !refusedRow.includes('refused')) throw new Error(`the refused workitem is not first: ${JSON.stringify(details)}`);
    if (details.filter((row) => row.includes('done')).length !== ids.length - 1) throw new Error(`expected ${ids.length - 1} done rows: ${JSON.stringify(details)}`);
    await screenshot(page, context, '33-bulk-details');
    context.log(`bulk details: ${details.join(' | ')}`);
    // The notification centre keeps the focus here; the pick is left to close with the window.
  } finally {
    await sandbox.stop();
  }
}
