// @ts-check
'use strict';
// Runs a test module inside the real extension host: the workbench URL names this repo as the
// extension under development and the module as extensionTestsPath (the @vscode/test-electron
// contract: it exports run(): Promise<void>). The workbench reports the module's outcome through
// window.codeAutomationExit and every console line through window.codeAutomationLog.
//   node run-extension-tests.js TESTS_MODULE
const fs = require('fs');
const path = require('path');
const util = require('util');
const { runSession, EXIT } = require('./session');
const { workbenchUrl } = require('./workbenchUrl');
const { isNoise } = require('./consoleFilter');

const testsModule = process.argv[2];
if (!testsModule) {
  console.error('usage: node run-extension-tests.js TESTS_MODULE');
  process.exit(EXIT.harnessError);
}

runSession(async ({ settings, baseUrl, page, log, onTimeout }) => {
  const screenshot = async (/** @type {string} */ name) => {
    fs.mkdirSync(settings.screenshotsDir, { recursive: true });
    const file = path.join(settings.screenshotsDir, name);
    await page.screenshot({ path: file });
    log(`screenshot: ${path.relative(process.cwd(), file)}`);
  };
  onTimeout(() => screenshot('integration-timeout.png'));

  /** @type {(status: number) => void} */
  let reportExit = () => undefined;
  const exited = new Promise((resolve) => {
    reportExit = resolve;
  });
  await page.exposeFunction('codeAutomationLog', (/** @type {string} */ type, /** @type {unknown[]} */ args) => {
    const line = util.format(...(Array.isArray(args) ? args : [args]));
    if (settings.verbose || !isNoise(line)) {
      (type === 'error' ? console.error : console.log)(line);
    }
  });
  await page.exposeFunction('codeAutomationExit', (/** @type {number} */ status) => reportExit(status));

  const url = workbenchUrl(baseUrl, {
    folder: settings.workspaceDir,
    extensionDevelopmentPath: settings.extensionDir,
    extensionTestsPath: path.resolve(testsModule),
  });
  log(`opening the workbench; tests: ${path.relative(process.cwd(), path.resolve(testsModule))}`);
  await page.goto(url);
  const status = await exited;
  log(`extension host exited with code ${status}`);
  if (status !== 0) {
    await screenshot('integration-failed.png').catch(() => undefined);
  }
  return status === 0 ? 0 : 1;
});
