import * as assert from 'node:assert/strict';
import type { ProfileHooks } from '../../../src/commands/connections';
import { createCommandHandlers } from '../../../src/commands/registry';
import { buildWorkitemLink } from '../../../src/links/workitemLink';
import { connectionRows } from '../../../src/connection/profiles/connectionRows';
import type { ConnectionProfile } from '../../../src/connection/profiles/connectionProfile';
import type { PickItem } from '../../../src/ui/ui';
import { KnownWorkitemsApi } from './helpers/deferredApi';
import { commandRig } from './helpers/commandRig';
import { activeVoiceCall } from './helpers/workitems';

const ACME: ConnectionProfile = { name: 'acme-prod', loginUrl: 'https://login.acme.example' };
const GLOBEX: ConnectionProfile = { name: 'globex', loginUrl: 'https://login.globex.example', protected: false };

/** The command rig with named connections in memory: `acme-prod` has a stored session, `globex` none. */
function connectionsRig(initial: ConnectionProfile[] = [ACME, GLOBEX]) {
  const rig = commandRig(new KnownWorkitemsApi([activeVoiceCall()], []));
  let list = [...initial];
  const withSession = new Set(['acme-prod']);
  const profiles: ProfileHooks = {
    list: () => list,
    save: async (next) => {
      list = [...next];
    },
    hasSession: async (tenant) => withSession.has(tenant),
  };
  rig.ctx.profiles = profiles;
  // Picks answered in order, each by the first row whose label includes the text.
  const picks: string[] = [];
  const offered: string[][] = [];
  rig.ui.choosePick = (items: Array<PickItem<unknown>>) => {
    offered.push(items.map((item) => item.label));
    const wanted = picks.shift();
    const index = wanted === undefined ? -1 : items.findIndex((item) => item.label.includes(wanted));
    return index < 0 ? undefined : index;
  };
  return { ...rig, handlers: createCommandHandlers(rig.ctx, rig.runner), picks, offered, list: () => list };
}

