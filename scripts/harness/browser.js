// @ts-check
'use strict';
// Headless Debian chromium, started by the harness itself (not by Playwright's launcher) so that it
// leads a process group the harness owns and records; Playwright then attaches over CDP on loopback.
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { chromium } = require('playwright-core');
const { spawnGroup } = require('./processGroup');

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox', // the harness usually runs as root, where chromium's sandbox refuses to start
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--password-store=basic',
  '--window-size=1400,900',
  '--remote-debugging-address=127.0.0.1',
  '--remote-debugging-port=0',
];

/**
 * @param {import('./settings').HarnessSettings} settings
 * @param {(line: string) => void} log
 * @returns {Promise<{ browser: import('playwright-core').Browser, page: import('playwright-core').Page }>}
 */
async function launchBrowser(settings, log) {
  const home = path.join(settings.runDir, 'browser-home');
  const profile = path.join(settings.runDir, 'browser-profile');
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(profile, { recursive: true });
  const logFile = path.join(settings.runDir, 'browser.log');
  // HOME and XDG_* too: chromium puts its NSS database and crash reports under the home directory.
  const env = {
    ...process.env,
    HOME: home,
    TMPDIR: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
  };
  const { child, pgid } = spawnGroup(settings.chromium, [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, 'about:blank'], {
    env,
    logFile,
    pgidFile: settings.pgidFile,
    stderr: 'pipe',
  });

  const endpoint = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: /** @type {NodeJS.ReadableStream} */ (child.stderr) });
    const timer = setTimeout(() => reject(new Error(`chromium printed no DevTools endpoint; see ${logFile}`)), 30_000);
    lines.on('line', (line) => {
      fs.appendFileSync(logFile, `${line}\n`);
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`chromium exited with code ${code} before it was ready; see ${logFile}`));
    });
  });

  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? (await context.newPage());
  log(`chromium ready (process group ${pgid})`);
  return { browser, page };
}

module.exports = { launchBrowser };
