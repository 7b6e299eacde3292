// @ts-check
'use strict';
// Installs a packaged .vsix into this run's extensions folder, opens the workbench WITHOUT an
// extension under development, and proves the installed copy activates: the "Workitems" container
// shows its tree with state rows such as "inqueue · 12", which needs the extension's own sandbox.
//   node run-vsix-check.js VSIX_FILE
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { readSettings } = require('./settings');
const { serverEnvironment } = require('./server');
const { runSession, EXIT } = require('./session');
const { workbenchUrl } = require('./workbenchUrl');

const EXTENSION_FOLDER_PREFIX = 'workitem-inspector.workitem-inspector-';
const CONTAINER_TITLE = 'Workitems';
const STATE_ROW = /^(inqueue|offered|accepted|active|hold|conference|terminated|dispositioned) · \d+/;
const STEP_TIMEOUT_MS = 60_000;

const vsix = process.argv[2];
if (!vsix || !fs.existsSync(vsix)) {
  console.error('usage: node run-vsix-check.js VSIX_FILE (an existing file)');
  process.exit(EXIT.harnessError);
}

/** @param {string} line */
function log(line) {
  console.log(`[harness] ${line}`);
}

/** The server's own CLI installs it, as a user would, before the server starts. */
function installVsix() {
  const settings = readSettings();
  const extensionsDir = path.join(settings.runDir, 'server-extensions');
  const { env, stateDirs } = serverEnvironment(settings.runDir);
  for (const dir of [extensionsDir, path.join(settings.runDir, 'server-user-data'), ...stateDirs]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  const startedAt = Date.now();
  const output = execFileSync(
    settings.node,
    [settings.serverEntry, '--install-extension', path.resolve(vsix), '--extensions-dir', extensionsDir, '--user-data-dir', path.join(settings.runDir, 'server-user-data')],
    { env, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const installed = fs.readdirSync(extensionsDir).filter((name) => name.startsWith(EXTENSION_FOLDER_PREFIX));
  if (installed.length !== 1) {
    throw new Error(`after --install-extension, ${extensionsDir} holds ${JSON.stringify(fs.readdirSync(extensionsDir))}; output:\n${output}`);
  }
  log(`installed ${installed[0]} in ${((Date.now() - startedAt) / 1000).toFixed(1)}s: ${output.trim().split('\n').pop()}`);
}

try {
  installVsix();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(EXIT.harnessError);
}

runSession(async ({ settings, baseUrl, page }) => {
  /** @param {string} name */
  const screenshot = (name) => page.screenshot({ path: path.join(settings.screenshotsDir, `vsix-${name}.png`) }).catch(() => undefined);
  const startedAt = Date.now();
  const since = () => `${((Date.now() - startedAt) / 1000).toFixed(1)}s`;
  try {
    await page.goto(workbenchUrl(baseUrl, { folder: settings.workspaceDir }));
    await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
    const container = page.locator(`.part.activitybar [aria-label^="${CONTAINER_TITLE}"]`).first();
    await container.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    log(`workbench shows the "${CONTAINER_TITLE}" activity-bar entry after ${since()}`);
    await container.click();
    const rows = page.locator('.part.sidebar .monaco-list[role="tree"] .monaco-list-row');
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    /** @type {string[]} */
    let labels = [];
    while (Date.now() < deadline) {
      labels = await rows.evaluateAll((found) => found.map((row) => (row.getAttribute('aria-label') ?? row.textContent ?? '').trim()));
      if (labels.some((label) => STATE_ROW.test(label))) {
        break;
      }
      await page.waitForTimeout(250);
    }
    await screenshot('tree');
    if (!labels.some((label) => STATE_ROW.test(label))) {
      throw new Error(`the installed extension's tree never showed a state row; rows: ${JSON.stringify(labels)}`);
    }
    log(`installed extension activated: tree rows after ${since()}: ${JSON.stringify(labels)}`);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await screenshot('failed');
    log('vsix check failed');
    return 1;
  }
});
