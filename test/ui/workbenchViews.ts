// UI check of the workbench: a new query with its completion list open, the results table after
// Run, and the request inspector with one exchange opened. A screenshot after each step.
import type { Page } from 'playwright-core';
import {
  findWebviewFrameShowing,
  runFromPalette,
  screenshot,
  STEP_TIMEOUT_MS,
  treeRows,
  type UiCheckContext,
} from './workbench';

export type { UiCheckContext };

async function showTree(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
  const container = page.locator('.part.activitybar [aria-label^="Workitems"]').first();
  await container.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await container.click();
  await treeRows(page).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
}

export async function run(page: Page, context: UiCheckContext): Promise<void> {
  await showTree(page);
  await runFromPalette(page, 'Workitems: New Workitem Query');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('AND channelType:');
  const suggest = page.locator('.suggest-widget.visible').first();
  if (!(await suggest.isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Space');
  }
  try {
    await suggest.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    context.log(`completion: ${JSON.stringify((await suggest.innerText()).split('\n').slice(0, 8))}`);
  } finally {
    await screenshot(page, context, '20-query-completion');
  }
  await page.keyboard.type('voice');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Enter');
  try {
    const frame = await findWebviewFrameShowing(page, 'workitems match');
    await frame.locator('.row:not(.loading)').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    context.log(`results status: ${JSON.stringify(await frame.locator('#status').innerText())}`);
  } finally {
    await screenshot(page, context, '21-results-table');
  }
  await runFromPalette(page, 'Workitems: Focus on Requests View');
  const requestRows = page.locator('.monaco-list-row', { hasText: 'GET /' });
  try {
    await requestRows.first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    context.log(`request rows: ${await requestRows.count()}`);
  } finally {
    await screenshot(page, context, '22-request-inspector');
  }
  await requestRows.first().click();
  try {
    await page.locator('.editor-instance .view-lines', { hasText: 'Authorization' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  } finally {
    await screenshot(page, context, '23-request-detail');
  }
}
