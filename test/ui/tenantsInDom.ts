// Two named tenants as a support engineer meets them in the web workbench. Two probe sandboxes of
// different seeds are added with "Add Connection…" (acme-prod protected, globex-test not) and
// signed in to through "Connect To…"; the same workitem id is opened on both and the
// two panels are put side by side. Checked in the DOM: each panel's header names its own tenant;
// on the protected tenant the action buttons are disabled with the reason; the panel of the tenant
// not connected says so and offers nothing; the status bar names the focused panel's tenant; the
// Connections view lists both, saying which is in use, signed in and protected.
// "Connect To…" back to a tenant signed in to before asks for nothing.
//   bash scripts/harness/vscode-harness.sh ui out/test/ui/tenantsInDom.js
import type { Frame, Page } from 'playwright-core';
import { startSandbox } from '../../src/sandbox';
import { adminOf, sameLabels, STATE_ROW, stateLabels, stateRowsUnder } from './tenantCounts';
import { answerInputBox, chooseQuickPickItem, giveWorkitemsViewTheRoom, quickInput, runFromPalette, screenshot, STEP_TIMEOUT_MS, waitForRows, type UiCheckContext } from './workbench';

const CONTAINER_TITLE = 'Workitems';
const ACME = 'acme-prod';
const GLOBEX = 'globex-test';

/** Waits for the quick input whose title shows `title`, types `answer` and presses Enter. */
async function answerBox(page: Page, title: string, answer: string): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await quickInput(page).fill(answer);
  await page.keyboard.press('Enter');
}

/** "Add Connection…" (name, login URL, protection), then "Connect To…" it, signing in as the sandbox's admin. */
async function addAndSignIn(page: Page, name: string, url: string, protection: 'Protected' | 'Not protected'): Promise<void> {
  await runFromPalette(page, 'Workitems: Add Connection…');
  await answerBox(page, 'Add Connection (1/3)', name);
  await answerBox(page, 'Add Connection (2/3)', url);
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Add Connection (3/3)' }).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${protection}\\s*$`) }) })
    .first()
    .click({ timeout: STEP_TIMEOUT_MS });
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  // Not signed in yet: "Connect To…" asks for the user name and password.
  await runFromPalette(page, 'Workitems: Connect To…');
  // The pick is followed at once by the user name box: the widget stays open.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click({ timeout: STEP_TIMEOUT_MS });
  await answerBox(page, `Sign In to ${name} (1/2)`, 'admin');
  await answerBox(page, `Sign In to ${name} (2/2)`, 'admin-password');
  await page.locator('.part.statusbar .statusbar-item', { hasText: `${name} · admin` }).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
}

/** The webview frame whose tenant badge names `tenant`. */
async function panelOf(page: Page, tenant: string, workitemId: string): Promise<Frame> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const badge = await frame.locator('#tenant').innerText({ timeout: 500 }).catch(() => undefined);
      const body = badge === tenant ? await frame.locator('body').innerText({ timeout: 500 }).catch(() => '') : '';
      if (body.includes(workitemId)) return frame;
    }
    await page.waitForTimeout(300);
  }
  throw new Error(`no panel of ${workitemId} names ${tenant} in its header`);
}

