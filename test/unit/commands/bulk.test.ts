import * as assert from 'node:assert/strict';
import { NcxError } from '../../../src/api/errors';
import type { Workitem } from '../../../src/api/schemas';
import { actionTitle } from '../../../src/commands/actionText';
import { BULK_CONCURRENCY, runBulkAction } from '../../../src/commands/bulk/bulkRun';
import { summaryHeadline, summaryPickItems } from '../../../src/commands/bulk/bulkSummary';
import { commandRig, type CommandRig } from './helpers/commandRig';
import { DeferredActionsApi } from './helpers/deferredApi';
import { activeVoiceCall } from './helpers/workitems';

/** Lets every settled promise run its continuations (the lanes pick their next workitem). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function calls(count: number, overrides: Partial<Workitem> = {}): Workitem[] {
  return Array.from({ length: count }, (_, index) => activeVoiceCall({ workitemId: `wi_bulk_${index + 1}`, ...overrides }));
}

interface BulkRig extends CommandRig {
  api: DeferredActionsApi;
}

function bulkRig(): BulkRig {
  const api = new DeferredActionsApi();
  const rig = commandRig(api);
  rig.ui.confirmAnswers = [true];
  return { ...rig, api };
}

/** Answers every call in turn, checking before each answer how many are in flight at once. */
async function answerAll(api: DeferredActionsApi, refuse: (id: string) => string | undefined = () => undefined): Promise<number> {
  let answered = 0;
  let most = 0;
  for (;;) {
    await settle();
    const inFlight = api.calls.length - answered;
    most = Math.max(most, inFlight);
    const call = api.calls[answered];
    if (!call) return most;
    const reason = refuse(call.id);
    if (reason === undefined) call.answer.resolve(activeVoiceCall({ workitemId: call.id, state: 'terminated', actions: [] }));
    else call.answer.reject(new NcxError('conflict', `HTTP 409 from POST /workitems/${call.id}/hangup`, { status: 409, serverMessage: reason }));
    answered++;
  }
}

