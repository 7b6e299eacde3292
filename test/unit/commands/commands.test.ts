import * as assert from 'node:assert/strict';
import { NcxError } from '../../../src/api/errors';
import type { Workitem } from '../../../src/api/schemas';
import type { ValidationIssue } from '../../../src/api/workitemsApi';
import { COMMANDS, type CommandKey } from '../../../src/contributions';
import { connectionMenuItems } from '../../../src/commands/connectionMenu';
import { filterProblem } from '../../../src/commands/filter';
import { createCommandHandlers, guard } from '../../../src/commands/registry';
import { issuesOf } from '../../../src/commands/showIssues';
import { resolveTargets } from '../../../src/commands/targets';
import { KnownWorkitemsApi } from './helpers/deferredApi';
import { commandRig } from './helpers/commandRig';
import { activeVoiceCall } from './helpers/workitems';

const held = activeVoiceCall({ workitemId: 'wi_20001', state: 'hold', actions: ['unhold', 'hangup', 'transfer'] });
const active = activeVoiceCall();

function handlersFor(known: Workitem[] = [active, held]) {
  const api = new KnownWorkitemsApi(known, [
    { _id: 'q_support', name: 'Support' },
    { _id: 'q_sales', name: 'Sales', description: 'New customers' },
  ]);
  const rig = commandRig(api);
  return { ...rig, api, handlers: createCommandHandlers(rig.ctx, rig.runner) };
}

describe('command targets', () => {
  const node = (workitem: Workitem) => ({ id: workitem.workitemId, workitem });

  it('takes the clicked row, or the whole selection when the clicked row belongs to it', () => {
    assert.deepEqual(resolveTargets([node(active)], () => []), [active]);
    assert.deepEqual(resolveTargets([node(active), [node(active), node(held)]], () => []), [active, held]);
    // Right-click on a row outside the selection acts on that row only, as VS Code's lists do.
    assert.deepEqual(resolveTargets([node(active), [node(held)]], () => []), [active]);
  });

  it('takes an id (webview buttons, other extensions) and the tree selection from the palette', () => {
    assert.deepEqual(resolveTargets([' wi_12345 '], () => []), ['wi_12345']);
    assert.deepEqual(resolveTargets([], () => [held]), [held]);
    assert.deepEqual(resolveTargets([{ kind: 'group' }], () => [held]), []);
  });
});

describe('Filter…', () => {
  it('explains a query the server would reject, before anything is sent', () => {
    assert.match(filterProblem('state:(active') ?? '', /query/i);
    assert.equal(filterProblem('state:active AND channelType:voice'), undefined);
    assert.equal(filterProblem(''), undefined);
  });

  it('validates in the input box, applies a good query and clears on empty text', async () => {
    const { handlers, ui, tree } = handlersFor();
    ui.inputAnswers = ['  state:hold AND priority:>=4 '];
    await handlers.filter();
    assert.equal(tree.filter, 'state:hold AND priority:>=4');
    const validate = ui.inputs[0]?.validate;
    assert.ok(validate, 'the box validates as the user types');
    assert.ok(validate('priority:>=') !== undefined);

    ui.inputAnswers = [''];
    await handlers.filter();
    assert.equal(tree.filter, undefined);
  });

  it('does not apply a bad query even when the box let it through, and says why', async () => {
    const { handlers, ui, tree } = handlersFor();
    tree.filter = 'state:active';
    ui.inputAnswers = ['state:(active'];
    await handlers.filter();
    assert.equal(tree.filter, 'state:active');
    assert.match(ui.textsAt('warn')[0] ?? '', /^The filter was not applied: /);
    assert.equal(ui.inputs[0]?.value, 'state:active', 'the box starts with the current filter');
  });
});

