// @ts-check
'use strict';
// The browser half of `npm start` (see start.sh): runs the harness's VS Code server on loopback
// with this repository loaded as the extension under development, prints the URL to open, and
// keeps it running until Ctrl-C, then stops the server's whole process group.
const fs = require('fs');
const path = require('path');
const { startServer } = require('./harness/server');
const { stopAllGroups, groupIsAlive } = require('./harness/processGroup');
const { workbenchUrl } = require('./harness/workbenchUrl');

const REPO = path.resolve(__dirname, '..');

/** @param {string} name */
function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; run this through scripts/start.sh (npm start)`);
  }
  return value;
}

/** @param {string} line */
function say(line) {
  console.error(`[start] ${line}`);
}

async function main() {
  const cache = required('HARNESS_CACHE');
  // The harness prunes run folders whose owning process is gone, so name it after this one.
  const runDir = path.join(cache, 'runs', String(process.pid));
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  const port = Number(process.env.WORKITEM_START_PORT || 0);
  const folder = path.resolve(process.env.WORKITEM_START_FOLDER || REPO);

  let stopping = false;
  /** @param {number} status */
  const stop = async (status) => {
    if (stopping) return;
    stopping = true;
    say('stopping the VS Code server');
    await stopAllGroups();
    fs.rmSync(runDir, { recursive: true, force: true });
    process.exit(status);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const server = await startServer(
    {
      runDir,
      pgidFile: path.join(runDir, 'pgids'),
      node: required('HARNESS_NODE'),
      serverEntry: required('HARNESS_SERVER_ENTRY'),
      workspaceDir: folder,
      port,
      // Fields of the harness's settings that starting a server does not read.
      chromium: '',
      extensionDir: REPO,
      screenshotsDir: runDir,
      timeoutMs: 0,
      verbose: false,
    },
    say,
  );
  const url = workbenchUrl(server.baseUrl, { folder, extensionDevelopmentPath: REPO });
  console.log('');
  console.log('Workitem Inspector is running. Open this URL in a browser on this machine:');
  console.log('');
  console.log(`  ${url}`);
  console.log('');
  console.log(`(From another machine, forward port ${new URL(server.baseUrl).port} first, e.g. ssh -L.)`);
  console.log('Press Ctrl-C to stop.');

  const watch = setInterval(() => {
    if (!groupIsAlive(server.pgid)) {
      clearInterval(watch);
      say(`the VS Code server exited; its log is kept in ${path.join(runDir, 'server.log')}`);
      stopping = true;
      process.exit(1);
    }
  }, 2000);
}

main().catch(async (error) => {
  say(error instanceof Error ? error.message : String(error));
  await stopAllGroups();
  process.exit(1);
});
