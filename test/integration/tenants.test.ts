// Privacy mode, the action history and workitem links in a real VS Code, against the sandbox the
// extension started.
import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { AuditEntrySchema } from '../../src/audit/auditEntry';
import { COMMANDS } from '../../src/contributions';
import { escapeMarkdown } from '../../src/views/tree/markdownText';
import { pastSlaMs, queueSlaMs } from '../../src/model/live/queueSla';
import { runCommand } from './helpers/commandRunner';
import { recordMessages, type MessageRecorder } from './helpers/messages';
import { openSandboxSession, type SandboxSession } from './helpers/sandboxSession';
import { serverWorkitem, takeWorkitem } from './helpers/serverWorkitems';
import { expandGroup, groupWithValue, isWorkitem, rootNodes } from './helpers/treeWalk';
import { waitFor } from './helpers/waitFor';

function linkTo(tenant: string, id: string): string {
  return `${vscode.env.uriScheme}://workitem-inspector.workitem-inspector/open?tenant=${encodeURIComponent(tenant)}&id=${encodeURIComponent(id)}`;
}

describe('tenants: privacy mode, action history, workitem links', function () {
  this.timeout(90_000);
  let session: SandboxSession;
  let messages: MessageRecorder;

  before(async () => {
    session = await openSandboxSession();
  });

  beforeEach(() => {
    messages = recordMessages();
  });

  afterEach(async () => {
    messages.dispose();
    await session.inspector.privacy.set(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('privacy mode hides the contact name and phone in the tree row, its tooltip and the panel', async () => {
    const tree = session.inspector.tree;
    const stateRows = await expandGroup(tree, groupWithValue(await rootNodes(tree), 'active'));
    const row = (await expandGroup(tree, groupWithValue(stateRows, 'voice'))).find(isWorkitem);
    assert.ok(row);
    const contact = row.workitem.contact;
    assert.ok(contact?.lastName && contact.phone, 'a voice call with a named contact');
    const text = (): string => {
      const item = tree.getTreeItem(row);
      const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
      return JSON.stringify([item.label, item.description, tooltip, item.accessibilityInformation?.label]);
    };
    assert.ok(text().includes(contact.lastName), 'shown while privacy mode is off');

    await runCommand(COMMANDS.togglePrivacy);
    assert.strictEqual(session.inspector.privacy.enabled, true);
    for (const value of [contact.firstName ?? '', contact.lastName, contact.phone, row.workitem.from ?? '']) {
      assert.ok(value === '' || !text().includes(value), `${value} in the masked row ${text()}`);
    }
    await runCommand(COMMANDS.openDetails, [row]);
    const html = session.inspector.panels.lastHtml(row.workitemId) ?? '';
    assert.ok(html.includes(row.workitemId), 'the panel shows the workitem');
    for (const value of [contact.lastName, contact.phone, contact.email ?? contact.lastName]) {
      assert.ok(!html.includes(value), `${value} in the masked panel`);
    }
  });

  it('rows, tooltips and the panel name the queue and agent as the tenant names them, the panel’s field table keeps the id', async () => {
    const tree = session.inspector.tree;
    const stateRows = await expandGroup(tree, groupWithValue(await rootNodes(tree), 'active'));
    const row = (await expandGroup(tree, groupWithValue(stateRows, 'voice'))).find((node) => isWorkitem(node) && Boolean(node.workitem.selectedQueue && node.workitem.agentUsername));
    assert.ok(row && isWorkitem(row), 'an active call with a queue and an agent');
    const { selectedQueue, agentUsername } = row.workitem;
    const queue = (await session.server.listQueues()).find((candidate) => candidate._id === selectedQueue);
    const [agent] = await session.server.listUsers(agentUsername);
    assert.ok(queue && agent?.name, 'the tenant names this queue and agent');
    const queueLabel = `${queue.name} (${queue._id})`;
    const agentLabel = `${agent.name} (${agentUsername})`;
    const tooltipOf = (): string => {
      const item = tree.getTreeItem(row);
      return item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
    };
    // Names are read in the background; rows are drawn again when they arrive.
    await waitFor(() => tooltipOf().includes(escapeMarkdown(queueLabel)), { description: `the tooltip to name ${queueLabel}` });
    assert.ok(tooltipOf().includes(escapeMarkdown(agentLabel)), tooltipOf());
    assert.ok(String(tree.getTreeItem(row).description ?? '').includes(agent.name), 'the row says the agent’s name');

    await runCommand(COMMANDS.openDetails, [row]);
    const html = session.inspector.panels.lastHtml(row.workitemId) ?? '';
    const where = /<p class="where" id="where">([^<]*)<\/p>/.exec(html)?.[1] ?? '';
    assert.ok(where.includes(`Queue: ${queue.name} (${queue._id})`) && where.includes(`Agent: ${agent.name} (${agentUsername})`), where);
    assert.ok(/<section[^>]*id="fields"[\s\S]*?>q_[a-z]+</.test(html), 'the field table keeps the queue id');
  });

  it('a waiting call past its queue’s SLA is marked in its row, its tooltip and its accessible name', async () => {
    const tree = session.inspector.tree;
    const stateRows = await expandGroup(tree, groupWithValue(await rootNodes(tree), 'inqueue'));
    const waiting = (await expandGroup(tree, groupWithValue(stateRows, 'voice'))).filter(isWorkitem);
    const queues = new Map((await session.server.listQueues()).map((queue) => [queue._id, queue]));
    const now = Date.now();
    const past = waiting.filter((row) => (pastSlaMs(row.workitem, queueSlaMs(queues.get(row.workitem.selectedQueue ?? ''), 'voice'), now) ?? 0) > 60_000);
    assert.ok(past.length > 0, 'calls waiting more than a minute past their SLA');
    const row = past[0]!;
    await waitFor(() => String(tree.getTreeItem(row).description ?? '').includes('past SLA'), { description: 'the row to say past SLA' });
    const item = tree.getTreeItem(row);
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : '';
    assert.ok(tooltip.includes('past the queue SLA'), tooltip);
    assert.ok(item.accessibilityInformation?.label.endsWith('past the queue SLA'));
  });

  it('the action history holds each action sent, once, with its result, tenant and user', async () => {
    const before = await session.inspector.history.read();
    const active = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    const queued = await takeWorkitem(session.server, 'state:inqueue');
    const done = await takeWorkitem(session.server, 'state:terminated AND channelType:voice');
    const run: Array<[string, string, string]> = [];
    run.push(['hold', active.workitemId, await session.inspector.runAction('hold', active.workitemId)]);
    run.push(['unhold', active.workitemId, await session.inspector.runAction('unhold', active.workitemId)]);
    messages.answerQuestions((buttons) => buttons[0]);
    run.push(['hangup', queued.workitemId, await session.inspector.runAction('hangup', queued.workitemId)]);
    // Sent by id (the runner does not know its state): the sandbox refuses it with 409.
    run.push(['hold', done.workitemId, await session.inspector.runAction('hold', done.workitemId)]);
    assert.deepStrictEqual(run.map(([, , outcome]) => outcome), ['done', 'done', 'done', 'refused']);
    assert.strictEqual((await serverWorkitem(session.server, queued.workitemId)).state, 'terminated');

    const lines = (await fs.readFile(session.inspector.history.file, 'utf8')).trim().split('\n');
    const entries = lines.map((line) => AuditEntrySchema.parse(JSON.parse(line)));
    const ours = entries.filter((entry) => [active, queued, done].some((w) => w.workitemId === entry.workitemId));
    assert.deepStrictEqual(
      ours.map((entry) => [entry.action, entry.workitemId, entry.outcome]),
      run,
      'each action once, in the order sent, with its result',
    );
    assert.ok(ours.every((entry) => entry.tenant === 'sandbox' && entry.user === 'admin'));
    assert.match(ours[3]?.error?.message ?? '', /not possible/);
    assert.strictEqual(ours[3]?.error?.status, 409);
    const after = await session.inspector.history.read();
    assert.strictEqual(after.entries.length, before.entries.length + 4);
    assert.deepStrictEqual(after.entries[0]?.workitemId, done.workitemId, 'newest first');
    const file = await fs.readFile(session.inspector.history.file, 'utf8');
    assert.ok(!/eyJ[A-Za-z0-9_-]{10,}\./.test(file), 'no token in the history');
    assert.ok(!file.includes('admin-password'), 'no password in the history');
  });

  it('a workitem link opens that workitem\'s panel in its tenant', async () => {
    const workitem = await takeWorkitem(session.server, 'state:offered');
    await runCommand(COMMANDS.openLink, [linkTo('sandbox', workitem.workitemId)]);
    await waitFor(() => session.inspector.panels.lastRendered(workitem.workitemId)?.ready === true, {
      description: 'the linked panel to be ready',
    });
    assert.strictEqual(session.inspector.panels.lastRendered(workitem.workitemId)?.state, (await serverWorkitem(session.server, workitem.workitemId)).state);
  });

  it('a link to another tenant asks to switch and opens nothing; a malformed one says why and opens nothing', async () => {
    const workitem = await takeWorkitem(session.server, 'state:accepted');
    messages.answerQuestions(() => undefined);
    await runCommand(COMMANDS.openLink, [linkTo('acme.thrio.io', workitem.workitemId)]);
    assert.ok(!session.inspector.panels.isOpen(workitem.workitemId), 'not opened in the sandbox');
    const asked = messages.shown.find((message) => message.severity === 'warning');
    assert.match(asked?.text ?? '', /acme\.thrio\.io.*connected to sandbox/);

    for (const bad of [
      `${vscode.env.uriScheme}://workitem-inspector.workitem-inspector/open?tenant=sandbox&id=${encodeURIComponent('wi_1\n[x](command:workbench.action.quit)')}`,
      `${vscode.env.uriScheme}://workitem-inspector.workitem-inspector/open?tenant=${encodeURIComponent('a b')}&id=${workitem.workitemId}`,
      `${vscode.env.uriScheme}://workitem-inspector.workitem-inspector/open?id=${workitem.workitemId}`,
    ]) {
      const mark = messages.mark();
      await runCommand(COMMANDS.openLink, [bad]);
      const errors = messages.since(mark).filter((message) => message.severity === 'error');
      assert.strictEqual(errors.length, 1, `one clear message for ${bad}`);
      assert.match(errors[0]?.text ?? '', /cannot be opened/);
    }
    assert.ok(!session.inspector.panels.isOpen(workitem.workitemId));
  });
});
