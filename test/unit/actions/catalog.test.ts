// The action catalog against everything that must agree with it: the command ids, the manifest's
// commands and row menus, the sandbox's routes and state machine, and each request written out
// here independently of the catalog.
import { isNcxError } from '../../../src/api/errors';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTION_CATALOG, actionRequests, type ActionInputs, type ActionRequest } from '../../../src/api/actions/catalog';
import { WORKITEM_ACTIONS, type WorkitemAction } from '../../../src/api/domain';
import { untranslated } from '../../../src/model/format/l10n';
import { COMMANDS, type CommandKey } from '../../../src/contributions';
import { callRoutes } from '../../../src/sandbox/server/routes/callRoutes';
import { Router } from '../../../src/sandbox/server/router';
import type { ServerDeps } from '../../../src/sandbox/server/serverDeps';
import { TRANSITIONS } from '../../../src/sandbox/stateMachine';
import { workitemContextValue } from '../../../src/views/tree/contextValues';
import { makeWorkitem } from '../model/support/fixtures';

const root = path.resolve(__dirname, '../../../..');
interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; icon: string }>;
    menus: Record<string, Array<{ command: string; when?: string; group?: string }>>;
  };
}
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;

/** A sample input per action and the requests NCX's reference (and our two assumptions) say it sends. */
const EXPECTED: { [A in WorkitemAction]: { input: ActionInputs[A]; requests: ActionRequest[] } } = {
  hold: { input: {}, requests: [{ method: 'POST', path: '/users/api/calls/wi_1/hold' }] },
  unhold: { input: {}, requests: [{ method: 'DELETE', path: '/users/api/calls/wi_1/hold' }] },
  hangup: { input: {}, requests: [{ method: 'POST', path: '/users/api/calls/wi_1/hangup' }] },
  transfer: {
    input: { queueId: 'q_sales' },
    requests: [{ method: 'POST', path: '/users/api/calls/wi_1/queuetransfer/q_sales', body: { inboxId: 'q_sales', workitemId: 'wi_1' } }],
  },
  answer: { input: {}, requests: [{ method: 'POST', path: '/users/api/calls/wi_1/bridge' }] },
  mute: { input: {}, requests: [{ method: 'POST', path: '/users/api/calls/wi_1/mute' }] },
  unmute: { input: {}, requests: [{ method: 'DELETE', path: '/users/api/calls/wi_1/mute' }] },
  dtmf: {
    input: { digits: '1*#' },
    requests: [
      { method: 'POST', path: '/users/api/calls/wi_1/dtmf/1' },
      { method: 'POST', path: '/users/api/calls/wi_1/dtmf/*' },
      { method: 'POST', path: '/users/api/calls/wi_1/dtmf/%23' },
    ],
  },
  priority: { input: { priority: 2 }, requests: [{ method: 'POST', path: '/workflows/api/workitems/wi_1/acd', body: { priority: 2 } }] },
  userTransfer: {
    input: { userId: 'jason.fontenot' },
    requests: [
      {
        method: 'POST',
        path: '/users/api/calls/wi_1/usertransfer/jason.fontenot',
        body: { userId: 'jason.fontenot', workitemId: 'wi_1' },
      },
    ],
  },
  disposition: {
    input: { dispositionId: 'disp_sale' },
    requests: [{ method: 'POST', path: '/users/api/workitems/wi_1/disposition', body: { dispositionId: 'disp_sale' } }],
  },
};

function requestsOf<A extends WorkitemAction>(action: A): readonly ActionRequest[] {
  const { input } = EXPECTED[action] as { input: ActionInputs[A] };
  return actionRequests(action, 'wi_1', input);
}

