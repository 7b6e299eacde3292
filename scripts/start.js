// @ts-check
'use strict';
// The browser half of `npm start` (see start.sh): runs the harness's VS Code server with this
// repository loaded as the extension under development, prints the URL to open, and keeps it
// running until Ctrl-C, then stops the server's whole process group. The server listens on a Unix
// socket in a run folder only this user can enter; the loopback port belongs to a gateway that lets
// in only requests carrying the secret made here and printed in the URL (authGateway.js).
const fs = require('fs');
const path = require('path');
const { startServer } = require('./harness/server');
const { stopAllGroups, groupIsAlive } = require('./harness/processGroup');
const { workbenchUrl } = require('./harness/workbenchUrl');
const { makeSecret, startAuthGateway } = require('./harness/authGateway');

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
  fs.mkdirSync(runDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(runDir, 0o700);
  const socketPath = path.join(runDir, 'server.sock');
  const port = Number(process.env.WORKITEM_START_PORT || 0);
  const folder = path.resolve(process.env.WORKITEM_START_FOLDER || REPO);

  let stopping = false;
  /** @param {number} status */
  /** @type {{ close: () => Promise<void> } | undefined} */
  let gateway;
  const stop = async (status) => {
    if (stopping) return;
    stopping = true;
    say('stopping the VS Code server');
    await gateway?.close();
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
      port: 0,
      socketPath,
      // Fields of the harness's settings that starting a server does not read.
      chromium: '',
      extensionDir: REPO,
      screenshotsDir: runDir,
      timeoutMs: 0,
      verbose: false,
    },
    say,
  );
  const door = await startAuthGateway({ socketPath, secret: makeSecret(), port });
  gateway = door;
  const workbench = new URL(workbenchUrl(door.baseUrl, { folder, extensionDevelopmentPath: REPO }));
  const url = door.url(`${workbench.pathname}${workbench.search}`);
  console.log('');
  console.log('Workitem Inspector is running. Open this URL in a browser on this machine:');
  console.log('');
  console.log(`  ${url}`);
  console.log('');
  console.log('The URL carries the secret that lets you in; a request without it gets nothing.');
  console.log(`(From another machine, forward port ${door.port} first, e.g. ssh -L.)`);
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
