// Actions that race: a Hold clicked twice while its request is still on the wire, and two people
// acting on one workitem at the same moment. Requests are counted where they land, on the
// sandbox (a fault rule that only delays them counts down once per request it sees).
import { strict as assert } from 'node:assert';
import { NcxClient } from '../../../src/api/client';
import { isNcxError, type NcxError } from '../../../src/api/errors';
import { PATHS } from '../../../src/api/paths';
import type { Workitem } from '../../../src/api/schemas';
import { ActionRunner } from '../../../src/commands/actionRunner';
import { actionCommand } from '../../../src/commands/actionCommand';
import { silentLog } from '../../../src/log/log';
import { startTestSandbox, type TestSandbox } from '../api/helpers/sandbox';
import { commandRig } from '../commands/helpers/commandRig';
import { FakePanels, FakeTree } from '../commands/helpers/fakeHooks';
import { FakeUi } from '../commands/helpers/fakeUi';
import { connectedHooks, signInAs, type SignedInSession } from '../commands/helpers/sandboxSession';

describe('hardening: racing actions', function () {
  this.timeout(20_000);
  let harness: TestSandbox;
  let admin: SignedInSession;
  let agent: SignedInSession;
  const used = new Set<string>();

  before(async () => {
    harness = await startTestSandbox({ size: 600, seed: 19 });
    admin = await signInAs(harness.url, 'admin');
    agent = await signInAs(harness.url, 'agent');
  });

  after(async () => {
    await harness.stop();
  });

  afterEach(async () => {
    await harness.clearFaults();
  });

  /** A voice call in `state` no other test of this suite has touched. */
  async function freshCall(state: string): Promise<Workitem> {
    for await (const page of admin.api.pages({ q: `state:${state} AND channelType:voice`, rows: 100 })) {
      const workitem = page.items.find((item) => !used.has(item.workitemId));
      if (workitem) {
        used.add(workitem.workitemId);
        return workitem;
      }
    }
    assert.fail(`the data set has no unused ${state} voice call`);
  }

  /** Delays every request to `path` by `delayMs`; the rule's `times` then says how many came. */
  async function countRequests(method: string, path: string, delayMs: number): Promise<() => Promise<number>> {
    const budget = 1000;
    await harness.setFaults([{ match: { method, pathPrefix: path }, times: budget, delayMs }]);
    return async () => budget - ((await harness.faults())[0]?.times ?? 0);
  }

  it('a Hold invoked twice on the same row while the first is in flight sends ONE request', async () => {
    const call = await freshCall('active');
    // Held back long enough that the second click surely comes while the first is on the wire.
    const landed = await countRequests('POST', PATHS.hold(call.workitemId), 500);
    const rig = commandRig(admin.api);
    const hold = actionCommand(rig.ctx, rig.runner, 'hold');
    const row = { workitem: call };

    const first = hold(row, [row]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.ok(rig.runner.isBusy(call.workitemId), 'the first request is still on the wire');
    const second = hold(row, [row]);
    await Promise.all([first, second]);

    assert.equal(await landed(), 1, 'requests that reached the sandbox');
    assert.equal((await admin.api.fetchWorkitem(call.workitemId)).state, 'hold');
    assert.equal(rig.ui.messages.length, 0, 'nothing to warn about: the second click joined the first');

    // Once the first has finished, a third click is a new request, which the sandbox refuses.
    await hold(row, [row]);
    assert.equal(await landed(), 2);
    assert.equal(rig.ui.messages.length, 1);
    assert.match(rig.ui.messages[0]?.text ?? '', new RegExp(`${call.workitemId} is hold: hold is not possible`));
  });

  it('two people holding one call at once: one succeeds, the other gets a clear 409, both then read the truth', async () => {
    const call = await freshCall('active');
    const landed = await countRequests('POST', PATHS.hold(call.workitemId), 50);
    const outcomes = await Promise.allSettled([admin.api.act('hold', call.workitemId, {}), agent.api.act('hold', call.workitemId, {})]);
    assert.equal(await landed(), 2, 'both requests reached the sandbox');

    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    assert.equal(won.length, 1, 'exactly one hold was applied');
    assert.equal(lost.length, 1);
    const refusal = lost[0];
    assert.ok(isNcxError(refusal), String(refusal));
    assert.equal(refusal.kind, 'conflict');
    assert.equal(refusal.details.status, 409);
    assert.match(refusal.message, /refused POST \/users\/api\/calls\/.+\/hold because of the current state; refresh and try again/);
    assert.match(refusal.message, new RegExp(`The server said: "${call.workitemId} is hold: hold is not possible"`));

    const [seenByAdmin, seenByAgent] = await Promise.all([admin.api.fetchWorkitem(call.workitemId), agent.api.fetchWorkitem(call.workitemId)]);
    assert.deepEqual(seenByAdmin, seenByAgent);
    assert.equal(seenByAdmin.state, 'hold');
    const added = (seenByAdmin.timeEvents ?? []).slice((call.timeEvents ?? []).length);
    assert.deepEqual(added.map((event) => event.type), ['held'], 'the hold is in the timeline once');
  });

  /** Two windows, each with its own client, runner and tree, as two agents would have. */
  function twoWindows(): Array<{ ui: FakeUi; runner: ActionRunner }> {
    return [admin, agent].map((session) => {
      const ui = new FakeUi();
      ui.confirmAnswers.push(true);
      return { ui, runner: new ActionRunner({ ui, log: silentLog, connection: connectedHooks(session), tree: new FakeTree(), panels: new FakePanels() }) };
    });
  }

  it('two agents hanging up one call at once: one is done, the other is told it has ended', async () => {
    const call = await freshCall('hold');
    const [first, second] = twoWindows();
    assert.ok(first && second);
    const outcomes = await Promise.all([first.runner.run('hangup', call), second.runner.run('hangup', call)]);
    assert.deepEqual([...outcomes].sort(), ['done', 'refused']);
    const loser = outcomes[0] === 'refused' ? first : second;
    assert.deepEqual(
      loser.ui.messages.map((message) => [message.level, message.text]),
      [['warn', `${call.workitemId} is terminated: hangup is not possible`]],
    );
    const truth = await admin.api.fetchWorkitem(call.workitemId);
    assert.deepEqual(await agent.api.fetchWorkitem(call.workitemId), truth);
    assert.equal(truth.state, 'terminated');
    assert.deepEqual((truth.timeEvents ?? []).slice((call.timeEvents ?? []).length).map((event) => event.type), ['terminated']);
  });

  it('a hang-up racing a transfer ends as one of the two serial orders, and both windows agree', async () => {
    const call = await freshCall('active');
    const [queue] = await admin.api.listQueues();
    assert.ok(queue);
    const [first, second] = twoWindows();
    assert.ok(first && second);
    const [hangUp, transfer] = await Promise.all([
      first.runner.run('hangup', call),
      second.runner.run('transfer', call, { input: { queueId: queue._id } }),
    ]);
    const truth = await admin.api.fetchWorkitem(call.workitemId);
    assert.deepEqual(await agent.api.fetchWorkitem(call.workitemId), truth);
    const added = (truth.timeEvents ?? []).slice((call.timeEvents ?? []).length).map((event) => event.type);
    assert.equal(hangUp, 'done', 'a hang-up is allowed both from active and from the queue');
    assert.equal(truth.state, 'terminated');
    if (transfer === 'done') {
      assert.deepEqual(added, ['transferred', 'terminated'], 'transfer first, then the hang-up');
    } else {
      assert.equal(transfer, 'refused');
      assert.deepEqual(added, ['terminated'], 'hang-up first; the transfer was refused');
      assert.match(second.ui.messages[0]?.text ?? '', /is terminated: transfer is not possible/);
    }
  });

  it('a burst of concurrent holds and unholds on one call applies each acknowledged one exactly once', async () => {
    const call = await freshCall('active');
    const clients = Array.from({ length: 8 }, (_unused, index) => new NcxClient({ location: harness.url, token: () => (index % 2 === 0 ? admin.token : agent.token), retries: 0 }));
    const acknowledged: Workitem[] = [];
    const refused: NcxError[] = [];
    for (let round = 0; round < 6; round += 1) {
      const outcomes = await Promise.allSettled(
        clients.map((client, index) => (index % 2 === round % 2 ? client.act('hold', call.workitemId, {}) : client.act('unhold', call.workitemId, {}))),
      );
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') {
          if (outcome.value) acknowledged.push(outcome.value);
        } else {
          assert.ok(isNcxError(outcome.reason) && outcome.reason.kind === 'conflict', String(outcome.reason));
          refused.push(outcome.reason);
        }
      }
    }
    const truth = await admin.api.fetchWorkitem(call.workitemId);
    const before = (call.timeEvents ?? []).length;
    const timeline = truth.timeEvents ?? [];
    assert.equal(timeline.length - before, acknowledged.length, 'one event per acknowledged action, no more');
    const positions = acknowledged.map((answer) => (answer.timeEvents ?? []).length - 1);
    assert.equal(new Set(positions).size, positions.length, 'no two acknowledgements claim the same event');
    for (const answer of acknowledged) {
      const own = (answer.timeEvents ?? []).slice(-1)[0];
      assert.deepEqual(timeline[(answer.timeEvents ?? []).length - 1], own);
    }
    assert.equal(acknowledged.length + refused.length, 48);
    assert.ok(acknowledged.length >= 1 && refused.length >= 1);
  });
});