describe('runBulkAction', () => {
  it('sends each workitem once, however often the selection repeats it', async () => {
    const { ctx, runner, api } = bulkRig();
    const [first, second, third] = calls(3) as [Workitem, Workitem, Workitem];
    const running = runBulkAction(ctx, runner, 'hangup', [first, second, first, third, second.workitemId, third], {});
    await answerAll(api);
    const summary = await running;

    assert.deepEqual(
      api.calls.map((call) => call.id).sort(),
      [first.workitemId, second.workitemId, third.workitemId].sort(),
    );
    assert.equal(summary?.done.length, 3);
    assert.deepEqual(summary?.refused, []);
    assert.deepEqual(summary?.skipped, []);
  });

  it(`never has more than ${BULK_CONCURRENCY} requests in flight, and sends all of them`, async () => {
    const { ctx, runner, api, ui } = bulkRig();
    const targets = calls(BULK_CONCURRENCY * 3 + 1);
    const running = runBulkAction(ctx, runner, 'hangup', targets, {});
    const most = await answerAll(api);
    await running;

    assert.equal(most, BULK_CONCURRENCY, 'the lanes are all used, and no more');
    assert.equal(api.calls.length, targets.length);
    assert.equal(ui.progressReports.length, targets.length, 'one progress step per workitem');
  });

  it('stops sending new ones once the progress is cancelled; the rest are skipped as not sent', async () => {
    const { ctx, runner, api, ui } = bulkRig();
    const targets = calls(12);
    ui.cancelAfterReports = 2;
    const running = runBulkAction(ctx, runner, 'hangup', targets, {});
    await settle();
    assert.equal(api.calls.length, BULK_CONCURRENCY);
    api.calls[0]?.answer.resolve(activeVoiceCall({ workitemId: api.calls[0].id }));
    await settle();
    api.calls[1]?.answer.resolve(activeVoiceCall({ workitemId: api.calls[1].id }));
    await settle();
    const sentWhenCancelled = api.calls.length;
    await answerAll(api);
    const summary = await running;

    assert.ok(sentWhenCancelled < targets.length);
    assert.equal(api.calls.length, sentWhenCancelled, 'nothing new is sent after Cancel');
    assert.equal(summary?.done.length, sentWhenCancelled, 'the requests already under way finish');
    assert.equal(summary?.skipped.length, targets.length - sentWhenCancelled);
    const sent = new Set(api.calls.map((call) => call.id));
    for (const row of summary?.skipped ?? []) {
      assert.equal(sent.has(row.workitemId), false, `${row.workitemId} was not sent`);
      assert.equal(row.outcome, 'cancelled');
      assert.match(row.reason ?? '', /cancel/i);
    }
  });

  it('skips the workitems the action is not offered for, and names them in the confirmation and the summary', async () => {
    const { ctx, runner, api, ui } = bulkRig();
    const offered = calls(2);
    const ended = activeVoiceCall({ workitemId: 'wi_bulk_ended', state: 'terminated', actions: [] });
    const running = runBulkAction(ctx, runner, 'hangup', [offered[0] as Workitem, ended, offered[1] as Workitem], {});
    await answerAll(api);
    const summary = await running;

    assert.equal(api.calls.some((call) => call.id === ended.workitemId), false, 'the ended call is not sent');
    assert.equal(ui.confirmations.length, 1, 'one confirmation for the whole run');
    assert.match(ui.confirmations[0]?.message ?? '', /2 workitems/);
    assert.match(ui.confirmations[0]?.detail ?? '', /wi_bulk_ended/);
    assert.equal(summary?.skipped.length, 1);
    assert.equal(summary?.skipped[0]?.workitemId, ended.workitemId);
    assert.equal(summary?.skipped[0]?.outcome, 'notAllowed');
    assert.match(summary?.skipped[0]?.reason ?? '', /terminated/);
  });

  it('sends nothing and says so when none of the selection allows the action', async () => {
    const { ctx, runner, api, ui } = bulkRig();
    const summary = await runBulkAction(ctx, runner, 'hangup', calls(3, { state: 'terminated', actions: [] }), {});
    assert.equal(summary, undefined);
    assert.equal(api.calls.length, 0);
    assert.equal(ui.confirmations.length, 0);
    assert.match(ui.textsAt('warn').join('\n'), /None of the 3 selected workitems/);
  });

  it('sends nothing when the confirmation is declined', async () => {
    const { ctx, runner, api, ui } = bulkRig();
    ui.confirmAnswers = [false];
    assert.equal(await runBulkAction(ctx, runner, 'hangup', calls(3), {}), undefined);
    await settle();
    assert.equal(api.calls.length, 0);
  });

  it("carries the server's reason on each refused workitem, and the headline counts every outcome", async () => {
    const { ctx, runner, api, ui, panels } = bulkRig();
    const targets = calls(5);
    const ended = activeVoiceCall({ workitemId: 'wi_bulk_gone', state: 'terminated', actions: [] });
    const refusedIds = new Set(['wi_bulk_2', 'wi_bulk_4']);
    const serverReason = (id: string): string => `${id} was hung up by the agent a moment ago: hangup is not possible.`;
    ui.messageAnswers = ['Show Details'];
    ui.choosePick = (items) => items.findIndex((item) => item.value === 'wi_bulk_4');
    const running = runBulkAction(ctx, runner, 'hangup', [...targets, ended], {});
    await answerAll(api, (id) => (refusedIds.has(id) ? serverReason(id) : undefined));
    const summary = await running;
    assert.ok(summary);

    assert.deepEqual(summary.refused.map((row) => row.workitemId).sort(), [...refusedIds].sort());
    for (const row of summary.refused) {
      assert.equal(row.outcome, 'refused');
      assert.equal(row.reason, serverReason(row.workitemId), "the server's own words");
    }
    assert.equal(summary.done.length, 3);
    assert.equal(summary.skipped.length, 1);

    const headline = summaryHeadline(summary);
    assert.equal(headline, `${actionTitle('hangup')}: 3 done, 2 refused, 1 skipped.`);
    await settle();
    const notice = ui.messages.find((message) => message.text === headline);
    assert.ok(notice, 'the headline is shown');
    assert.equal(notice.level, 'warn', 'a run with refusals is a warning');
    assert.deepEqual(notice.actions, ['Show Details']);

    const rows = summaryPickItems(summary);
    assert.equal(rows.length, 6, 'every workitem has a row');
    assert.deepEqual(rows.slice(0, 2).map((row) => row.description), ['refused', 'refused'], 'refusals first');
    assert.equal(rows.find((row) => row.value === 'wi_bulk_2')?.detail, serverReason('wi_bulk_2'));
    assert.deepEqual(panels.opened.map((opened) => opened.id), ['wi_bulk_4'], 'the chosen row opens its workitem');
  });

  it('reports a clean run as information, not a warning', async () => {
    const { ctx, runner, api, ui } = bulkRig();
    const running = runBulkAction(ctx, runner, 'hangup', calls(2), {});
    await answerAll(api);
    const summary = await running;
    assert.ok(summary);
    await settle();
    assert.deepEqual(ui.textsAt('info'), [summaryHeadline(summary)]);
    assert.deepEqual(ui.textsAt('warn'), []);
  });
});
