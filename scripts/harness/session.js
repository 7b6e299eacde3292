// @ts-check
'use strict';
// One harness run: VS Code server + headless chromium around a body of work, with one overall
// timeout, and every started process group stopped whatever happens (success, failure, exception,
// timeout, SIGINT/SIGTERM).
const { readSettings } = require('./settings');
const { startServer } = require('./server');
const { launchBrowser } = require('./browser');
const { stopAllGroups } = require('./processGroup');

/** Exit statuses of the harness itself, distinct from the tests' own 0/1. */
const EXIT = { harnessError: 2, timeout: 124, interrupted: 130, terminated: 143 };

/** @param {string} line */
function log(line) {
  console.log(`[harness] ${line}`);
}

/**
 * @typedef {{
 *   settings: import('./settings').HarnessSettings,
 *   baseUrl: string,
 *   page: import('playwright-core').Page,
 *   log: (line: string) => void,
 *   onTimeout: (hook: () => Promise<void>) => void,
 * }} Session
 * @param {(session: Session) => Promise<number>} body resolves to the process exit status
 */
function runSession(body) {
  const startedAt = Date.now();
  /** @type {(() => Promise<void>) | undefined} */
  let timeoutHook;
  let finishing = false;

  /** @param {number} status @param {string} [reason] */
  const finish = async (status, reason) => {
    if (finishing) {
      return;
    }
    finishing = true;
    if (reason) {
      log(reason);
    }
    await stopAllGroups();
    log(`finished with exit status ${status} after ${((Date.now() - startedAt) / 1000).toFixed(1)}s`);
    process.exit(status);
  };

  process.on('SIGINT', () => void finish(EXIT.interrupted, 'interrupted'));
  process.on('SIGTERM', () => void finish(EXIT.terminated, 'terminated'));

  (async () => {
    const settings = readSettings();
    setTimeout(async () => {
      const hook = timeoutHook;
      if (hook) {
        await Promise.race([hook().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5000))]);
      }
      await finish(EXIT.timeout, `overall timeout of ${settings.timeoutMs / 1000}s reached`);
    }, settings.timeoutMs);

    const { baseUrl } = await startServer(settings, log);
    const { page } = await launchBrowser(settings, log);
    const status = await body({
      settings,
      baseUrl,
      page,
      log,
      onTimeout: (hook) => {
        timeoutHook = hook;
      },
    });
    await finish(status);
  })().catch(async (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await finish(EXIT.harnessError, 'the harness itself failed');
  });
}

module.exports = { runSession, EXIT };