describe('action catalog', () => {
  it('has one record per action, keyed by the action and enabled by its own `actions` entry', () => {
    assert.deepEqual(Object.keys(ACTION_CATALOG).sort(), [...WORKITEM_ACTIONS].sort());
    for (const action of WORKITEM_ACTIONS) {
      assert.equal(ACTION_CATALOG[action].action, action);
      assert.equal(ACTION_CATALOG[action].enabledBy, action);
    }
  });

  for (const action of WORKITEM_ACTIONS) {
    it(`${action}: sends exactly the documented request(s)`, () => {
      assert.deepEqual(requestsOf(action), EXPECTED[action].requests);
    });
  }

  it('refuses DTMF strings other than 0-9 * # before anything is sent', () => {
    for (const digits of ['', '12a', '1 2', '٣', '#'.repeat(33)]) {
      assert.throws(() => actionRequests('dtmf', 'wi_1', { digits }), (error: unknown) => isNcxError(error) && error.kind === 'badRequest', JSON.stringify(digits));
    }
    assert.equal(actionRequests('dtmf', 'wi_1', { digits: '0123456789*#' }).length, 12, 'one request per digit');
  });

  it('refuses a priority outside 1-5 before anything is sent', () => {
    for (const priority of [0, 6, 2.5, Number.NaN]) {
      assert.throws(() => actionRequests('priority', 'wi_1', { priority }), (error: unknown) => isNcxError(error) && error.kind === 'badRequest', String(priority));
    }
    assert.deepEqual(ACTION_CATALOG.priority.inputFromArgument('3'), { priority: 3 });
    assert.equal(ACTION_CATALOG.priority.inputFromArgument('high'), undefined);
  });

  it('names each command as src/contributions.ts and package.json do, with the catalog\'s title and icon', () => {
    for (const action of WORKITEM_ACTIONS) {
      const spec = ACTION_CATALOG[action];
      assert.equal(COMMANDS[spec.commandKey as CommandKey], spec.command, action);
      const declared = manifest.contributes.commands.find((command) => command.command === spec.command);
      assert.ok(declared, `${spec.command} is in package.json`);
      assert.equal(declared.title, spec.words.title(untranslated), `${action}: one title everywhere`);
      assert.equal(declared.icon, spec.icon);
    }
  });

  it('offers each action in the row menu exactly when the row lists its `actions` entry', () => {
    const menus = manifest.contributes.menus['view/item/context'] ?? [];
    for (const action of WORKITEM_ACTIONS) {
      const spec = ACTION_CATALOG[action];
      const entries = menus.filter((menu) => menu.command === spec.command && !menu.group?.startsWith('inline'));
      assert.equal(entries.length, 1, `${action}: one context-menu entry`);
      const regex = /viewItem =~ \/(.+)\/$/.exec(entries[0]?.when ?? '')?.[1];
      assert.ok(regex, `${action}: the menu tests the row's actions`);
      const offers = (actions: string[]): boolean =>
        new RegExp(regex).test(workitemContextValue({ ...makeWorkitem(1, { state: 'active', channelType: 'voice' }), actions }, false));
      assert.ok(offers([spec.enabledBy]), `${action}: shown when the workitem lists ${spec.enabledBy}`);
      const others = WORKITEM_ACTIONS.filter((other) => other !== action);
      assert.ok(!offers(others), `${action}: hidden when every other action is listed but not ${spec.enabledBy}`);
    }
  });

  it('offers each action in the states the sandbox allows it from', () => {
    for (const action of WORKITEM_ACTIONS) {
      assert.deepEqual([...ACTION_CATALOG[action].offeredIn], [...TRANSITIONS[action].from], action);
    }
  });

  it('has the sandbox serve each action at the catalog\'s method and path, and no other action route', () => {
    const routes = callRoutes({} as ServerDeps);
    const router = new Router(routes);
    for (const action of WORKITEM_ACTIONS) {
      for (const request of requestsOf(action)) {
        const match = router.match(request.method, request.path);
        assert.equal(match.kind, 'found', `${action}: ${request.method} ${request.path}`);
        assert.equal(match.kind === 'found' ? match.route.action : undefined, action);
        assert.equal(match.kind === 'found' ? match.route.access : undefined, ACTION_CATALOG[action].permission);
      }
    }
    assert.deepEqual(routes.map((route) => route.action).sort(), [...WORKITEM_ACTIONS].sort(), 'one route per action');
  });
});
