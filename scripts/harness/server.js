// @ts-check
'use strict';
// Starts code-server (the VS Code server with its Node extension host) on loopback for one run.
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');
const { spawnGroup, groupIsAlive } = require('./processGroup');

/** @returns {Promise<number>} a port nobody listens on right now */
function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** @param {string} url @param {string} [socketPath] */
function isHealthy(url, socketPath) {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2000, socketPath }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}

/** Settings that keep a fresh profile quiet and offline: no welcome page, no update or marketplace calls. */
const USER_SETTINGS = {
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  // The value this VS Code takes ("off"): the old `false` makes it rewrite settings.json while the
  // window starts, a write of its own beside the ones the checks wait for.
  'extensions.autoUpdate': 'off',
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
};

/**
 * The server's environment: temporary files, sockets and code-server's own state folders go into
 * the run folder rather than the home directory, and variables a surrounding VS Code sets are
 * dropped (with VSCODE_IPC_HOOK_CLI set, code-server would hand its arguments to that instance).
 * @param {string} runDir
 */
function serverEnvironment(runDir) {
  /** @type {NodeJS.ProcessEnv} */
  const inherited = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VSCODE_') && key !== 'ELECTRON_RUN_AS_NODE' && key !== 'NODE_OPTIONS') {
      inherited[key] = value;
    }
  }
  const xdg = path.join(runDir, 'server-xdg');
  const stateDirs = {
    TMPDIR: path.join(runDir, 'server-tmp'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    XDG_STATE_HOME: path.join(xdg, 'state'),
  };
  return { env: { ...inherited, ...stateDirs }, stateDirs: Object.values(stateDirs) };
}

/**
 * With `socketPath`, code-server listens on that Unix socket instead of a loopback port (for a
 * gateway in front of it, see authGateway.js); `baseUrl` then names the socket's health check only.
 * @param {import('./settings').HarnessSettings & { socketPath?: string }} settings
 * @param {(line: string) => void} log
 * @returns {Promise<{ baseUrl: string, authority: string, pgid: number }>}
 */
async function startServer(settings, log) {
  const { runDir } = settings;
  const userDataDir = path.join(runDir, 'server-user-data');
  const { env, stateDirs } = serverEnvironment(runDir);
  for (const dir of [path.join(userDataDir, 'User'), path.join(runDir, 'server-extensions'), settings.workspaceDir, ...stateDirs]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));

  const { socketPath } = settings;
  const port = socketPath ? 0 : settings.port || (await freeLoopbackPort());
  const authority = socketPath ? 'localhost' : `127.0.0.1:${port}`;
  // A config file of our own: without one code-server writes a default one into the home directory.
  const configFile = path.join(runDir, 'code-server.yaml');
  fs.writeFileSync(configFile, `bind-addr: ${authority}\nauth: none\ncert: false\n`);

  const logFile = path.join(runDir, 'server.log');
  const { pgid } = spawnGroup(
    settings.node,
    [
      settings.serverEntry,
      '--config', configFile,
      '--user-data-dir', userDataDir,
      '--extensions-dir', path.join(runDir, 'server-extensions'),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      // An extension host whose browser went away would otherwise wait hours for it to reconnect.
      '--reconnection-grace-time', '10',
      // The built workbench reads the URL's test payload only in smoke-test-driver mode.
      '--vscode-option', 'enable-smoke-test-driver',
      ...(socketPath ? ['--socket', socketPath, '--socket-mode', '600'] : []),
    ],
    { env, logFile, pgidFile: settings.pgidFile },
  );

  const baseUrl = `http://${authority}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await isHealthy(`${baseUrl}/healthz`, socketPath)) {
      log(`VS Code server listening on ${socketPath ?? baseUrl} (process group ${pgid})`);
      return { baseUrl, authority, pgid };
    }
    if (!groupIsAlive(pgid)) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  throw new Error(`the VS Code server did not come up; last lines of its log:\n${tail}`);
}

module.exports = { startServer, serverEnvironment };
