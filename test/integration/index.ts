// The integration-test entry that VS Code loads in its extension host (the extensionTestsPath
// contract shared by @vscode/test-electron and the project's own harness): run() resolves when every
// test passed and rejects otherwise, which decides the extension host's exit code.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { z } from 'zod';

const TEST_FILE_SUFFIX = '.test.js';

// The harness's environment reaches the extension host: a developer can run a subset or give
// slow machines more time without editing code.
const RunOptionsSchema = z.object({
  WORKITEM_TEST_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  WORKITEM_TEST_GREP: z.string().optional(),
});

/** The compiled suites next to this file, in a stable order so runs are comparable. */
function findTestFiles(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((relative) => relative.endsWith(TEST_FILE_SUFFIX))
    .sort()
    .map((relative) => path.join(root, relative));
}

/** The closing line CI reads; printed on its own line whatever happened. */
function printSummary(passed: number, failed: number): void {
  console.log(`${passed} passed, ${failed} failed`);
}

export async function run(): Promise<void> {
  const options = RunOptionsSchema.parse(process.env);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: options.WORKITEM_TEST_TIMEOUT_MS, grep: options.WORKITEM_TEST_GREP || undefined });
  const files = findTestFiles(__dirname);
  if (files.length === 0) {
    printSummary(0, 0);
    throw new Error(`no *${TEST_FILE_SUFFIX} files under ${__dirname}`);
  }
  files.forEach((file) => mocha.addFile(file));

  // mocha.run() loads the files with require(), the loader through which the extension host
  // provides the `vscode` module; a module that throws while loading surfaces here.
  const failures = await new Promise<number>((resolve, reject) => {
    try {
      const runner = mocha.run((failed) => {
        printSummary(runner.stats?.passes ?? 0, failed);
        resolve(failed);
      });
    } catch (error) {
      console.error('A test module failed to load:', error);
      printSummary(0, 1);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
  // Loaded only now, as the suites were: it needs the `vscode` module.
  const { finishRemoteTenant } = await import('./helpers/remoteTenant');
  const remote = await finishRemoteTenant();
  if (remote) {
    console.log(remote.summary);
    remote.problems.forEach((problem) => console.error(`[remote tenant] ${problem}`));
  }
  if (failures > 0 || (remote?.problems.length ?? 0) > 0) {
    throw new Error(`${failures} integration test(s) failed${remote?.problems.length ? `; ${remote.problems.join('; ')}` : ''}`);
  }
}
