// The suites that talk to the sandbox need it still: no living traffic (states change only when a
// test acts) and no timed refresh of the tree (it refreshes when a test or an action asks). The
// settings are written as user settings before the sandbox starts, and every setting of the
// extension (the commands write some too: connection mode, grouping) is put back after the run,
// because a desktop test profile outlives it.
import * as vscode from 'vscode';
import { SETTING_KEYS, SETTINGS_SECTION, type Settings } from '../../../src/config/settings';

const QUIET_SANDBOX: Partial<Settings> = {
  'sandbox.traffic': false,
  refreshIntervalSeconds: 0,
};

/** The user-level values before the first change; undefined = nothing changed yet. */
let original: Map<string, unknown> | undefined;

function configuration(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION);
}

function remember(): void {
  if (original === undefined) {
    const config = configuration();
    original = new Map(SETTING_KEYS.map((key) => [key, config.inspect(key)?.globalValue]));
  }
}

/** Traffic off, timed refresh off; returns the keys it had to change (none when they already were). */
export async function applyQuietSandboxSettings(): Promise<string[]> {
  remember();
  const config = configuration();
  const changed: string[] = [];
  for (const [key, value] of Object.entries(QUIET_SANDBOX)) {
    if (config.get(key) !== value) {
      await config.update(key, value, vscode.ConfigurationTarget.Global);
      changed.push(key);
    }
  }
  return changed;
}

/** Writes one of the extension's user settings, remembering the value to put back. */
export async function writeUserSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  remember();
  await configuration().update(key, value, vscode.ConfigurationTarget.Global);
}

/** Puts back every user setting of the extension as it was before the first change. */
export async function restoreUserSettings(): Promise<void> {
  if (original === undefined) {
    return;
  }
  const before = original;
  original = undefined;
  const config = configuration();
  for (const [key, value] of before) {
    if (config.inspect(key)?.globalValue !== value) {
      await config.update(key, value, vscode.ConfigurationTarget.Global);
    }
  }
}

// This module is loaded while mocha reads the test files, outside any `describe`, so the hook
// belongs to the root suite: it runs once, after every suite. The view is closed first so that
// the settings put back do not make it fetch again while the extension host shuts down.
if (typeof after === 'function') {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await restoreUserSettings();
  });
}
