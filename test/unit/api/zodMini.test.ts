// The extension's schemas are written with zod/mini, which registers no message language by
// itself. This process has loaded zod's full build (other tests use it), and that build registers
// English for everyone; so the check runs in a fresh Node process that loads the extension's
// validating modules alone.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const MODULES = ['api/schemas', 'api/http', 'api/token', 'config/settings', 'connection/sessionStore', 'webviews/messages'];

interface FreshProcessReport {
  fullBuildFiles: string[];
  webviewProblem: string;
  workitemMessages: string[];
  settingsOnGarbage: unknown;
}

function runInFreshProcess(): FreshProcessReport {
  const sourceRoot = path.dirname(path.dirname(require.resolve('../../../src/api/schemas')));
  const script = `
    const root = ${JSON.stringify(sourceRoot)};
    for (const name of ${JSON.stringify(MODULES)}) require(require('path').join(root, name));
    const { parseWebviewMessage } = require(root + '/webviews/messages');
    const { WorkitemSchema } = require(root + '/api/schemas');
    const { parseSettings } = require(root + '/config/settings');
    const parsed = parseWebviewMessage({ type: 'timelinePage', offset: -1, limit: 'ten' });
    const workitem = WorkitemSchema.safeParse({ workitemId: 'wi_1', channelType: 'voice', type: 'InboundCall', state: 'active', createdAt: 1.5 });
    process.stdout.write(JSON.stringify({
      fullBuildFiles: Object.keys(require.cache).filter((file) => /[\\\\/]zod[\\\\/]v4[\\\\/]classic[\\\\/]/.test(file)),
      webviewProblem: parsed.ok ? '' : parsed.problem,
      workitemMessages: workitem.success ? [] : workitem.error.issues.map((issue) => issue.message),
      settingsOnGarbage: parseSettings(() => 'garbage'),
    }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as FreshProcessReport;
}

describe('api/zodMini', () => {
  let report: FreshProcessReport;
  before(() => {
    report = runInFreshProcess();
  });

  it("loads no part of zod's full build with the extension's schemas", () => {
    assert.deepEqual(report.fullBuildFiles, []);
  });

  it('describes webview message problems in English, as the full build did', () => {
    assert.equal(
      report.webviewProblem,
      'offset: Too small: expected number to be >=0; limit: Invalid input: expected number, received string',
    );
  });

  it('describes workitem issues in English', () => {
    assert.deepEqual(report.workitemMessages, ['Invalid input: expected int, received number']);
  });

  it('falls back to every default when each setting is unreadable', () => {
    assert.deepEqual(report.settingsOnGarbage, {
      'connection.mode': 'sandbox',
      'connection.tenant': 'garbage',
      connections: [],
      'ncx.loginUrl': 'garbage',
      'ncx.protected': true,
      'ncx.authScheme': 'bearer',
      'ncx.allowInsecureHttp': false,
      'sandbox.size': 5000,
      'sandbox.traffic': true,
      'tree.groupBy': 'stateChannel',
      'tree.pageSize': 100,
      'tree.sortBy': 'newest',
      'tree.changeFeed': true,
      'network.caFile': 'garbage',
      'live.events': true,
      'events.ringSize': 2000,
      refreshIntervalSeconds: 10,
      requestTimeoutSeconds: 15,
    });
  });
});
