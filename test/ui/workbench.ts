// How the UI check reaches the parts of the web workbench it drives: the Workitems tree's rows,
// the command palette and quick picks, webview frames, and screenshots named after each step.
import * as path from 'path';
import type { Frame, Locator, Page } from 'playwright-core';

export interface UiCheckContext {
  readonly screenshotsDir: string;
  readonly workbenchUrl: string;
  /** The same workbench with another build of the extension under development (same profile). */
  readonly workbenchUrlWith: (extensionDevelopmentPath: string) => string;
  /** The harness's run folder: the VS Code server's user data lives in `server-user-data`. */
  readonly runDir: string;
  readonly log: (line: string) => void;
}

export const STEP_TIMEOUT_MS = 30_000;

/** The Workitems view's tree alone: its container also holds the Requests and Events views. */
export function workitemsTree(page: Page): Locator {
  return page
    .locator('.part.sidebar .pane')
    .filter({ has: page.locator('.pane-header .title', { hasText: /^Workitems$/ }) })
    .locator('.monaco-list[role="tree"]');
}

/**
 * Closes the container's other views (Requests, Queries, Events, Watched), so that the Workitems view
 * has the height for its rows: VS Code draws only the rows in sight, and once the view lists the
 * connections above a tenant's groups, a group opened near the bottom shows its rows out of sight.
 */
export async function giveWorkitemsViewTheRoom(page: Page): Promise<void> {
  for (const title of ['Requests', 'Queries', 'Events', 'Watched']) {
    const header = page.locator('.part.sidebar .pane-header[aria-expanded="true"]', { has: page.locator('.title', { hasText: new RegExp(`^${title}$`) }) }).first();
    if ((await header.count()) > 0) await header.click({ timeout: STEP_TIMEOUT_MS });
  }
}

/**
 * Shows the Workitems container in the side bar. A window may restore it open already (another
 * window on the same folder, the same page opened again), and a click on the active container
 * would hide the side bar: it is clicked only while the side bar shows something else.
 */
export async function showWorkitemsContainer(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
  const container = page.locator('.part.activitybar [aria-label^="Workitems"]').first();
  await container.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  const shown = page.locator('.part.sidebar .composite.title', { hasText: 'Workitems' }).first();
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (!(await shown.isVisible()) && Date.now() < deadline) {
    await container.click();
    await page.waitForTimeout(1000);
  }
}

export function treeRows(page: Page): Locator {
  return workitemsTree(page).locator('.monaco-list-row');
}

/** Read in one go: the tree re-renders its rows while it loads, so row handles go stale. */
export function rowLabels(page: Page): Promise<string[]> {
  return treeRows(page).evaluateAll((rows) => rows.map((row) => (row.getAttribute('aria-label') ?? row.textContent ?? '').trim()));
}

/** Polls the tree's row labels until `accept` says yes; fails with the last labels seen. */
export async function waitForRows(page: Page, what: string, accept: (labels: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let labels: string[] = [];
  while (Date.now() < deadline) {
    labels = await rowLabels(page);
    if (accept(labels)) {
      return labels;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`the tree never showed ${what}; rows: ${JSON.stringify(labels)}`);
}

export async function screenshot(page: Page, context: UiCheckContext, name: string): Promise<void> {
  const file = path.join(context.screenshotsDir, `ui-${name}.png`);
  await page.screenshot({ path: file });
  context.log(`screenshot ${path.basename(file)}`);
}

export async function elementScreenshot(locator: Locator, context: UiCheckContext, name: string): Promise<void> {
  const file = path.join(context.screenshotsDir, `ui-${name}.png`);
  await locator.screenshot({ path: file, timeout: STEP_TIMEOUT_MS });
  context.log(`screenshot ${path.basename(file)}`);
}

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget input');
}

/** Opens the palette with `text` typed after ">" and waits until an entry shows it. */
export async function openPalette(page: Page, text: string): Promise<void> {
  // A palette opened while a webview holds the focus can close again as the webview takes it back;
  // then the focus is moved to the side bar's title and the palette opened once more.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await quickInput(page).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    try {
      await quickInput(page).fill(`>${text}`, { timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt === 3) {
        throw error;
      }
      await page.keyboard.press('Escape');
      await page.locator('.part.sidebar .composite.title').first().click({ timeout: STEP_TIMEOUT_MS });
    }
  }
  await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
}