export async function run(page: Page, context: UiCheckContext): Promise<void> {
  const [acme, globex] = await Promise.all([
    startSandbox({ port: 0, size: 400, seed: 51, traffic: false }),
    startSandbox({ port: 0, size: 400, seed: 52, traffic: false }),
  ]);
  try {
    const [acmeAdmin, globexAdmin] = await Promise.all([adminOf(acme), adminOf(globex)]);
    // An active call on acme whose id also names a workitem on globex: the same id, two workitems.
    const calls = (await acmeAdmin.search({ q: 'state:active AND channelType:voice', rows: 50 })).items;
    let id: string | undefined;
    for (const call of calls) {
      if (await globexAdmin.fetchWorkitem(call.workitemId).then(() => true, () => false)) {
        id = call.workitemId;
        break;
      }
    }
    if (id === undefined) throw new Error('no active call on acme whose id globex also has');

    await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
    const container = page.locator(`.part.activitybar [aria-label^="${CONTAINER_TITLE}"]`).first();
    await container.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await container.click();
    await waitForRows(page, 'the local sandbox', (rows) => rows.some((row) => STATE_ROW.test(row)));

    await addAndSignIn(page, ACME, acme.url, 'Protected');
    await addAndSignIn(page, GLOBEX, globex.url, 'Not protected');
    context.log(`added ${ACME} (protected) and ${GLOBEX}, signed in to each`);

    await runFromPalette(page, 'Workitems: Open Workitem by ID…');
    await answerInputBox(page, id);
    await panelOf(page, GLOBEX, id);

    // Back to acme: its session was kept, so nothing is asked.
    await runFromPalette(page, 'Workitems: Connect To…');
    await chooseQuickPickItem(page, ACME);
    // The globex panel still has the focus: the status bar names it first.
    await page
      .locator('.part.statusbar .statusbar-item', { hasText: `${GLOBEX} (panel) · connected to ${ACME}` })
      .first()
      .waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await runFromPalette(page, 'Workitems: Open Workitem by ID…');
    await answerInputBox(page, id);
    await panelOf(page, ACME, id);
    await runFromPalette(page, 'View: Move Editor into Right Group');
    const globexPanel = await panelOf(page, GLOBEX, id);
    const acmeAgain = await panelOf(page, ACME, id);

    const disabled = await acmeAgain.locator('button.action[disabled]').count();
    const enabled = await acmeAgain.locator('button.action:not([disabled])').count();
    const locked = await acmeAgain.locator('#locked').innerText({ timeout: STEP_TIMEOUT_MS });
    if (disabled === 0 || enabled > 0 || !locked.includes(`${ACME} is protected`)) {
      throw new Error(`the protected tenant's panel offers actions: ${disabled} disabled, ${enabled} enabled, note "${locked}"`);
    }
    const away = await globexPanel.locator('#away').innerText({ timeout: STEP_TIMEOUT_MS });
    if (!away.includes(`connected to ${ACME} now`) || (await globexPanel.locator('button.action:not([disabled])').count()) > 0) {
      throw new Error(`the ${GLOBEX} panel does not say it is not read through ${ACME}: "${away}"`);
    }
    context.log(`${id} open on both tenants side by side; ${ACME}: ${disabled} action(s) disabled with "${locked.trim()}"; ${GLOBEX}: "${away.trim()}"`);
    await screenshot(page, context, 'tenants-side-by-side');

    // The focus on the globex panel: the status bar names globex first.
    await page.locator('.tabs-container .tab', { hasText: GLOBEX }).first().click({ timeout: STEP_TIMEOUT_MS });
    await page
      .locator('.part.statusbar .statusbar-item', { hasText: `${GLOBEX} (panel) · connected to ${ACME}` })
      .first()
      .waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await screenshot(page, context, 'tenants-status-bar');
    context.log(`the status bar names ${GLOBEX} while its panel has the focus`);

    // The Connections view (collapsed at first): every connection with what it is now.
    const pane = page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header .title', { hasText: /^Connections$/ }) });
    await pane.locator('.pane-header').first().click({ timeout: STEP_TIMEOUT_MS });
    const acmeRow = pane.locator('.monaco-list-row', { hasText: ACME }).first();
    await acmeRow.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    const acmeText = (await acmeRow.innerText()).replace(/\s+/g, ' ');
    const globexText = (await pane.locator('.monaco-list-row', { hasText: GLOBEX }).first().innerText()).replace(/\s+/g, ' ');
    if (!acmeText.includes('in use · signed in · protected') || !globexText.includes('signed in · actions allowed')) {
      throw new Error(`the Connections view says "${acmeText}" and "${globexText}"`);
    }
    await screenshot(page, context, 'tenants-connections-view');
    context.log(`Connections view: "${acmeText}", "${globexText}"`);
    await pane.locator('.pane-header').first().click({ timeout: STEP_TIMEOUT_MS });

    // The Workitems view lists the connections; globex opened beside acme, each with its own counts.
    const [acmeStates, globexStates] = await Promise.all([stateLabels(acmeAdmin), stateLabels(globexAdmin)]);
    // From the top: everything closed (the rows opened by "Open Workitem by ID" scroll the roots away), then both opened.
    // The other views of the container closed, so that the Workitems view has the height for both tenants.
    await giveWorkitemsViewTheRoom(page);
    const workitemsPane = page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header .title', { hasText: /^Workitems$/ }) });
    await workitemsPane.locator('.pane-header').first().hover({ timeout: STEP_TIMEOUT_MS });
    await workitemsPane.locator('.pane-header .action-label[aria-label^="Collapse All"]').first().click({ timeout: STEP_TIMEOUT_MS });
    for (const tenant of [ACME, GLOBEX]) {
      await waitForRows(page, `the row of ${tenant}`, (rows) => rows.some((row) => row.startsWith(tenant)));
      await workitemsPane.locator('.monaco-list-row[aria-level="1"]', { hasText: tenant }).first().click({ timeout: STEP_TIMEOUT_MS });
    }
    const rows = await waitForRows(
      page,
      `${ACME}'s and ${GLOBEX}'s own counts side by side`,
      (labels) => sameLabels(stateRowsUnder(labels, ACME), acmeStates) && sameLabels(stateRowsUnder(labels, GLOBEX), globexStates),
    );
    await screenshot(page, context, 'tenants-tree-side-by-side');
    context.log(`Workitems view, ${ACME} in use and ${GLOBEX} opened beside it: ${JSON.stringify(rows)}`);
  } finally {
    await Promise.all([acme.stop(), globex.stop()]);
  }
}
