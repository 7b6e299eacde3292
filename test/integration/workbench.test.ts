// The workbench in a real VS Code against the sandbox: the query editor's completion and
// diagnostics, a run query's table rows, exports read back, a copied cURL command run in a shell,
// and the diff editor after an action.
import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseCsv } from 'csv-parse/sync';
import * as vscode from 'vscode';
import { signIn } from '../../src/api/auth';
import type { Workitem } from '../../src/api/schemas';
import { SANDBOX_ADMIN } from '../../src/connection/connectionTypes';
import { exportWorkitems, type ExportFormat } from '../../src/export/exporter';
import { rowCells } from '../../src/results/cells';
import { WORKBENCH_COMMANDS } from '../../src/contributions';
import { runCommand } from './helpers/commandRunner';
import { openSandboxSession, type SandboxSession } from './helpers/sandboxSession';
import { takeWorkitem } from './helpers/serverWorkitems';
import { waitFor } from './helpers/waitFor';
import { rootNodes } from './helpers/treeWalk';
import { answerQuickInputs } from './helpers/quickInputs';
import { recordMessages } from './helpers/messages';
import type { QueryRow } from '../../src/workbench/queriesView';
import type { PinnedNode } from '../../src/views/tree/pinnedNode';
import type { TreeNode } from '../../src/views/tree/treeNodes';

/** By kind: the extension's classes come from its bundle, not from these compiled sources. */
function isPinned(node: TreeNode | undefined): node is PinnedNode {
  return node?.kind === 'pinned';
}

const opened: vscode.TextDocument[] = [];

async function openQuery(content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'ncxq', content });
  opened.push(document);
  await vscode.window.showTextDocument(document);
  return document;
}

async function completionLabels(document: vscode.TextDocument, offset: number): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    document.uri,
    document.positionAt(offset),
  );
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