describe('Open Workitem by ID…', () => {
  it('reveals the workitem in the tree and opens its details', async () => {
    const { handlers, ui, tree, panels } = handlersFor();
    ui.inputAnswers = [' wi_20001 '];
    await handlers.openById();
    assert.deepEqual(tree.revealed, ['wi_20001']);
    assert.deepEqual(panels.opened.map((entry) => entry.id), ['wi_20001']);
  });

  it('says so when there is no such workitem, and opens nothing', async () => {
    const { handlers, ui, panels } = handlersFor();
    ui.inputAnswers = ['wi_404'];
    await handlers.openById();
    assert.deepEqual(ui.textsAt('warn'), ['There is no workitem wi_404.']);
    assert.deepEqual(panels.opened, []);
  });

  it('still opens the panel when the tree cannot show the workitem (e.g. filtered out)', async () => {
    const { handlers, ui, tree, panels } = handlersFor();
    tree.revealFails = true;
    ui.inputAnswers = ['wi_12345'];
    await handlers.openById();
    assert.deepEqual(panels.opened.map((entry) => entry.id), ['wi_12345']);
    assert.equal(ui.messages.length, 0);
  });
});

describe('copy, group and the tree-internal commands', () => {
  it('copies the ids of the selection, and one workitem as the JSON the server sent', async () => {
    const { handlers, ui, tree } = handlersFor();
    tree.selection = [active, held];
    await handlers.copyId();
    assert.equal(ui.clipboard, 'wi_12345\nwi_20001');

    const withUnknownField = { ...held, wrapUpCode: 'callback' };
    await handlers.copyJson({ workitem: withUnknownField });
    assert.deepEqual(JSON.parse(ui.clipboard ?? ''), withUnknownField);
  });

  it('fetches a workitem given by id before copying it', async () => {
    const { handlers, ui, api } = handlersFor();
    await handlers.copyJson('wi_20001');
    assert.deepEqual(api.fetched, ['wi_20001']);
    assert.equal(JSON.parse(ui.clipboard ?? '').state, 'hold');
  });

  it('keeps the picked grouping for the connection in use, and for the connection whose row it runs on', async () => {
    const { handlers, ui, settings, tree } = handlersFor();
    ui.choosePick = (items) => items.findIndex((item) => item.value === 'channel');
    await handlers.groupBy();
    assert.equal(tree.groupBy(), 'channel');
    assert.equal(settings.get()['tree.groupBy'], 'stateChannel', 'the setting stays the grouping of the others');
    ui.choosePick = (items) => items.findIndex((item) => item.value === 'state');
    await handlers.groupBy({ target: { kind: 'tenant', name: 'globex-test' } });
    assert.equal(tree.groupBy('globex-test'), 'state');
    assert.equal(tree.groupBy(), 'channel', 'the one in use keeps its own');
    assert.match(ui.pickTitles.at(-1) ?? '', /globex-test/);
  });

  it('passes tree rows on to the tree, and opens the panel of a workitem with validation issues', async () => {
    const { handlers, tree, panels, ui } = handlersFor();
    const loadMoreRow = { kind: 'loadMore', loaded: 100, total: 250 };
    await handlers.loadMore(loadMoreRow);
    await handlers.retry(loadMoreRow);
    assert.deepEqual(tree.loadedMore, [loadMoreRow]);
    assert.deepEqual(tree.retried, [loadMoreRow]);

    const issue: ValidationIssue = { workitemId: 'wi_30007', path: 'createdAt', expected: 'number', received: '"yesterday"' };
    await handlers.showIssues({ model: { kind: 'issues', invalidCount: 1, issues: [issue] } });
    assert.deepEqual(panels.opened, [{ id: 'wi_30007', issues: [issue] }]);

    const unreadable: ValidationIssue = { workitemId: '#4', path: 'workitemId', expected: 'string', received: 'missing' };
    await handlers.showIssues({ issues: [unreadable] });
    assert.equal(ui.shownTexts.length, 1);
    assert.match(ui.shownTexts[0]?.content ?? '', /\| #4 \| `workitemId` \| string \| missing \|/);
  });

  it('reads issues from the row itself or from its model node', () => {
    const issue: ValidationIssue = { workitemId: 'wi_1', path: 'priority', expected: '1 to 5', received: '9' };
    assert.deepEqual(issuesOf({ issues: [issue] }), [issue]);
    assert.deepEqual(issuesOf({ label: 'x', model: { issues: [issue] } }), [issue]);
    assert.deepEqual(issuesOf(undefined), []);
  });
});

describe('connection commands', () => {
  it('signs in with the three answers; the password goes to the connection and nowhere else', async () => {
    const { handlers, ui, connection, log } = handlersFor();
    ui.inputAnswers = ['https://login.example.com', 'jason.fontenot', 'correct horse battery staple'];
    await handlers.signIn();
    assert.deepEqual(connection.signIns, [
      { loginUrl: 'https://login.example.com', username: 'jason.fontenot', password: 'correct horse battery staple' },
    ]);
    assert.equal(ui.inputs[2]?.password, true);
    assert.deepEqual(ui.textsAt('info'), ['Signed in to login.example.com as jason.fontenot.']);
    assert.ok(!JSON.stringify(ui.messages).includes('correct horse'));
    assert.ok(!log.lines.join('\n').includes('correct horse'));
  });

  it('refuses a plain http:// login URL to another machine in the box itself', async () => {
    const { handlers, ui, connection } = handlersFor();
    ui.inputAnswers = ['http://login.example.com'];
    await handlers.signIn();
    assert.match(ui.inputs[0]?.validate?.('http://login.example.com') ?? '', /plain http:\/\//);
    assert.equal(ui.inputs[0]?.validate?.('http://127.0.0.1:7357'), undefined);
    assert.deepEqual(connection.signIns, []);
  });

  it('offers to try again when the server rejects the password', async () => {
    const { handlers, ui, connection } = handlersFor();
    connection.signInError = new NcxError('unauthorized', 'Sign-in failed: the user name or password is wrong.');
    ui.inputAnswers = ['https://login.example.com', 'agent7', 'wrong'];
    ui.messageAnswers = [undefined];
    await handlers.signIn();
    assert.deepEqual(ui.messages.map((message) => [message.level, message.text, message.actions]), [
      ['error', 'login.example.com did not accept the user name or password.', ['Try Again']],
    ]);
  });

  it('lists Sign Out and Use Local Sandbox only when connected to NCX', () => {
    const { ctx, connection } = handlersFor();
    assert.deepEqual(connectionMenuItems(ctx).map((item) => item.value), ['connectTo', 'signIn', 'addConnection', 'showLog']);
    connection.state = { mode: 'ncx', status: 'connected', host: 'us1.example.com', tenant: 'acme-prod', username: 'jason', authorities: [] };
    const items = connectionMenuItems(ctx);
    assert.deepEqual(items.map((item) => item.value), ['connectTo', 'signIn', 'signOut', 'useSandbox', 'addConnection', 'showLog']);
    assert.equal(items[0]?.description, 'acme-prod', '"Connect To…" names the tenant in use');
  });

  it('runs the choice of the connection menu', async () => {
    const { handlers, ui, logShown } = handlersFor();
    ui.choosePick = (items) => items.findIndex((item) => item.value === 'showLog');
    await handlers.connectionMenu();
    assert.equal(logShown(), 1);
  });
});

describe('command registry', () => {
  it('has a handler for every command id', () => {
    const { handlers } = handlersFor();
    assert.deepEqual(Object.keys(handlers).sort(), Object.keys(COMMANDS).sort());
  });

  it('turns a failing command into a message and a log line instead of a rejected promise', async () => {
    const { ui, log } = handlersFor();
    const failing = guard({ ui, log }, 'refresh' as CommandKey, async () => {
      throw new Error('the tree is gone');
    });
    await failing();
    assert.deepEqual(ui.textsAt('error'), ['Workitem Inspector: the tree is gone']);
    assert.ok(log.lines.some((line) => line.startsWith('error workitemInspector.refresh failed: ')));
  });

  it('stays silent for a cancelled request', async () => {
    const { ui, log } = handlersFor();
    await guard({ ui, log }, 'refresh', async () => {
      throw new NcxError('cancelled', 'GET /data/api/types/workitem was cancelled.');
    })();
    assert.deepEqual(ui.messages, []);
  });
});
