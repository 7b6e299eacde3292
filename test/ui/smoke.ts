// UI smoke check, driven through the workbench like a user: the activity-bar container, its tree,
// commands from the command palette, and a workitem's detail webview. The harness
// (scripts/harness, `ui`) opens the workbench with this repo as the extension under development
// and calls run() with the page; a screenshot is saved after every step.
import type { Page } from 'playwright-core';
import {
  answerInputBox,
  runAndChoose,
  elementScreenshot,
  findWebviewFrameShowing,
  openPalette,
  quickInput,
  quickPickLabels,
  rowLabels,
  runFromPalette,
  screenshot,
  STEP_TIMEOUT_MS,
  treeRows,
  workitemsTree,
  waitForRows,
  type UiCheckContext,
} from './workbench';

export type { UiCheckContext };

const CONTAINER_TITLE = 'Workitems';
const REFRESH_COMMAND = 'Workitems: Refresh';
const OPEN_BY_ID_COMMAND = 'Workitems: Open Workitem by ID…';
const GROUP_BY_COMMAND = 'Workitems: Group By…';
const FILTER_COMMAND = 'Workitems: Filter…';
const CLEAR_FILTER_COMMAND = 'Workitems: Clear Filter';
const WORKITEM_ID = /\bwi_[\w-]+/;
const CHANNEL_ROW = /^(voice|email|sms|chat|videoMeeting) · /;
const STATE_ROW = /^(inqueue|offered|accepted|active|hold|conference|terminated|dispositioned) · /;
/** Commands only tree rows offer: the palette must not list them. */
const ROW_ONLY_COMMANDS = ['Workitems: Load More', 'Workitems: Retry', 'Workitems: Show Validation Issues'];

/** The id of a workitem the tree shows: from a row's label, else from a workitem row's tooltip. */
async function findWorkitemId(page: Page): Promise<string> {
  const fromEnvironment = process.env.WORKITEM_UI_ID;
  if (fromEnvironment) {
    return fromEnvironment;
  }
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    // Any row of the sidebar will do: the Events view lists workitem ids as they change.
    const sidebarLabels = await page
      .locator('.part.sidebar .monaco-list[role="tree"] .monaco-list-row')
      .evaluateAll((rows) => rows.map((row) => (row.getAttribute('aria-label') ?? row.textContent ?? '').trim()));
    // One just dispositioned changes no more, so its panel is not re-rendered by live changes mid-check.
    const settled = sidebarLabels.find((label) => /→ dispositioned/.test(label) && WORKITEM_ID.test(label));
    const id = (settled ? [settled] : sidebarLabels).map((label) => WORKITEM_ID.exec(label)?.[0]).find(Boolean);
    if (id) {
      return id;
    }
    // Leaf rows carry no aria-expanded: group rows above them are expanded until one shows up.
    const leaf = workitemsTree(page).locator('.monaco-list-row:not([aria-expanded])').first();
    if ((await leaf.count()) > 0) {
      await leaf.hover();
      const hover = page.locator('.monaco-hover, .workbench-hover', { hasText: WORKITEM_ID }).first();
      const text = await hover.innerText({ timeout: 5000 }).catch(() => null);
      const fromTooltip = text === null ? undefined : WORKITEM_ID.exec(text)?.[0];
      if (fromTooltip) {
        await page.mouse.move(0, 0);
        return fromTooltip;
      }
    } else {
      const collapsed = workitemsTree(page).locator('.monaco-list-row[aria-expanded="false"]').first();
      if ((await collapsed.count()) > 0) {
        await collapsed.click();
      }
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`no tree row or tooltip shows a workitem id (${WORKITEM_ID.source}); rows: ${JSON.stringify(await rowLabels(page))}`);
}

async function openDetailByIdAndLook(page: Page, context: UiCheckContext): Promise<string> {
  const workitemId = await findWorkitemId(page);
  context.log(`opening ${workitemId}, an id the tree shows`);
  await runFromPalette(page, OPEN_BY_ID_COMMAND);
  await answerInputBox(page, workitemId);
  try {
    const frame = await findWebviewFrameShowing(page, workitemId);
    const heading = await frame.locator('h1, h2').first().textContent({ timeout: 2000 }).catch(() => null);
    context.log(`detail webview for ${workitemId} rendered; heading: ${JSON.stringify(heading)}`);
    await screenshot(page, context, '04-webview');
    await elementScreenshot(frame.locator('header.header').first(), context, '05-webview-header');
    const timeline = frame.locator('#timeline').first();
    await timeline.scrollIntoViewIfNeeded({ timeout: STEP_TIMEOUT_MS });
    context.log(`timeline section: ${JSON.stringify((await timeline.innerText()).split('\n').slice(0, 4))}`);
  } finally {
    await screenshot(page, context, '06-webview-timeline');
  }
  return workitemId;
}

