// @ts-check
'use strict';
// The harness's settings, handed over by the shell wrapper through the environment. Read in one
// place so a missing value fails at once with its name instead of deep inside a launch.
const path = require('path');

/** @param {string} name */
function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; start the harness through vscode-harness.sh`);
  }
  return value;
}

/** @param {string} name @param {number} fallback */
function positiveNumber(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  }
  return value;
}

function readSettings() {
  const runDir = required('HARNESS_RUN_DIR');
  return {
    runDir,
    pgidFile: path.join(runDir, 'pgids'),
    node: required('HARNESS_NODE'),
    serverEntry: required('HARNESS_SERVER_ENTRY'),
    chromium: required('HARNESS_CHROMIUM'),
    extensionDir: required('HARNESS_EXTENSION_DIR'),
    workspaceDir: process.env.WORKITEM_HARNESS_WORKSPACE || path.join(runDir, 'workspace'),
    screenshotsDir: required('HARNESS_SCREENSHOTS_DIR'),
    /** 0 picks a free port. */
    port: process.env.WORKITEM_HARNESS_PORT ? positiveNumber('WORKITEM_HARNESS_PORT', 0) : 0,
    timeoutMs: positiveNumber('WORKITEM_HARNESS_TIMEOUT_S', 600) * 1000,
    verbose: process.env.VERBOSE === '1' || process.env.VERBOSE === 'true',
  };
}

/** @typedef {ReturnType<typeof readSettings>} HarnessSettings */

module.exports = { readSettings };
