// The action runner's hook: every action it sends is written to the history once, with how it
// ended, and the line is on disk before the user is told the result.
import * as assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NcxError } from '../../../src/api/errors';
import { actionAudit } from '../../../src/audit/actionAudit';
import { AuditLog } from '../../../src/audit/auditLog';
import { ActionRunner } from '../../../src/commands/actionRunner';
import { commandRig } from '../commands/helpers/commandRig';
import { DeferredActionsApi } from '../commands/helpers/deferredApi';
import { activeVoiceCall } from '../commands/helpers/workitems';

async function settled(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('action runner → action history', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'audit-runner-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('records each sent action once, and writes it before the refusal is shown', async () => {
    const api = new DeferredActionsApi();
    const rig = commandRig(api);
    const history = new AuditLog(dir);
    const linesWhenShown: number[] = [];
    const warn = rig.ui.warn.bind(rig.ui);
    rig.ui.warn = (message, ...actions) => {
      // What is on disk at the very moment the refusal is shown.
      linesWhenShown.push(readFileSync(history.file, 'utf8').trim().split('\n').length);
      return warn(message, ...actions);
    };
    const runner = new ActionRunner({
      ...rig.ctx,
      audit: actionAudit({ record: (r) => history.record(r), where: () => ({ tenant: 'sandbox', user: 'admin' }), log: rig.log }),
    });
    const call = activeVoiceCall();
    const done = runner.run('hold', call);
    await settled();
    api.calls[0]?.answer.resolve({ ...call, state: 'hold' });
    assert.equal(await done, 'done');

    const refused = runner.run('hangup', 'wi_77', { confirmed: true });
    await settled();
    api.calls[1]?.answer.reject(new NcxError('conflict', 'wi_77 is terminated: hangup is not possible', { status: 409 }));
    assert.equal(await refused, 'refused');
    await settled();

    assert.deepEqual(linesWhenShown, [2], 'the refusal was shown after its line was written');
    const { entries } = await history.read();
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.workitemId, entry.outcome, entry.tenant, entry.user]),
      [
        ['hangup', 'wi_77', 'refused', 'sandbox', 'admin'],
        ['hold', call.workitemId, 'done', 'sandbox', 'admin'],
      ],
    );
  });

  it('records nothing for an action that was not sent (declined confirmation)', async () => {
    const rig = commandRig(new DeferredActionsApi());
    const history = new AuditLog(dir);
    const runner = new ActionRunner({
      ...rig.ctx,
      audit: actionAudit({ record: (r) => history.record(r), where: () => ({ tenant: 'sandbox' }), log: rig.log }),
    });
    rig.ui.confirmAnswers = [false];
    assert.equal(await runner.run('hangup', 'wi_1'), 'cancelled');
    assert.deepEqual((await history.read()).entries, []);
  });
});
