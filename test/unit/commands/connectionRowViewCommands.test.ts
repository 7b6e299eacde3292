// Refresh and Filter… run on a connection's row in the Workitems view act on that connection's tree
// alone; from the palette or the view's title they act on the connection in use, as before.
import * as assert from 'node:assert/strict';
import type { WorkitemsApi } from '../../../src/api/workitemsApi';
import { filterCommand } from '../../../src/commands/filter';
import { refreshCommand } from '../../../src/commands/refresh';
import { connectionRows } from '../../../src/connection/profiles/connectionRows';
import { commandRig } from './helpers/commandRig';

/** The rows the view lists: the sandbox, acme-prod (in use) and globex-test, both signed in. */
function rows() {
  return connectionRows({
    profiles: [
      { name: 'acme-prod', loginUrl: 'https://acme.example.com' },
      { name: 'globex-test', loginUrl: 'https://globex.example.com' },
    ],
    inUse: 'acme-prod',
    signedIn: new Set(['acme-prod', 'globex-test']),
    protectedByDefault: true,
    authSchemeByDefault: 'bearer',
  });
}

function rowOf(name: string) {
  const row = rows().find((candidate) => candidate.target.kind === 'tenant' && candidate.target.name === name);
  assert.ok(row, name);
  return row;
}

function rigInAcme() {
  const rig = commandRig({} as WorkitemsApi);
  rig.connection.state = { mode: 'ncx', status: 'connected', host: 'acme.example.com', tenant: 'acme-prod', username: 'ada', authorities: ['workitems:admin'] };
  return rig;
}

describe('Refresh and Filter… on a connection’s row in the Workitems view', () => {
  it('refreshes only the tree of the row’s tenant, and no panel of the tenant in use', async () => {
    const rig = rigInAcme();
    await refreshCommand(rig.ctx)(rowOf('globex-test'));
    assert.deepEqual(rig.tree.refreshedTenants, ['globex-test']);
    assert.equal(rig.tree.refreshes, 0);
    assert.deepEqual(rig.panels.refreshed, [], 'the open panels belong to acme-prod');
  });

  it('refreshes the panels too on the row in use, and everything from the palette or a link', async () => {
    const rig = rigInAcme();
    await refreshCommand(rig.ctx)(rowOf('acme-prod'));
    assert.deepEqual(rig.tree.refreshedTenants, ['acme-prod']);
    assert.deepEqual(rig.panels.refreshed, [undefined]);
    await refreshCommand(rig.ctx)();
    // The welcome view's "Retry" link passes nothing; a bare string is no row.
    await refreshCommand(rig.ctx)('globex-test');
    assert.equal(rig.tree.refreshes, 2);
    assert.equal(rig.panels.refreshed.length, 3);
  });

  it('sets the row’s tenant’s own filter, prefilled with it, in a box that names the tenant', async () => {
    const rig = rigInAcme();
    rig.tree.filter = 'channelType:voice';
    rig.tree.tenantFilters.set('globex-test', 'state:hold');
    rig.ui.inputAnswers = ['priority:>=4'];
    await filterCommand(rig.ctx)(rowOf('globex-test'));
    const [box] = rig.ui.inputs;
    assert.equal(box?.value, 'state:hold');
    assert.match(String(box?.title), /globex-test/);
    assert.equal(rig.tree.tenantFilters.get('globex-test'), 'priority:>=4');
    assert.equal(rig.tree.filter, 'channelType:voice', 'the tenant in use keeps its own');
  });

  it('clears only the row’s tenant’s filter when the box is emptied, and refuses a broken query', async () => {
    const rig = rigInAcme();
    rig.tree.filter = 'channelType:voice';
    rig.tree.tenantFilters.set('globex-test', 'state:hold');
    rig.ui.inputAnswers = [''];
    await filterCommand(rig.ctx)(rowOf('globex-test'));
    assert.equal(rig.tree.tenantFilters.get('globex-test'), undefined);
    assert.equal(rig.tree.filter, 'channelType:voice');
    rig.ui.inputAnswers = ['state:(hold'];
    await filterCommand(rig.ctx)(rowOf('globex-test'));
    assert.equal(rig.tree.tenantFilters.get('globex-test'), undefined, 'a query the server would refuse is not applied');
    assert.match(rig.ui.textsAt('warn')[0] ?? '', /not applied/);
  });

  it('works on the connection in use from the palette, in the box it always had', async () => {
    const rig = rigInAcme();
    rig.ui.inputAnswers = ['state:active'];
    await filterCommand(rig.ctx)();
    assert.equal(rig.tree.filter, 'state:active');
    assert.equal(rig.ui.inputs[0]?.title, 'Filter Workitems');
    assert.equal(rig.tree.tenantFilters.size, 0);
  });
});
