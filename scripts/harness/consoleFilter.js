// @ts-check
'use strict';
// The workbench and the extension host log a lot that only says "this machine is offline" or
// describes the server's own plumbing. Hidden unless VERBOSE=1, so the test output stays readable.
const OFFLINE_NOISE = [
  /getaddrinfo ENOTFOUND/,
  /ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED/,
  /open-vsx\.org|marketplace\.visualstudio\.com|mobile\.events\.data\.microsoft\.com|api\.github\.com/,
  /vsda/,
  /^\[(AgentHost|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)\b/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin/,
];

/** @param {string} line */
function isNoise(line) {
  return OFFLINE_NOISE.some((pattern) => pattern.test(line));
}

module.exports = { isNoise };
