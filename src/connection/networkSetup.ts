// Keeps the shared transport in step with VS Code's proxy and certificate settings and ours.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { sharedTransport } from '../api/transport';
import { transportSettingsFrom } from '../config/networkSettings';
import type { SecretAwareLog } from '../log/redactingLog';
import { readSettings } from '../ui/vscodeSettings';

const WATCHED = ['http.proxy', 'http.proxySupport', 'http.noProxy', 'http.systemCertificates', 'workitemInspector.network.caFile'];

function apply(log: SecretAwareLog): void {
  const http = vscode.workspace.getConfiguration('http');
  const { settings, problems } = transportSettingsFrom(
    {
      proxy: http.get('proxy'),
      proxySupport: http.get('proxySupport'),
      noProxy: http.get('noProxy'),
      systemCertificates: http.get('systemCertificates'),
      caFile: readSettings()['network.caFile'],
      env: process.env,
    },
    (path) => readFileSync(path, 'utf8'),
  );
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
    if (WATCHED.some((key) => event.affectsConfiguration(key))) apply(log);
  });
}
