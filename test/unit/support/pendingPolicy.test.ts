// The pending-test policy, run as CI runs it: a separate mocha with the root hook, on a spec file
// holding one pending test.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const HOOK = path.join(__dirname, 'pendingPolicy.js');
const MOCHA = require.resolve('mocha/bin/mocha.js');

function runMocha(spec: string, ci: string | undefined): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pending-policy-'));
  try {
    const file = path.join(dir, 'fake.test.js');
    fs.writeFileSync(file, spec);
    const env = { ...process.env };
    delete env.CI;
    if (ci !== undefined) env.CI = ci;
    const run = spawnSync(process.execPath, [MOCHA, '--no-config', '--require', HOOK, file], { env, encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const skipper = (appliesOnCi: boolean): string => `
  const { skipWithReason } = require(${JSON.stringify(HOOK)});
  describe('needs a tool', function () {
    before(function () { skipWithReason(this, 'the tool is missing', ${appliesOnCi}); });
    it('uses the tool', () => {});
    it('uses it again', () => {});
  });
  describe('runs', () => { it('passes', () => {}); });`;

describe('pending tests under CI=true', function () {
  this.timeout(60_000);

  it('a pending test without a reason fails the run on CI, not elsewhere', () => {
    const spec = `describe('s', () => { it('passes', () => {}); xit('forgotten', () => {}); });`;
    const ci = runMocha(spec, 'true');
    assert.notEqual(ci.status, 0, ci.output);
    assert.match(ci.output, /s forgotten: pending without a printed reason/);
    const local = runMocha(spec, undefined);
    assert.equal(local.status, 0, local.output);
  });

  it('a reason that cannot hold on CI fails the run on CI and is printed everywhere', () => {
    const ci = runMocha(skipper(false), 'true');
    assert.notEqual(ci.status, 0, ci.output);
    assert.match(ci.output, /needs a tool uses the tool: the tool is missing \(cannot be so on CI\)/);
    const local = runMocha(skipper(false), undefined);
    assert.equal(local.status, 0, local.output);
    assert.match(local.output, /skipped: the tool is missing/);
  });

  it('a reason that holds on CI passes there', () => {
    const ci = runMocha(skipper(true), 'true');
    assert.equal(ci.status, 0, ci.output);
    assert.match(ci.output, /2 pending/);
  });
});
