// Runs the integration suites in a desktop VS Code downloaded by @vscode/test-electron. Needs
// internet access on first use (the download); offline machines use scripts/harness instead, which
// loads the same suites through the same run() entry.
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  // Compiled to out/test/electron/runTest.js: the repo root is three levels up.
  const extensionDevelopmentPath = path.resolve(__dirname, '../../..');
  const extensionTestsPath = path.resolve(__dirname, '../integration/index');
  await runTests({
    extensionDevelopmentPath,
    extensionTestsPath,
    // Only the extension under test: another installed extension could register clashing commands.
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error('Integration tests failed:', error);
  process.exit(1);
});
