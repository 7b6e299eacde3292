// Each builder of a text that VS Code renders with links and icons (notification, modal, status
// bar, connection menu, quick pick) fed a server's hostile words: the result reads the same to a
// person, and neither VS Code parser finds a link or an icon in it.
import * as assert from 'node:assert/strict';
import { NcxError } from '../../../src/api/errors';
import type { Queue } from '../../../src/api/schemas';
import type { WorkitemsApi } from '../../../src/api/workitemsApi';
import { connectionMenuItems } from '../../../src/commands/connectionMenu';
import { filterProblem } from '../../../src/commands/filter';
import { pickQueue } from '../../../src/commands/pickQueue';
import { workitemPickItem } from '../../../src/commands/pickWorkitem';
import { refusalMessage } from '../../../src/commands/refusalMessage';
import { signInCommand } from '../../../src/commands/signIn';
import type { ConnectionState } from '../../../src/connection/connection';
import { connectionSummary, otherTenantText, statusBarText } from '../../../src/connection/connectionText';
import { realisticWorkitem } from '../api/fixtures/workitems';
import { commandRig } from '../commands/helpers/commandRig';

// The patterns VS Code uses to find links in notifications and icons in labels.
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const VSCODE_ICON = /(\\)?\$\(([a-z0-9-]+?(?:~[a-z0-9-]*?)?)\)/gi;
const visible = (text: string): string => text.replace(/\u200B/g, '');

const LINK = '[Open terminal](command:workbench.action.terminal.new)';
const ICON = '$(zap)';
const IMAGE = '![x](https://evil.example/p.png)';
const HTML = '<img src=x onerror=alert(1)>';
const HOSTILE = `${ICON} ${LINK} ${IMAGE} ${HTML}`;

function icons(text: string): string[] {
  return [...text.matchAll(VSCODE_ICON)].filter((match) => !match[1]).map((match) => match[2] ?? '');
}

/** No link, no icon but `ours`, and the hostile words still there to read. */
function assertInert(text: string | undefined, ours: readonly string[] = []): void {
  assert.ok(text !== undefined);
  assert.equal(text.match(VSCODE_LINK), null, `a link in ${text}`);
  assert.deepEqual(icons(text), ours, `icons in ${text}`);
  assert.ok(visible(text).includes(HOSTILE), `unreadable: ${text}`);
}

const hostileState = (status: ConnectionState['status']): ConnectionState => ({
  mode: 'ncx',
  status,
  host: 'ncx.example.com',
  username: HOSTILE,
  error: HOSTILE,
  authorities: [],
});

describe('Server text on every VS Code surface builder', () => {
  it('status bar: the user name (a token claim) is never an icon or a link; our codicon stays', () => {
    const text = statusBarText(hostileState('connected'));
    assertInert(text, ['cloud']);
    assert.ok(text.startsWith('$(cloud) '));
  });

  it("status bar while another tenant's panel has the focus: both names inert, that tenant first", () => {
    const text = otherTenantText({ ...hostileState('connected'), tenant: HOSTILE }, `acme-prod ${HOSTILE}`);
    assert.ok(text !== undefined);
    assertInert(text, ['window']);
    assert.ok(visible(text).startsWith(`$(window) acme-prod ${HOSTILE}`));
    assert.strictEqual(otherTenantText({ mode: 'sandbox', status: 'connected', authorities: [] }, 'SANDBOX'), undefined, 'the same tenant: the usual text');
    assert.strictEqual(otherTenantText(hostileState('connected'), undefined), undefined);
  });

  it('status bar tooltip and connection menu title: the summary', () => {
    assertInert(connectionSummary(hostileState('connected')));
    assertInert(connectionSummary(hostileState('failed')));
    assertInert(connectionSummary(hostileState('rejected')));
  });

  it('connection menu: the signed-in user in Sign Out, the host in Sign In', () => {
    const rig = commandRig({} as WorkitemsApi);
    rig.connection.state = { ...hostileState('connected'), host: HOSTILE };
    const items = connectionMenuItems(rig.ctx);
    for (const item of items) {
      assert.equal(icons(item.label).length, 1, item.label);
    }
    assertInert(items.find((item) => item.value === 'signIn')?.description);
    assertInert(items.find((item) => item.value === 'signOut')?.description);
  });

  it('notification of a refusal: the server said why, in its own (inert) words', () => {
    const conflict = new NcxError('conflict', 'refused', { status: 409, serverMessage: HOSTILE });
    assertInert(refusalMessage('transfer', 'wi_1', conflict));
    const forbidden = new NcxError('forbidden', `Missing permission ${HOSTILE}`, { status: 403 });
    assertInert(refusalMessage('hold', 'wi_1', forbidden));
  });

  it('notification after an action the server refused, through the ActionRunner', async () => {
    const api = {
      act: async () => {
        throw new NcxError('conflict', 'refused', { status: 409, serverMessage: HOSTILE });
      },
    } as unknown as WorkitemsApi;
    const rig = commandRig(api);
    const outcome = await rig.runner.run('transfer', 'wi_1', { input: { queueId: 'q_1' } });
    assert.equal(outcome, 'refused');
    assertInert(rig.ui.textsAt('warn')[0]);
  });

  it('notification "Signed in to … as {sub}"', async () => {
    const rig = commandRig({} as WorkitemsApi);
    rig.ui.inputAnswers = ['http://127.0.0.1:9/login', HOSTILE, 'secret'];
    await signInCommand(rig.ctx)();
    assertInert(rig.ui.textsAt('info')[0]);
  });

  it('quick pick of queues: name, id and description', async () => {
    const queue: Queue = { _id: HOSTILE, name: HOSTILE, description: HOSTILE } as Queue;
    const api = { listQueues: async () => [queue] } as unknown as WorkitemsApi;
    const rig = commandRig(api);
    let row: { label: string; description?: string; detail?: string } | undefined;
    rig.ui.choosePick = (items) => {
      row = items[0];
      return undefined;
    };
    await pickQueue(rig.ui, api);
    assertInert(row?.label);
    assertInert(row?.description);
    assertInert(row?.detail);
  });

  it('quick pick of workitems: id, state and contact, queue and agent', () => {
    const workitem = {
      ...realisticWorkitem(1),
      workitemId: HOSTILE,
      state: HOSTILE,
      selectedQueue: HOSTILE,
      agentUsername: HOSTILE,
    } as ReturnType<typeof realisticWorkitem>;
    const item = workitemPickItem(workitem);
    assertInert(item.label);
    assertInert(item.description);
    assertInert(item.detail);
  });

  it('input box validation message: the typed (possibly pasted) filter it quotes', () => {
    const problem = filterProblem(`state:(${HOSTILE}`);
    assert.ok(problem !== undefined);
    assert.equal(problem.match(VSCODE_LINK), null, problem);
    assert.deepEqual(icons(problem), []);
  });
});
