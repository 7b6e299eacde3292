// @ts-check
'use strict';
// Opens the workbench with this repo loaded as the extension under development and hands the page
// to a UI check module: it exports run(page, context): Promise<void> and drives the UI through
// Playwright; a rejection fails the run. `context.workbenchUrlWith(dir)` names the same workbench
// with another build of the extension under development: a check that opens it in the same page
// starts that build on the same VS Code profile (user data, keychain, browser storage).
//   node run-ui-check.js UI_MODULE
const path = require('path');
const { runSession, EXIT } = require('./session');
const { workbenchUrl } = require('./workbenchUrl');

const uiModule = process.argv[2];
if (!uiModule) {
  console.error('usage: node run-ui-check.js UI_MODULE');
  process.exit(EXIT.harnessError);
}

runSession(async ({ settings, baseUrl, page, log, onTimeout }) => {
  const check = require(path.resolve(uiModule));
  if (typeof check.run !== 'function') {
    throw new Error(`${uiModule} does not export run(page, context)`);
  }
  onTimeout(async () => {
    await page.screenshot({ path: path.join(settings.screenshotsDir, 'ui-timeout.png') });
  });
  const url = workbenchUrl(baseUrl, { folder: settings.workspaceDir, extensionDevelopmentPath: settings.extensionDir });
  log('opening the workbench with the extension under development');
  await page.goto(url);
  try {
    const workbenchUrlWith = (/** @type {string} */ extensionDevelopmentPath) =>
      workbenchUrl(baseUrl, { folder: settings.workspaceDir, extensionDevelopmentPath });
    await check.run(page, { screenshotsDir: settings.screenshotsDir, workbenchUrl: url, workbenchUrlWith, runDir: settings.runDir, log });
    log('UI check passed');
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await page.screenshot({ path: path.join(settings.screenshotsDir, 'ui-failed.png') }).catch(() => undefined);
    log('UI check failed');
    return 1;
  }
});
