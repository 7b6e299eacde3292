import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseSettings } from '../../../src/config/settings';
import type { SandboxHandle } from '../../../src/connection/connection';
import { sandboxLauncher } from '../../../src/connection/sandboxLauncher';
import { READY_PREFIX } from '../../../src/sandbox/server/readyLine';
import { recordingLog } from '../commands/helpers/recordingLog';
import { connectionRig, type ConnectionRig } from './helpers/connectionRig';
import { skipWithReason } from '../support/pendingPolicy';

// Compiled to out/test/unit/connection; the bundle is dist/sandbox.js at the repository root.
const SCRIPT = path.resolve(__dirname, '../../../../dist/sandbox.js');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the sandbox as a child process', function () {
  let rig: ConnectionRig | undefined;
  let handle: SandboxHandle | undefined;

  before(function () {
    if (!existsSync(SCRIPT) || !readFileSync(SCRIPT, 'utf8').includes(READY_PREFIX.trim())) {
      skipWithReason(this, `${path.relative(process.cwd(), SCRIPT)} is not built yet; run \`node esbuild.js\` first`, false);
    }
  });

  afterEach(async () => {
    await rig?.cleanUp();
    await handle?.stop();
    rig = undefined;
    handle = undefined;
  });

  it('starts on a free loopback port, serves the sign-in, and is gone after stop', async () => {
    const log = recordingLog();
    const launch = sandboxLauncher({ script: SCRIPT, log });
    handle = await launch({ ...parseSettings(() => undefined), 'sandbox.size': 150, 'sandbox.traffic': false });
    const url = new URL(handle.url);
    assert.equal(url.hostname, '127.0.0.1');
    assert.notEqual(url.port, '7357', 'port 0 was asked for, not the CLI default');

    const answer = await fetch(`${handle.url}/provider/token-with-authorities`, {
      headers: { authorization: `Basic ${Buffer.from('viewer:viewer-password').toString('base64')}` },
    });
    assert.equal(answer.status, 200);

    let exited = false;
    void handle.exited?.then(() => {
      exited = true;
    });
    await handle.stop();
    await handle.exited;
    assert.ok(exited);
    await assert.rejects(fetch(`${handle.url}/provider/token-with-authorities`));
    assert.ok(!log.lines.join('\n').includes('password'), 'the start-up summary (with passwords) is not logged');
  });

  it('is started by the connection on first need and stopped when the connection is disposed', async () => {
    let pid: number | undefined;
    const launch = sandboxLauncher({ script: SCRIPT, log: recordingLog() });
    rig = connectionRig({
      startSandbox: async (settings) => {
        const started = await launch({ ...settings, 'sandbox.size': 150, 'sandbox.traffic': false });
        pid = started.pid;
        return started;
      },
    });
    assert.equal(pid, undefined);
    assert.equal(await (await rig.connection.getApi()).count(undefined), 150);
    assert.ok(pid !== undefined && isAlive(pid));

    await rig.connection.dispose();
    assert.ok(!isAlive(pid), 'the child process has exited');
  });
});
