import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PATHS } from '../../../../src/api/paths';
import { spawnSandboxProcess, type SandboxProcess } from '../../../../src/sandbox/server/sandboxProcess';
import { asWorkitem, call, findWorkitem, signIn } from './support/http';

// The CLI as compiled next to this test; the bundled dist/sandbox.js is the same code.
const CLI_SCRIPT = path.resolve(__dirname, '../../../../src/sandbox/cli.js');

describe('sandbox as a child process', function () {
  this.timeout(60_000);
  let dataDir: string;
  const children: SandboxProcess[] = [];

  async function spawnChild(): Promise<SandboxProcess> {
    const child = await spawnSandboxProcess({ script: CLI_SCRIPT, port: 0, size: 300, seed: 3, dataDir, traffic: false });
    children.push(child);
    return child;
  }

  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ncx-sandbox-child-'));
  });

  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => child.stop()));
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('resolves with the URL of its ready line and stops cleanly on SIGTERM', async () => {
    const child = await spawnChild();
    assert.match(child.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const token = await signIn(child.url, 'viewer');
    assert.equal((await call(child.url, PATHS.search('queue'), { token })).status, 200);
    assert.deepEqual(await child.stop(), { code: 0, signal: null });
  });

  it('keeps an acknowledged action when killed right after answering', async () => {
    const first = await spawnChild();
    const token = await signIn(first.url, 'agent');
    const voice = await findWorkitem(first.url, token, 'state:active AND channelType:voice');
    const held = asWorkitem(await call(first.url, PATHS.hold(voice.workitemId), { method: 'POST', token }));
    first.kill('SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL');

    const second = await spawnChild();
    const after = asWorkitem(await call(second.url, PATHS.workitem(voice.workitemId), { token: await signIn(second.url, 'agent') }));
    assert.equal(after.state, 'hold');
    assert.deepEqual(after, held);
  });

  it('rejects with the child\'s own words when it cannot start', async () => {
    await assert.rejects(
      spawnSandboxProcess({ script: CLI_SCRIPT, port: 0, size: 2_000_000 }),
      /exited before it was ready[\s\S]*--size must be at most 1000000/,
    );
  });
});
