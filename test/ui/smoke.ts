// UI smoke check, driven through the workbench like a user: the activity-bar container, its tree,
// commands from the command palette, and a workitem's detail webview. The harness
// (scripts/harness, `ui`) opens the workbench with this repo as the extension under development
// and calls run() with the page; a screenshot is saved after every step.
import * as path from 'path';
import type { Frame, Page } from 'playwright-core';

export interface UiCheckContext {
  readonly screenshotsDir: string;
  readonly workbenchUrl: string;
  readonly log: (line: string) => void;
}

const CONTAINER_TITLE = 'Workitems';
const REFRESH_COMMAND = 'Workitems: Refresh';
const OPEN_BY_ID_COMMAND = 'Workitems: Open Workitem by ID…';
const WORKITEM_ID = /\bwi_[\w-]+/;
const STEP_TIMEOUT_MS = 30_000;

function treeRows(page: Page) {
  return page.locator('.part.sidebar .monaco-list[role="tree"] .monaco-list-row');
}

async function rowLabels(page: Page): Promise<string[]> {
  const labels: string[] = [];
  for (const row of await treeRows(page).all()) {
    labels.push(((await row.getAttribute('aria-label')) ?? (await row.textContent()) ?? '').trim());
  }
  return labels;
}

async function screenshot(page: Page, context: UiCheckContext, name: string): Promise<void> {
  const file = path.join(context.screenshotsDir, `ui-${name}.png`);
  await page.screenshot({ path: file });
  context.log(`screenshot ${path.basename(file)}`);
}

async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await input.fill(`>${title}`);
  const entry = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await entry.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await page.keyboard.press('Enter');
}

/** The id of a workitem the tree shows: from a row's label, else from a workitem row's tooltip. */
async function findWorkitemId(page: Page): Promise<string> {
  const fromEnvironment = process.env.WORKITEM_UI_ID;
  if (fromEnvironment) {
    return fromEnvironment;
  }
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const id = (await rowLabels(page)).map((label) => WORKITEM_ID.exec(label)?.[0]).find(Boolean);
    if (id) {
      return id;
    }
    // Leaf rows carry no aria-expanded: group rows above them are expanded until one shows up.
    const leaf = page.locator('.part.sidebar .monaco-list[role="tree"] .monaco-list-row:not([aria-expanded])').first();
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
      const collapsed = page.locator('.part.sidebar .monaco-list-row[aria-expanded="false"]').first();
      if ((await collapsed.count()) > 0) {
        await collapsed.click();
      }
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`no tree row or tooltip shows a workitem id (${WORKITEM_ID.source}); rows: ${JSON.stringify(await rowLabels(page))}`);
}

/** Webview content lives two iframes deep; the frame whose text names the workitem is the detail view. */
async function findWebviewFrameShowing(page: Page, text: string): Promise<Frame> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) {
        continue;
      }
      const body = await frame
        .locator('body')
        .innerText({ timeout: 1000 })
        .catch(() => '');
      if (body.includes(text)) {
        return frame;
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview frame shows "${text}" after ${STEP_TIMEOUT_MS} ms (${page.frames().length} frames)`);
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
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  await treeRows(page).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await screenshot(page, context, '03-refresh');
  context.log(`"${REFRESH_COMMAND}" ran from the palette; rows after: ${JSON.stringify(await rowLabels(page))}`);

  const workitemId = await findWorkitemId(page);
  context.log(`opening ${workitemId}, an id the tree shows`);
  await runFromPalette(page, OPEN_BY_ID_COMMAND);
  const idInput = page.locator('.quick-input-widget input');
  await idInput.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await idInput.fill(workitemId);
  await page.keyboard.press('Enter');
  try {
    const frame = await findWebviewFrameShowing(page, workitemId);
    const heading = await frame.locator('h1, h2').first().textContent({ timeout: 2000 }).catch(() => null);
    context.log(`detail webview for ${workitemId} rendered; heading: ${JSON.stringify(heading)}`);
  } finally {
    await screenshot(page, context, '04-webview');
  }
}
