import * as assert from 'node:assert/strict';
import { signIn } from '../../../src/api/auth';
import { NcxClient } from '../../../src/api/client';
import type { RequestLogEntry } from '../../../src/api/http';
import type { WorkitemsApi } from '../../../src/api/workitemsApi';
import { ROOT_ID } from '../../../src/model/groupKeys';
import type { GroupModelNode } from '../../../src/model/modelNodes';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server/startSandbox';
import { branchNodeId, connectionRootId, parseBranchNodeId, TenantBranches } from '../../../src/views/tree/tenantBranches';

// The trees of tenants not in use, each read from a sandbox of its own through a real client whose
// every request is counted: what is read, when, and under which ids.
describe('trees of the tenants not in use (the Workitems view lists several tenants)', () => {
  let acme: RunningSandbox;
  let globex: RunningSandbox;
  const apis = new Map<string, WorkitemsApi>();
  const requests = new Map<string, RequestLogEntry[]>();

  before(async () => {
    [acme, globex] = await Promise.all([
      startSandbox({ port: 0, size: 150, seed: 41, traffic: false }),
      startSandbox({ port: 0, size: 220, seed: 42, traffic: false }),
    ]);
    for (const [name, sandbox] of [['acme', acme], ['globex', globex]] as const) {
      const grant = await signIn({ loginUrl: sandbox.url, username: 'admin', password: 'admin-password' });
      const log: RequestLogEntry[] = [];
      requests.set(name, log);
      apis.set(name, new NcxClient({ location: grant.location, token: () => grant.token, retries: 0, onRequest: (entry) => log.push(entry) }));
    }
  });

  after(async () => {
    await Promise.all([acme.stop(), globex.stop()]);
  });

  function branches(changes: { tenant: string; ids: readonly string[] }[] = []): TenantBranches {
    for (const log of requests.values()) log.length = 0;
    return new TenantBranches({
      apiFor: (tenant) => {
        const api = apis.get(tenant.toLowerCase());
        assert.ok(api, tenant);
        return api;
      },
      options: () => ({ groupBy: 'state', pageSize: 50, changeFeed: false }),
      onChange: (tenant, ids) => changes.push({ tenant, ids }),
    });
  }

  it('gives every row an id under its tenant’s row, the same id in two tenants being two rows', () => {
    const id = branchNodeId('Acme:Prod', 'state:active/channel:voice');
    assert.equal(id, 'connection:acme:prod›state:active/channel:voice');
    assert.deepEqual(parseBranchNodeId(id), { key: 'acme:prod', modelId: 'state:active/channel:voice' });
    assert.deepEqual(parseBranchNodeId(connectionRootId('globex')), { key: 'globex', modelId: ROOT_ID });
    assert.notEqual(branchNodeId('acme', 'state:active'), branchNodeId('globex', 'state:active'));
    assert.equal(parseBranchNodeId('state:active/channel:voice'), undefined, 'a row of the tenant in use is no branch row');
  });

  it('reads nothing until a tenant’s row is opened, then only that tenant; counts equal its own', async () => {
    const tree = branches();
    assert.deepEqual(tree.builtTenants(), []);
    const rows = (await tree.children('globex')) as GroupModelNode[];
    assert.equal(requests.get('acme')?.length, 0, 'acme was not opened: nothing sent to it');
    assert.ok((requests.get('globex')?.length ?? 0) > 0);
    const own = await apis.get('globex')?.count(undefined);
    assert.equal(rows.reduce((sum, row) => sum + row.count, 0), own);
    for (const row of rows) {
      assert.equal(row.parentId, connectionRootId('globex'));
      assert.equal(parseBranchNodeId(row.id)?.key, 'globex');
      assert.equal(tree.tenantOf(row.id), 'globex');
    }
    tree.dispose();
  });

  it('refreshes an opened tenant and leaves a closed one alone', async () => {
    const tree = branches();
    await tree.children('acme');
    await tree.children('globex');
    await tree.setExpanded(connectionRootId('acme'), false);
    const sentBefore = { acme: requests.get('acme')?.length ?? 0, globex: requests.get('globex')?.length ?? 0 };
    await tree.refresh();
    await tree.recount();
    assert.equal(requests.get('acme')?.length, sentBefore.acme, 'a closed tenant sends nothing');
    assert.ok((requests.get('globex')?.length ?? 0) > sentBefore.globex, 'the open one is read again');
    tree.dispose();
  });

  it('filters one tenant’s tree with its own filter, and counts one tenant again alone', async () => {
    const tree = branches();
    await tree.children('acme');
    await tree.children('globex');
    tree.setFilter('globex', 'channelType:voice');
    const voice = (await tree.children('globex')) as GroupModelNode[];
    assert.equal(
      voice.reduce((sum, row) => sum + row.count, 0),
      await apis.get('globex')?.count('channelType:voice'),
      'globex counts its voice workitems alone',
    );
    const acmeRows = (await tree.children('acme')) as GroupModelNode[];
    assert.equal(acmeRows.reduce((sum, row) => sum + row.count, 0), await apis.get('acme')?.count(undefined), 'acme keeps everything');
    const sentBefore = { acme: requests.get('acme')?.length ?? 0, globex: requests.get('globex')?.length ?? 0 };
    await tree.recount('GLOBEX');
    assert.equal(requests.get('acme')?.length, sentBefore.acme, 'Refresh on globex’s row sends nothing to acme');
    assert.ok((requests.get('globex')?.length ?? 0) > sentBefore.globex);
    const again = (await tree.children('globex')) as GroupModelNode[];
    assert.equal(again.reduce((sum, row) => sum + row.count, 0), await apis.get('globex')?.count('channelType:voice'), 'counted again through its filter');
    tree.dispose();
  });

  it('opens a group of a tenant with its own rows, and finds them by their branch ids', async () => {
    const changes: { tenant: string; ids: readonly string[] }[] = [];
    const tree = branches(changes);
    const [group] = (await tree.children('acme')) as GroupModelNode[];
    assert.ok(group);
    const under = await tree.children('acme', parseBranchNodeId(group.id)?.modelId ?? ROOT_ID);
    assert.ok(under.length > 0);
    for (const row of under) {
      assert.equal(row.parentId, group.id);
      assert.deepEqual(tree.findNode(row.id)?.id, row.id);
    }
    assert.ok(changes.every((change) => change.tenant === 'acme' && change.ids.every((id) => id.startsWith(connectionRootId('acme')))));
    tree.dispose();
  });

  it('drops the tree of a tenant that is now in use or signed out of', async () => {
    const tree = branches();
    await tree.children('acme');
    await tree.children('globex');
    tree.retain((tenant) => tenant !== 'acme');
    assert.deepEqual(tree.builtTenants(), ['globex']);
    assert.equal(tree.findNode(branchNodeId('acme', 'state:active')), undefined);
    tree.dispose();
    assert.deepEqual(tree.builtTenants(), []);
  });
});