describe('named connection commands', () => {
  it('"Connect To…" offers the sandbox, each connection and Add; a signed-in tenant is switched to without a password', async () => {
    const rig = connectionsRig();
    rig.picks.push('acme-prod');
    await rig.handlers.connectTo();
    assert.deepEqual(rig.connection.tenantSwitches, ['acme-prod']);
    assert.equal(rig.ui.inputs.length, 0, 'no user name or password asked');
    const labels = rig.offered[0] ?? [];
    assert.equal(labels.length, 4);
    assert.match(labels[0] ?? '', /\$\(check\) \$\(beaker\) Local Sandbox/, 'the sandbox in use is ticked');
    assert.match(labels[3] ?? '', /Add Connection/);
  });

  it('"Connect To…" a tenant without a session signs in to it: user name and password only, sent with its name', async () => {
    const rig = connectionsRig();
    rig.picks.push('globex');
    rig.ui.inputAnswers = ['dana.whitfield', 'correct horse'];
    await rig.handlers.connectTo();
    assert.deepEqual(rig.connection.signIns, [{ loginUrl: GLOBEX.loginUrl, username: 'dana.whitfield', password: 'correct horse', tenant: 'globex' }]);
    assert.deepEqual(
      rig.ui.inputs.map((input) => input.title),
      ['Sign In to globex (1/2)', 'Sign In to globex (2/2)'],
    );
  });

  it('"Sign In to NCX…" asks which connection first, and still takes another login URL', async () => {
    const rig = connectionsRig();
    rig.picks.push('Another Login URL');
    rig.ui.inputAnswers = ['https://login.initech.example', 'peter', 'tps-report'];
    await rig.handlers.signIn();
    assert.deepEqual(rig.connection.signIns, [{ loginUrl: 'https://login.initech.example', username: 'peter', password: 'tps-report' }]);
    assert.deepEqual(rig.offered[0]?.slice(0, 2).map((label) => label.replace(/^\$\(cloud\) /, '')), ['acme-prod', 'globex']);
  });

  it('"Add Connection…" refuses a taken or unsafe name, and adds a protected connection', async () => {
    const rig = connectionsRig();
    rig.ui.inputAnswers = ['initech', 'https://login.initech.example'];
    rig.picks.push('Protected');
    await rig.handlers.addConnection();
    const validate = rig.ui.inputs[0]?.validate;
    assert.ok(validate);
    assert.match(validate('ACME-PROD') ?? '', /exists already/);
    assert.match(validate('[x](command:workbench.action.terminal.new)') ?? '', /Use letters, digits/);
    assert.equal(validate('hooli'), undefined);
    assert.match(rig.ui.inputs[1]?.validate?.('http://login.initech.example') ?? '', /plain http/);
    assert.deepEqual(rig.list().at(-1), { name: 'initech', loginUrl: 'https://login.initech.example', protected: true });
    assert.match(rig.ui.messages.at(-1)?.text ?? '', /Added the connection initech/);
  });

  it('"Edit Connection…" changes one field and keeps the rest', async () => {
    const rig = connectionsRig();
    rig.picks.push('globex', 'Colour', 'purple');
    await rig.handlers.editConnection();
    assert.deepEqual(rig.list(), [ACME, { ...GLOBEX, color: 'purple' }]);
  });

  it('"Remove Connection…" asks, signs out of that tenant only, and goes back to the sandbox when it was in use', async () => {
    const rig = connectionsRig();
    rig.connection.state = { mode: 'ncx', status: 'connected', tenant: 'acme-prod', username: 'agent', authorities: [] };
    rig.picks.push('acme-prod');
    rig.ui.confirmAnswers = [true];
    await rig.handlers.removeConnection();
    assert.match(rig.ui.confirmations[0]?.message ?? '', /Remove the connection acme-prod\?/);
    assert.deepEqual(rig.connection.signedOutOf, ['acme-prod']);
    assert.deepEqual(rig.list(), [GLOBEX]);
    assert.equal(rig.connection.sandboxSwitches, 1);
  });

  it('a link to a tenant signed in to before switches to it and opens the workitem, asking nothing', async () => {
    const rig = connectionsRig();
    const target = { scheme: 'vscode', authority: 'workitem-inspector.workitem-inspector' };
    rig.ctx.tenants = { history: { read: async () => ({ entries: [], skipped: [] }), exportTo: async () => undefined }, linkTarget: target, chooseExportFile: async () => undefined };
    rig.ui.messageAnswers = ['Sign In to acme-prod…'];
    await rig.handlers.openLink(buildWorkitemLink(target, { tenant: 'acme-prod', id: 'wi_20001' }));
    assert.deepEqual(rig.connection.tenantSwitches, ['acme-prod']);
    assert.equal(rig.ui.inputs.length, 0);
    assert.deepEqual(rig.panels.opened.map((opened) => opened.id), ['wi_20001']);

    // globex has no stored session: its sign-in asks user name and password, for globex.
    rig.ui.messageAnswers = ['Sign In to globex…'];
    rig.ui.inputAnswers = ['peter', 'tps-report'];
    await rig.handlers.openLink(buildWorkitemLink(target, { tenant: 'globex', id: 'wi_7' }));
    assert.equal(rig.connection.signIns[0]?.tenant, 'globex');
  });

  it('acts on the row of the Connections view it was run on, without a pick', async () => {
    const rig = connectionsRig();
    const rows = connectionRows({ profiles: rig.list(), inUse: 'sandbox', signedIn: new Set(['acme-prod']), protectedByDefault: true, authSchemeByDefault: 'bearer' });
    const [sandboxRow, acmeRow, globexRow] = rows;
    assert.ok(sandboxRow && acmeRow && globexRow);
    await rig.handlers.connectTo(acmeRow);
    assert.deepEqual(rig.connection.tenantSwitches, ['acme-prod']);
    await rig.handlers.connectTo(sandboxRow);
    assert.equal(rig.connection.sandboxSwitches, 1);
    await rig.handlers.signOut(globexRow);
    assert.deepEqual(rig.connection.signedOutOf, ['globex']);
    rig.picks.push('Protection', 'Not protected');
    await rig.handlers.editConnection(acmeRow);
    assert.equal(rig.list()[0]?.protected, false);
    assert.equal(rig.offered.length, 2, 'no pick of the connection: the row said which');
    // A row of a connection removed meanwhile (another window) connects to nothing.
    await rig.handlers.connectTo({ target: { kind: 'tenant', name: 'initech' } });
    assert.match(rig.ui.messages.at(-1)?.text ?? '', /no connection named initech/);
    assert.deepEqual(rig.connection.tenantSwitches, ['acme-prod']);
  });

  it('describes each row: in use, signed in, protected, in its colour, and which menus apply', () => {
    const rows = connectionRows({ profiles: [ACME, { ...GLOBEX, color: 'purple' }], inUse: 'ACME-PROD', signedIn: new Set(['acme-prod']), protectedByDefault: true, authSchemeByDefault: 'raw' });
    assert.deepEqual(
      rows.map((row) => [row.label, row.description, row.color, row.contextValue]),
      [
        ['Local Sandbox', '', 'green', 'connection;sandbox;idle;signedIn;'],
        ['acme-prod', 'in use · signed in · protected', rows[1]?.color, 'connection;tenant;inUse;signedIn;'],
        ['globex', 'not signed in · actions allowed', 'purple', 'connection;tenant;idle;signedOut;'],
      ],
    );
    assert.notEqual(rows[1]?.color, 'green');
    assert.ok(rows[1]?.tooltip.some((line) => line === 'Token sent as: raw'));
  });

  it('"Remove Connection…" declined removes nothing', async () => {
    const rig = connectionsRig();
    rig.picks.push('globex');
    await rig.handlers.removeConnection();
    assert.deepEqual(rig.list(), [ACME, GLOBEX]);
    assert.equal(rig.connection.signOuts, 0);
  });
});