function shell(command: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', command], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

describe('workbench: query editor, results, export, cURL, JSON documents', function () {
  this.timeout(90_000);
  let session: SandboxSession;

  before(async () => {
    session = await openSandboxSession();
  });

  after(async () => {
    // Untitled queries would ask to be saved: revert them first.
    for (const document of opened) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('completes fields, enum values and tenant queues at given positions', async () => {
    const text = 'state:act AND selectedQueue:';
    const document = await openQuery(text);
    const atStart = await completionLabels(document, 0);
    for (const field of ['state', 'channelType', 'priority', 'contact.lastName', 'AND']) {
      assert.ok(atStart.includes(field), `${field} offered at the start; got ${atStart.slice(0, 40).join(', ')}`);
    }
    const values = await completionLabels(document, 'state:act'.length);
    assert.ok(values.includes('active') && values.includes('inqueue') && !values.includes('state'), values.join(', '));
    const queues = (await session.server.listQueues()).map((queue) => queue._id);
    const offered = await waitFor(
      async () => {
        const labels = await completionLabels(document, text.length);
        return queues.every((queue) => labels.includes(queue)) && labels;
      },
      { description: 'the tenant queues in the completion list', timeoutMs: 15_000, intervalMs: 200 },
    );
    assert.ok(offered.length >= queues.length);
  });

  it('reports bad syntax and unknown fields where they are', async () => {
    const unknown = await openQuery('state:active AND chanelType:voice');
    const [field] = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(unknown.uri);
      return found.length > 0 && found;
    }, { description: 'diagnostics for the unknown field' });
    assert.strictEqual(unknown.getText(field?.range), 'chanelType');
    assert.match(field?.message ?? '', /Did you mean 'channelType'/);
    assert.strictEqual(field?.severity, vscode.DiagnosticSeverity.Error);

    const text = '@rows 5000\nstate:active AND (priority:>=3';
    const document = await openQuery(text);
    const diagnostics = await waitFor(
      () => {
        const found = vscode.languages.getDiagnostics(document.uri);
        return found.length >= 2 && found;
      },
      { description: 'diagnostics for the query' },
    );
    const described = diagnostics.map((diagnostic) => [document.getText(diagnostic.range), diagnostic.message] as const);
    assert.ok(described.some(([range]) => range === '5000'), JSON.stringify(described));
    const end = diagnostics.find((diagnostic) => /ends too early/.test(diagnostic.message));
    assert.ok(end, JSON.stringify(described));
    assert.strictEqual(document.offsetAt(end.range.start), text.length);
  });

  it("runs a query: the table's rows are the sandbox's answer", async () => {
    const document = await openQuery('@sort priority desc, createdAt desc\n@columns workitemId, state, priority, contact.lastName\nchannelType:voice\n');
    const results = session.inspector.workbench.results;
    const sent = new Promise((resolve) => {
      const subscription = results.onDidSendRows((snapshot) => {
        subscription.dispose();
        resolve(snapshot);
      });
    });
    await runCommand(WORKBENCH_COMMANDS.runQuery, [document.uri]);
    await sent;
    const snapshot = results.lastSnapshot();
    assert.ok(snapshot && snapshot.ids.length > 0);
    const server = await session.server.search({ q: 'channelType:voice', sort: 'priority desc,createdAt desc', start: snapshot.start, rows: snapshot.ids.length });
    assert.strictEqual(snapshot.total, server.total);
    assert.deepStrictEqual(snapshot.ids, server.items.map((item) => item.workitemId));
    assert.deepStrictEqual(snapshot.cells, server.items.map((item) => rowCells(item, ['workitemId', 'state', 'priority', 'contact.lastName'])));
  });

  it("exports a query to JSON, NDJSON and CSV equal to the sandbox's workitems", async () => {
    const q = 'channelType:email AND priority:>=4';
    const sort = 'createdAt asc';
    const expected: Workitem[] = [];
    for await (const page of session.server.pages({ q, sort, rows: 1000 })) expected.push(...page.items);
    assert.ok(expected.length > 0);
    const api = await session.inspector.connection.getApi();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'workitem-export-'));
    const columns = ['workitemId', 'state', 'contact', 'timeEvents'];
    const read: Record<ExportFormat, (text: string) => unknown> = {
      json: (text) => JSON.parse(text),
      ndjson: (text) => text.trimEnd().split('\n').map((line) => JSON.parse(line)),
      csv: (text) => parseCsv(text, { columns: true }),
    };
    const wanted: Record<ExportFormat, unknown> = {
      json: expected,
      ndjson: expected,
      csv: expected.map((item) => Object.fromEntries(columns.map((column, index) => [column, rowCells(item, columns)[index]]))),
    };
    for (const format of ['json', 'ndjson', 'csv'] as const) {
      const target = path.join(folder, `export.${format}`);
      const count = await exportWorkitems({ api, params: { q, sort }, format, columns, target, pageSize: 7 });
      assert.strictEqual(count, expected.length);
      assert.deepStrictEqual(read[format](fs.readFileSync(target, 'utf8')), wanted[format], format);
    }
    assert.deepStrictEqual(fs.readdirSync(folder).sort(), ['export.csv', 'export.json', 'export.ndjson'], 'no temporary file left');
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('a copied cURL command, run in a shell with NCX_TOKEN, returns the same JSON', async () => {
    const grant = await signIn({ loginUrl: session.url, ...SANDBOX_ADMIN });
    const workitem = await takeWorkitem(session.server, 'state:inqueue');
    const one = await session.inspector.workbench.curlFor(workitem.workitemId);
    assert.ok(!one.includes(grant.token));
    const answered: unknown = JSON.parse(await shell(one, { NCX_TOKEN: grant.token }));
    assert.deepStrictEqual(answered, await session.server.fetchWorkitem(workitem.workitemId));

    const document = await openQuery('@rows 5\ncontact.lastName:"O\'Brien" OR state:hold\n');
    const search = await session.inspector.workbench.curlFor(document.uri);
    const page = JSON.parse(await shell(search, { NCX_TOKEN: grant.token })) as { total: number; objects: Array<{ workitemId: string }> };
    const server = await session.server.search({ q: 'contact.lastName:"O\'Brien" OR state:hold', rows: 5 });
    assert.strictEqual(page.total, server.total);
    assert.deepStrictEqual(page.objects.map((item) => item.workitemId), server.items.map((item) => item.workitemId));

    // The extension's own client fetches it too: the inspector records that exchange.
    await (await session.inspector.connection.getApi()).fetchWorkitem(workitem.workitemId);
    const exchange = session.inspector.workbench.exchanges.list({ path: `/users/api/workitems/${workitem.workitemId}` })[0];
    assert.ok(exchange, 'the inspector recorded a workitem fetch');
    assert.ok(!JSON.stringify(exchange).includes(grant.token));
    assert.ok(Object.values(exchange.requestHeaders).includes('Bearer <token>') || Object.values(exchange.requestHeaders).includes('<token>'));
  });

  it('opens a workitem as JSON, and the diff editor after an action shows the state change', async () => {
    const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    await runCommand(WORKBENCH_COMMANDS.openAsJson, [workitem.workitemId], 60_000);
    const opened = vscode.window.activeTextEditor?.document;
    assert.strictEqual(opened?.uri.scheme, 'ncx-workitem');
    assert.match(opened.getText(), /"state": "active"/);
    assert.strictEqual(await session.inspector.runAction('hold', workitem.workitemId), 'done');
    const documents = session.inspector.workbench.documents;
    const key = `${session.inspector.connection.state.username}@${session.inspector.connection.state.host}`;
    await waitFor(() => documents.versions.previous(key, workitem.workitemId) !== undefined, { description: 'the JSON document re-read after the action' });
    await runCommand(WORKBENCH_COMMANDS.compareWithPrevious, [workitem.workitemId], 60_000);
    const tab = await waitFor(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff && input;
    }, { description: 'a diff editor' });
    const before = await vscode.workspace.openTextDocument(tab.original);
    const now = await vscode.workspace.openTextDocument(tab.modified);
    assert.match(before.getText(), /"state": "active"/);
    assert.match(now.getText(), /"state": "hold"/);
  });

  it('keeps the queries run and saved per tenant; a pinned one is a live group at the top of the tree with the sandbox\'s count', async () => {
    const queries = session.inspector.workbench.queries;
    const section = (name: 'saved' | 'history'): QueryRow[] => queries.getChildren({ kind: 'section', section: name });
    const document = await openQuery('@sort createdAt desc\nstate:hold AND channelType:voice\n');
    await runCommand(WORKBENCH_COMMANDS.runQuery, [document.uri]);
    const [latest] = section('history');
    assert.ok(latest?.kind === 'history');
    assert.strictEqual(latest.entry.q, 'state:hold AND channelType:voice');
    assert.strictEqual(latest.tenant, 'sandbox');

    const inputs = answerQuickInputs({ input: () => 'Voice on hold' });
    try {
      await runCommand(WORKBENCH_COMMANDS.saveQuery, [document.uri]);
    } finally {
      inputs.dispose();
    }
    const saved = section('saved').find((row) => row.kind === 'saved' && row.query.name === 'Voice on hold');
    assert.ok(saved?.kind === 'saved');
    assert.strictEqual(saved.query.sort, 'createdAt desc');

    await runCommand(WORKBENCH_COMMANDS.pinQuery, [saved]);
    const tree = session.inspector.tree;
    const serverCount = async (): Promise<number> => session.server.count('state:hold AND channelType:voice');
    const pinned = await waitFor(
      async () => {
        const [first] = await rootNodes(tree);
        return isPinned(first) && first.group.count !== undefined && first;
      },
      { description: 'the pinned group at the top of the tree, counted' },
    );
    assert.strictEqual(pinned.group.count, await serverCount());

    // Live: a hold done through the sandbox's API shows in the pinned group's count after a refresh.
    const workitem = await takeWorkitem(session.server, 'state:active AND channelType:voice');
    await session.server.act('hold', workitem.workitemId, {});
    await tree.refresh();
    await waitFor(async () => pinned.group.count === (await serverCount()), { description: 'the pinned count following the server' });
    await tree.view.reveal(pinned, { expand: true, select: false, focus: false });
    const rows = await waitFor(async () => {
      const children = await tree.getChildren(pinned);
      return children.length > 0 && children;
    }, { description: 'the pinned group expanded' });
    const page = await session.server.search({ q: 'state:hold AND channelType:voice', sort: 'createdAt desc', rows: rows.length });
    assert.deepStrictEqual(rows.map((row) => (row.kind === 'workitem' ? (row as unknown as { workitemId: string }).workitemId : row.kind)), page.items.map((item) => item.workitemId));

    await runCommand(WORKBENCH_COMMANDS.unpinQuery, [pinned]);
    await waitFor(async () => !isPinned((await rootNodes(tree))[0]), { description: 'the pin gone' });
  });

  it('refuses to run a query written for another tenant, saying which', async () => {
    const messages = recordMessages();
    try {
      const document = await openQuery('@tenant acme.thrio.io\nstate:hold\n');
      await runCommand(WORKBENCH_COMMANDS.runQuery, [document.uri]);
      const refusal = await waitFor(() => messages.shown.find((message) => /acme\.thrio\.io/.test(message.text)), { description: 'the refusal' });
      assert.match(refusal.text, /written for acme\.thrio\.io .*connection is to sandbox/);
    } finally {
      messages.dispose();
    }
  });
});
