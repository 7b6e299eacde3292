// @ts-check
'use strict';
// The workbench URL that makes the web workbench load this repo as an extension under development
// (and, for test runs, run a test module in the extension host); without a development path it
// opens the workbench with the installed extensions only. Paths travel as vscode-remote URIs
// whose authority must equal the host the browser talks to: the server derives its remote
// authority from the request.

/**
 * @param {string} baseUrl  http://127.0.0.1:PORT
 * @param {{ folder: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} target absolute paths
 */
function workbenchUrl(baseUrl, target) {
  const authority = new URL(baseUrl).host;
  /** @param {string} absolutePath */
  const remote = (absolutePath) => `vscode-remote://${authority}${encodeURI(absolutePath)}`;
  const payload = [];
  if (target.extensionDevelopmentPath) {
    payload.push(['extensionDevelopmentPath', remote(target.extensionDevelopmentPath)]);
  }
  if (target.extensionTestsPath) {
    payload.push(['extensionTestsPath', remote(target.extensionTestsPath)]);
  }
  const query = new URLSearchParams({ folder: target.folder });
  if (payload.length > 0) {
    query.set('payload', JSON.stringify(payload));
  }
  return `${baseUrl}/?${query.toString()}`;
}

module.exports = { workbenchUrl };