/** The entries the open quick pick renders (it renders only those in view). */
export function quickPickLabels(page: Page): Promise<string[]> {
  return page
    .locator('.quick-input-list .monaco-list-row')
    .evaluateAll((rows) => rows.map((row) => (row.getAttribute('aria-label') ?? '').trim()));
}

/** Runs a command from the palette by its full title. */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  await openPalette(page, title);
  // The entry named exactly `title`: a longer title can rank first ("Clear Events Filter" for "Clear Filter").
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const entry = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
  await entry.click({ timeout: STEP_TIMEOUT_MS });
}

/** Chooses the entry of the open quick pick that shows `label`. */
export async function chooseQuickPickItem(page: Page, label: string): Promise<void> {
  const entry = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await entry.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await entry.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

/**
 * Runs a palette command and chooses `label` in the quick pick it opens. A pick can close before
 * the click lands (a webview panel re-rendering takes the focus), so the whole step is tried again.
 */
export async function runAndChoose(page: Page, command: string, label: string, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await runFromPalette(page, command);
    const entry = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    try {
      await entry.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      await entry.click({ timeout: STEP_TIMEOUT_MS / 3 });
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Clicks a status-bar entry until its quick pick opens, then picks `label`. A click that lands while
 * the entry is being re-rendered (its text just changed) opens nothing, so it is tried again.
 */
export async function chooseFromStatusBarEntry(page: Page, entry: Locator, label: string): Promise<void> {
  const choice = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  for (let attempt = 1; ; attempt++) {
    await entry.click({ timeout: STEP_TIMEOUT_MS });
    try {
      await choice.waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt === 3) {
        throw error;
      }
      await page.keyboard.press('Escape');
    }
  }
  await chooseQuickPickItem(page, label);
}

/** "Workitems: Sign In to NCX…" from the palette, each of its three boxes answered once its title shows. */
export async function signInThroughPalette(page: Page, answers: readonly [string, string, string]): Promise<void> {
  await openPalette(page, 'Workitems: Sign In to NCX…');
  await page.keyboard.press('Enter');
  // With named connections saved, the first step asks which one: this types a login URL instead.
  const firstBox = page.locator('.quick-input-widget .quick-input-title', { hasText: '(1/3)' });
  const another = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Another Login URL' });
  await firstBox.or(another).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  if (await another.isVisible()) {
    await quickInput(page).fill('Another Login URL');
    await page.keyboard.press('Enter');
  }
  for (const [index, answer] of answers.entries()) {
    await page
      .locator('.quick-input-widget .quick-input-title', { hasText: `(${index + 1}/3)` })
      .waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await quickInput(page).fill(answer);
    await page.keyboard.press('Enter');
  }
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

/** Types into the open input box and presses Enter. */
export async function answerInputBox(page: Page, text: string): Promise<void> {
  await quickInput(page).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await quickInput(page).fill(text);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

/** Webview content lives two iframes deep; the frame whose text contains `text` is the one. */
export async function findWebviewFrameShowing(page: Page, text: string): Promise<Frame> {
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

/**
 * Allows actions on the protected tenant `host` for 15 minutes as a person would: its status bar
 * entry, then the modal that names it. Returns the modal's text; resolves once the countdown shows.
 */
export async function allowActions(page: Page, host: string): Promise<string> {
  const locked = page.locator('.statusbar-item', { hasText: `${host} protected` }).first();
  await locked.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await locked.click();
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  const question = (await dialog.innerText()).replace(/\s+/g, ' ');
  if (!question.includes(`Allow actions on ${host} for 15 minutes?`)) throw new Error(`the question does not name the tenant: ${question}`);
  await dialog.locator('.monaco-button', { hasText: `Allow Actions on ${host}` }).first().click({ timeout: STEP_TIMEOUT_MS });
  await page.locator('.statusbar-item', { hasText: `Actions on ${host} · 1` }).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  return question;
}
