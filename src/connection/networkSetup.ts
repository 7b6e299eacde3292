// Keeps the shared transport in step with VS Code's proxy and certificate settings and ours.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { sharedTransport } from '../api/transport';
import { transportSettingsFrom } from '../config/networkSettings';
import type { SecretAwareLog } from '../log/redactingLog';
import { NETWORK_SETTING_IDS, readNetworkSettings } from '../ui/vscodeSettings';

function apply(log: SecretAwareLog): void {
  const { settings, problems } = transportSettingsFrom(readNetworkSettings(), (path) => readFileSync(path, 'utf8'));
  for (const problem of problems) log.error(problem);
  log.info(
    `Network: ${settings.proxy ? 'through a proxy' : 'direct'}, ${settings.extraCa?.length ? 'with' : 'no'} extra CA, ` +
      `system certificates ${settings.systemCertificates ? 'on' : 'off'}; connections kept alive.`,
  );
  sharedTransport.configure(settings);
}

export function setUpNetwork(log: SecretAwareLog): vscode.Disposable {
  apply(log);
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (NETWORK_SETTING_IDS.some((key) => event.affectsConfiguration(key))) apply(log);
  });
}
