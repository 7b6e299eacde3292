// @ts-check
'use strict';
// Every long-lived process the harness starts (the VS Code server, chromium) leads its own process
// group, because each forks helpers of its own (extension host, agent host, renderers, GPU process)
// and stopping only the leader would leave them running.
const { spawn } = require('child_process');
const fs = require('fs');

/** Groups started by this process and not yet stopped. */
const runningGroups = new Set();

/**
 * Starts `command` as the leader of a new process group, its output appended to `logFile`.
 * The group id is also recorded in `pgidFile`, so the shell wrapper can still end the group if
 * this Node process is killed before it can clean up.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env: NodeJS.ProcessEnv, logFile: string, pgidFile: string, stdout?: 'log' | 'pipe', stderr?: 'log' | 'pipe' }} options
 */
function spawnGroup(command, args, options) {
  const logFd = fs.openSync(options.logFile, 'a');
  const child = spawn(command, args, {
    env: options.env,
    detached: true, // setsid(): the child's pid becomes its process group id
    stdio: ['ignore', options.stdout === 'pipe' ? 'pipe' : logFd, options.stderr === 'pipe' ? 'pipe' : logFd],
  });
  fs.closeSync(logFd);
  if (child.pid === undefined) {
    throw new Error(`could not start ${command}`);
  }
  fs.appendFileSync(options.pgidFile, `${child.pid}\n`);
  runningGroups.add(child.pid);
  return { child, pgid: child.pid };
}

/** @param {number} pgid */
function groupIsAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** @param {number} pgid @param {NodeJS.Signals} signal */
function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * Ends the whole group: SIGTERM first so the server can shut its children down cleanly, SIGKILL
 * for whatever is left after `graceMs`.
 * @param {number} pgid
 * @param {number} graceMs
 */
async function stopGroup(pgid, graceMs = 5000) {
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupIsAlive(pgid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (groupIsAlive(pgid)) {
    signalGroup(pgid, 'SIGKILL');
  }
  runningGroups.delete(pgid);
}

/** Stops, in reverse start order, every group this process started. Safe to call more than once. */
async function stopAllGroups(graceMs = 5000) {
  for (const pgid of [...runningGroups].reverse()) {
    await stopGroup(pgid, graceMs);
  }
}

module.exports = { spawnGroup, stopGroup, stopAllGroups, groupIsAlive };
