// A bulk hang-up through VS Code against the sandbox: 50 workitems, 5 of which another client has
// already hung up (the tree's copy still offers Hang Up). One confirmation; the summary says 45
// done and 5 refused with the server's reason; the sandbox shows exactly 45 hung up by the run.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { liveTenantName } from '../../src/connection/tenantName';
import type { Workitem } from '../../src/api/schemas';
import type { BulkSummary } from '../../src/commands/bulk/bulkSummary';
import { COMMANDS } from '../../src/contributions';
import { recordMessages } from './helpers/messages';
import { openSandboxSession, type SandboxSession } from './helpers/sandboxSession';

describe('bulk actions, against the sandbox', function () {
  this.timeout(120_000);
  let session: SandboxSession;

  before(async () => {
    session = await openSandboxSession();
  });

  it('hangs up 50 workitems with 5 refused: 45 done, 5 refused with reasons, exactly 45 changed', async () => {
    // The oldest waiting ones, so the other suites (which take the newest) do not touch them.
    const page = await session.server.search({ q: 'state:inqueue', rows: 50, sort: 'createdAt asc' });
    const targets: Workitem[] = page.items;
    assert.strictEqual(targets.length, 50, `the sandbox has 50 waiting workitems (${page.total})`);
    const stale = targets.slice(0, 5);
    for (const workitem of stale) {
      await session.server.act('hangup', workitem.workitemId, {});
    }
    const messages = recordMessages();
    let summary: BulkSummary | undefined;
    try {
      // Confirm the modal question; leave the summary's "Show Details" unanswered.
      messages.answerQuestions((buttons, message) => (message.modal ? buttons[0] : undefined));
      const [first] = targets;
      // As the tree passes it: the clicked row, then the whole selection.
      summary = await vscode.commands.executeCommand<BulkSummary>(COMMANDS.hangUp, first, targets);
    } finally {
      messages.dispose();
    }
    const questions = messages.shown.filter((message) => message.modal);
    assert.strictEqual(questions.length, 1, 'one confirmation for the whole run');
    // Against an NCX tenant (the remote suite) the question names it.
    const tenant = liveTenantName(session.inspector.connection.state);
    assert.strictEqual(questions[0]?.text, tenant === undefined ? 'Hang Up: 50 workitems?' : `Hang Up: 50 workitems on ${tenant}?`);
    assert.ok(summary, 'the command answers its summary');
    assert.strictEqual(summary.done.length, 45);
    assert.strictEqual(summary.refused.length, 5);
    assert.strictEqual(summary.skipped.length, 0);
    assert.deepStrictEqual(summary.refused.map((row) => row.workitemId).sort(), stale.map((w) => w.workitemId).sort());
    for (const row of summary.refused) {
      assert.match(row.reason ?? '', new RegExp(`${row.workitemId} is terminated: hangup is not possible`));
    }
    assert.ok(
      messages.shown.some((message) => /Hang Up: 45 done, 5 refused, 0 skipped\./.test(message.text)),
      'the summary is shown',
    );
    // Counted by events, not by time: a stale hang-up can share its millisecond with the run's start.
    const staleIds = new Set(stale.map((workitem) => workitem.workitemId));
    let changedByRun = 0;
    for (const workitem of targets) {
      const after = await session.server.fetchWorkitem(workitem.workitemId);
      const hangUps = (after.timeEvents ?? []).filter((event) => event.type === 'terminated').length;
      const byRun = staleIds.has(workitem.workitemId) ? hangUps - 1 : hangUps;
      assert.ok(byRun <= 1, `${workitem.workitemId} was sent once`);
      changedByRun += byRun;
      assert.strictEqual(after.state, 'terminated');
    }
    assert.strictEqual(changedByRun, 45, 'exactly 45 workitems were changed by the run');
  });
});