/** What the panel says about its freshness after the other steps (it polls while visible). */
async function logPanelStatus(page: Page, context: UiCheckContext, workitemId: string): Promise<void> {
  const frame = await findWebviewFrameShowing(page, workitemId);
  const status = await frame.locator('#status-text').innerText({ timeout: STEP_TIMEOUT_MS });
  context.log(`detail panel of ${workitemId} at the end: ${JSON.stringify(status)}`);
}

async function lookAtPalette(page: Page, context: UiCheckContext): Promise<void> {
  await openPalette(page, 'Workitems: ');
  try {
    const labels = await quickPickLabels(page);
    context.log(`palette entries: ${JSON.stringify(labels)}`);
    const listedRowOnly = ROW_ONLY_COMMANDS.filter((title) => labels.some((label) => label.startsWith(title)));
    if (listedRowOnly.length > 0) {
      throw new Error(`the palette lists commands meant for tree rows only: ${listedRowOnly.join(', ')}`);
    }
    if (labels.some((label) => label.startsWith(CLEAR_FILTER_COMMAND))) {
      throw new Error('the palette offers "Clear Filter" while no filter is applied');
    }
  } finally {
    await screenshot(page, context, '07-palette');
    await page.keyboard.press('Escape');
  }
}

async function groupByChannelAndBack(page: Page, context: UiCheckContext): Promise<void> {
  await runAndChoose(page, GROUP_BY_COMMAND, 'Channel, then state');
  try {
    const labels = await waitForRows(page, 'channel groups at the top', (rows) => rows.length > 0 && rows.every((row) => CHANNEL_ROW.test(row)));
    context.log(`grouped by channel: ${JSON.stringify(labels)}`);
  } finally {
    await screenshot(page, context, '08-group-by-channel');
  }
  await runAndChoose(page, GROUP_BY_COMMAND, 'State, then channel');
  await waitForRows(page, 'state groups at the top again', (rows) => rows.length > 0 && rows.every((row) => STATE_ROW.test(row)));
}

async function filterAndLookAtARow(page: Page, context: UiCheckContext): Promise<void> {
  await runFromPalette(page, FILTER_COMMAND);
  await answerInputBox(page, 'state:hold');
  try {
    const labels = await waitForRows(page, 'only the hold group', (rows) => rows.length === 1 && rows[0].startsWith('hold · '));
    context.log(`filtered by state:hold: ${JSON.stringify(labels)}`);
    const title = await page.locator('.part.sidebar .composite.title').innerText({ timeout: STEP_TIMEOUT_MS });
    context.log(`side bar title while filtered: ${JSON.stringify(title)}`);
    await treeRows(page).first().click();
    await waitForRows(page, 'channel groups under hold', (rows) => rows.length > 1);
    await treeRows(page).nth(1).click();
    const workitemRow = workitemsTree(page).locator('.monaco-list-row:not([aria-expanded])').first();
    await workitemRow.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    // Live changes re-render the rows now and then, which closes a tooltip: hover again until one stays.
    const tooltip = page.locator('.monaco-hover, .workbench-hover', { hasText: WORKITEM_ID }).first();
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(0, 0);
      await workitemRow.hover();
      try {
        await tooltip.waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 6) throw error;
      }
    }
    await screenshot(page, context, '09-row-tooltip');
    await page.mouse.move(0, 0);
    await workitemRow.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    const items = (await menu.locator('.action-label').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
    context.log(`context menu of a held workitem: ${JSON.stringify(items)}`);
    await screenshot(page, context, '10-row-context-menu');
    await page.keyboard.press('Escape');
    if (!items.includes('Unhold') || items.includes('Hold')) {
      throw new Error(`a held call's menu should offer Unhold and not Hold: ${JSON.stringify(items)}`);
    }
  } finally {
    await screenshot(page, context, '11-filtered');
  }
  await runFromPalette(page, CLEAR_FILTER_COMMAND);
  await waitForRows(page, 'every state again', (rows) => rows.filter((row) => STATE_ROW.test(row)).length > 1);
}

export async function run(page: Page, context: UiCheckContext): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
  const container = page.locator(`.part.activitybar [aria-label^="${CONTAINER_TITLE}"]`).first();
  try {
    await container.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  } finally {
    await screenshot(page, context, '01-workbench');
  }
  context.log(`workbench loaded; activity bar shows "${CONTAINER_TITLE}"`);

  await container.click();
  try {
    await treeRows(page).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  } finally {
    await screenshot(page, context, '02-tree');
  }
  context.log(`tree rows: ${JSON.stringify(await rowLabels(page))}`);

  await runFromPalette(page, REFRESH_COMMAND);
  await quickInput(page).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  await treeRows(page).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await screenshot(page, context, '03-refresh');
  context.log(`"${REFRESH_COMMAND}" ran from the palette; rows after: ${JSON.stringify(await rowLabels(page))}`);

  const workitemId = await openDetailByIdAndLook(page, context);
  await lookAtPalette(page, context);
  await groupByChannelAndBack(page, context);
  await filterAndLookAtARow(page, context);
  await logPanelStatus(page, context, workitemId);
}
