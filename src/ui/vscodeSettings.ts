// The extension's settings as read from VS Code: always through the zod schema of
// config/settings.ts, so a hand-edited settings.json with a wrong value falls back to the default.
import * as vscode from 'vscode';
import type { NetworkSettingValues } from '../config/networkSettings';
import { parseSettings, SETTINGS_SECTION, type SettingKey, type Settings } from '../config/settings';

export function readSettings(): Settings {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return parseSettings((key) => configuration.get(key));
}

/** Writes a user (global) setting: connection mode and grouping are the user's, not a workspace's. */
export async function writeUserSetting<K extends SettingKey>(key: K, value: Settings[K]): Promise<void> {
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}

/**
 * Writes a user setting and resolves once this extension host reads it back (at most `timeoutMs`),
 * to whether it did. In a remote window a write resolves before its value reaches the extension
 * host, so what is read right after (the list "Connect To…" offers after "Add Connection…") could
 * still be the old value; on a busy machine, while the window is still starting, that took more than
 * 3 s. The bound only matters when the value is late: a value seen at once returns at once.
 */
export async function writeUserSettingSeen<K extends SettingKey>(key: K, value: Settings[K], timeoutMs = 10_000): Promise<boolean> {
  await writeUserSetting(key, value);
  const seen = (): boolean => JSON.stringify(readSettings()[key]) === JSON.stringify(value);
  if (seen()) return true;
  return new Promise<boolean>((resolve) => {
    const done = (arrived: boolean): void => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(arrived);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    const subscription = onDidChangeSettings((affects) => {
      if (affects(key) && seen()) done(true);
    });
  });
}

/** Calls `listener` with a predicate telling which of our settings a configuration change touched. */
export function onDidChangeSettings(listener: (affects: (key: SettingKey) => boolean) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SETTINGS_SECTION)) {
      listener((key) => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
    }
  });
}

/** VS Code's own proxy and certificate settings beside ours: what the transport honours. */
export const NETWORK_SETTING_IDS = ['http.proxy', 'http.proxySupport', 'http.noProxy', 'http.systemCertificates', `${SETTINGS_SECTION}.network.caFile`];

export function readNetworkSettings(): NetworkSettingValues {
  const http = vscode.workspace.getConfiguration('http');
  return {
    proxy: http.get('proxy'),
    proxySupport: http.get('proxySupport'),
    noProxy: http.get('noProxy'),
    systemCertificates: http.get('systemCertificates'),
    caFile: readSettings()['network.caFile'],
    env: process.env,
  };
}
