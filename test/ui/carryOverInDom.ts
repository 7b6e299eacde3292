// An update from the single-connection version, as a user meets it. The harness opens the workbench
// with the last version that held one NCX connection (built from this repository's history by
// scripts/build-earlier-version.js); it signs in to a probe sandbox as that version did. The same
// page then opens the current build on the same VS Code profile (user data, keychain, browser
// storage). Checked in the DOM: no sign-in is asked, the Workitems view lists the tenant as a named
// connection, in use and signed in, with its own server's counts under the filter set in the
// earlier version; the user settings hold the
// connection; a further start adds nothing; signed out, a start does not sign in again from the
// single-connection session (it moved, nothing of it stays behind).
//   node scripts/build-earlier-version.js &&
//   WORKITEM_HARNESS_EXTENSION_DIR=test-artifacts/earlier-build bash scripts/harness/vscode-harness.sh ui out/test/ui/carryOverInDom.js
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { startSandbox } from '../../src/sandbox';
import { adminOf, sameLabels, STATE_ROW, stateLabels, stateRowsUnder } from './tenantCounts';
import { answerInputBox, giveWorkitemsViewTheRoom, runFromPalette, screenshot, showWorkitemsContainer, signInThroughPalette, STEP_TIMEOUT_MS, waitForRows, type UiCheckContext } from './workbench';

const FILTER = 'channelType:voice';
/** The repository this check was compiled from (out/test/ui → the root): the current build. */
const CURRENT_BUILD = path.resolve(__dirname, '..', '..', '..');

function statusBarItem(page: Page, text: string) {
  return page.locator('.part.statusbar .statusbar-item', { hasText: text }).first();
}

interface UserSettings {
  readonly connections: unknown;
  readonly tenant: unknown;
}

function userSettings(context: UiCheckContext): UserSettings {
  const file = path.join(context.runDir, 'server-user-data', 'User', 'settings.json');
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  return { connections: parsed['workitemInspector.connections'], tenant: parsed['workitemInspector.connection.tenant'] };
}

function connectionsNamed(settings: UserSettings, name: string): unknown[] {
  const list = Array.isArray(settings.connections) ? (settings.connections as unknown[]) : [];
  return list.filter((entry) => typeof entry === 'object' && entry !== null && (entry as { name?: unknown }).name === name);
}

/**
 * The current build started on the profile: signed in to `tenant` without a question, listed at the
 * top of the Workitems view (in use, signed in) over its own server's counts.
 */
async function expectCarriedOver(page: Page, tenant: string, expected: readonly string[]): Promise<string[]> {
  await showWorkitemsContainer(page);
  await statusBarItem(page, `${tenant} · admin`).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  if (await page.locator('.quick-input-widget').isVisible()) {
    const title = await page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '');
    throw new Error(`the current build asks something on its first start: "${title}"`);
  }
  await giveWorkitemsViewTheRoom(page);
  const rows = await waitForRows(
    page,
    `${tenant} listed as a connection over its own counts`,
    (labels) => labels.some((label) => label.startsWith('Local Sandbox')) && sameLabels(stateRowsUnder(labels, tenant), expected),
  );
  const tenantRow = page.locator('.part.sidebar .monaco-list-row[aria-level="1"]', { hasText: tenant }).first();
  const text = (await tenantRow.innerText({ timeout: STEP_TIMEOUT_MS })).replace(/\s+/g, ' ');
  if (!text.includes('in use · signed in')) throw new Error(`the carried-over connection's row says "${text}"`);
  return rows;
}

export async function run(page: Page, context: UiCheckContext): Promise<void> {
  const tenant = await startSandbox({ port: 0, size: 300, seed: 61, traffic: false });
  try {
    const name = new URL(tenant.url).host;
    const admin = await adminOf(tenant);
    const expected = await stateLabels(admin, FILTER);
    if (sameLabels(await stateLabels(admin), expected)) throw new Error(`the filter ${FILTER} leaves every workitem: it would show nothing carried over`);

    // The single-connection version (the harness opened it): it has no Connections view, and signs in with a login URL.
    await showWorkitemsContainer(page);
    await waitForRows(page, 'the local sandbox of the earlier version', (rows) => rows.some((row) => STATE_ROW.test(row)));
    if ((await page.locator('.part.sidebar .pane-header .title', { hasText: /^Connections$/ }).count()) > 0) {
      throw new Error('the workbench did not open the single-connection version: it has a Connections view');
    }
    await signInThroughPalette(page, [tenant.url, 'admin', 'admin-password']);
    await statusBarItem(page, `${name} · admin`).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    // A filter set there is the tenant's after the update too.
    await runFromPalette(page, 'Workitems: Filter…');
    await answerInputBox(page, FILTER);
    await giveWorkitemsViewTheRoom(page);
    await waitForRows(page, `${name}'s counts in the earlier version`, (rows) => sameLabels(rows.filter((row) => STATE_ROW.test(row)), expected));
    await screenshot(page, context, 'carry-over-before');
    const before = userSettings(context);
    if (before.connections !== undefined) throw new Error(`the earlier version wrote named connections: ${JSON.stringify(before.connections)}`);
    context.log(`the single-connection version signed in to ${name}, filtered to ${FILTER}: ${JSON.stringify(expected)}`);

    // The current build on the same profile, as after an update.
    await page.goto(context.workbenchUrlWith(CURRENT_BUILD));
    const rows = await expectCarriedOver(page, name, expected);
    // The pointer off the activity bar, whose hover would cover a row of the picture.
    await page.mouse.move(700, 400);
    await page.locator('.monaco-hover, .workbench-hover').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    await screenshot(page, context, 'carry-over-named-connection');
    const after = userSettings(context);
    const carried = connectionsNamed(after, name);
    if (carried.length !== 1 || after.tenant !== name) {
      throw new Error(`the user settings hold ${JSON.stringify(after.connections)} with ${JSON.stringify(after.tenant)} in use`);
    }
    context.log(`the current build carried ${name} over, signed in without a question: ${JSON.stringify(rows)}`);

    // A further start finds the connection there and adds nothing.
    await page.goto(context.workbenchUrlWith(CURRENT_BUILD));
    await expectCarriedOver(page, name, expected);
    const again = userSettings(context);
    if (JSON.stringify(again.connections) !== JSON.stringify(after.connections)) {
      throw new Error(`a second start changed the connections: ${JSON.stringify(after.connections)} → ${JSON.stringify(again.connections)}`);
    }
    context.log('a second start of the current build kept the one connection, signed in');

    // The old key went with the carry-over: signed out, a further start does not sign in from it again.
    await runFromPalette(page, 'Workitems: Sign Out');
    await statusBarItem(page, `Sign in to ${name}`).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await page.goto(context.workbenchUrlWith(CURRENT_BUILD));
    await showWorkitemsContainer(page);
    await statusBarItem(page, `Sign in to ${name}`).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await page.waitForTimeout(2000);
    if (await statusBarItem(page, `${name} · admin`).isVisible()) throw new Error(`after a sign-out a start signed in to ${name} again`);
    context.log(`signed out of ${name}, the next start stays signed out: the single-connection session is gone`);
  } finally {
    await tenant.stop();
  }
}
