import * as assert from 'node:assert/strict';
import { signIn } from '../../../src/api/auth';
import { NcxClient } from '../../../src/api/client';
import type { RequestLogEntry } from '../../../src/api/http';
import type { Workitem } from '../../../src/api/schemas';
import { actionAudit } from '../../../src/audit/actionAudit';
import type { AuditRecord } from '../../../src/audit/auditEntry';
import { runActionCommand } from '../../../src/commands/actionCommand';
import { otherTenantScopes, type OtherTenantHooks } from '../../../src/commands/otherTenantScope';
import { protectionOf } from '../../../src/commands/protection';
import { TenantClients } from '../../../src/connection/tenantClients';
import { readTokenClaims } from '../../../src/connection/tokenClaims';
import { ActionLock } from '../../../src/model/protection/actionLock';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server/startSandbox';
import { MemorySessionStore } from '../connection/helpers/memorySessionStore';
import { commandRig } from './helpers/commandRig';
import { KnownWorkitemsApi } from './helpers/deferredApi';

// The tenant in use is a fake that fails the test if anything reaches it; globex-test is a real
// sandbox, read and acted on through its own stored session, as a row of it in the Workitems view is.
describe('acting on a row of a tenant not in use', () => {
  const GLOBEX = 'globex-test';
  let globex: RunningSandbox;

  before(async () => {
    globex = await startSandbox({ port: 0, size: 200, seed: 42, traffic: false });
  });

  after(async () => {
    await globex.stop();
  });

  async function world(options: { protectedTenant?: boolean; user?: 'admin' | 'viewer' } = {}) {
    const user = options.user ?? 'admin';
    const sessions = new MemorySessionStore();
    const grant = await signIn({ loginUrl: globex.url, username: user, password: `${user}-password` });
    await sessions.set(GLOBEX, { loginUrl: globex.url, location: grant.location, token: grant.token, username: user });
    const sent: RequestLogEntry[] = [];
    const clients = new TenantClients({
      sessions,
      buildClient: (args) => new NcxClient({ ...args, retries: 0, onRequest: (entry) => sent.push(entry) }),
      authScheme: () => 'bearer',
      allowInsecureHttp: () => false,
      readClaims: readTokenClaims,
    });
    // The tenant in use: its API knows no workitem and its tree records every call.
    const rig = commandRig(new KnownWorkitemsApi([]));
    rig.connection.state = { mode: 'ncx', status: 'connected', tenant: 'acme-prod', username: 'admin', authorities: ['workitems:admin'] };
    const history: AuditRecord[] = [];
    const busy: Array<[string, string | undefined]> = [];
    const answers: Array<Workitem | undefined> = [];
    const lock = new ActionLock();
    const hooks: OtherTenantHooks = {
      apiFor: (tenant) => clients.apiFor(tenant),
      identityOf: (tenant) => clients.identityOf(tenant),
      setBusy: (_tenant, id, text) => busy.push([id, text]),
      showAnswer: (_tenant, workitem) => answers.push(workitem),
      protectionOf: (tenant) => protectionOf(lock, { tenant: () => tenant, isProtected: () => options.protectedTenant ?? false }),
      auditOf: (tenant, who) => actionAudit({ record: async (entry) => void history.push(entry), where: () => ({ tenant, ...(who() ? { user: who() } : {}) }), log: rig.log }),
    };
    const scopeOf = otherTenantScopes(rig.ctx, hooks, async () => undefined);
    const server = new NcxClient({ location: grant.location, token: () => grant.token, retries: 0 });
    // The row as the tree hands it over: its workitem and its tenant (read first, as the tree does).
    const calls = await clients.apiFor(GLOBEX).search({ q: 'state:active AND channelType:voice', rows: 5 });
    const rowOf = (workitem: Workitem) => ({ kind: 'workitem', id: `connection:${GLOBEX}›x/${workitem.workitemId}`, tenant: GLOBEX, workitem });
    return { rig, scopeOf, sent, history, busy, answers, server, calls: calls.items, rowOf, lock };
  }

  it('sends the action to the row’s tenant with its own session, and nothing to the tenant in use', async () => {
    const { rig, scopeOf, history, busy, answers, server, calls, rowOf } = await world();
    const [call] = calls;
    assert.ok(call);
    const report = await runActionCommand(rig.ctx, rig.runner, 'hold', [rowOf(call)], scopeOf);
    assert.equal(report && 'outcome' in report ? report.outcome : undefined, 'done');
    assert.equal((await server.fetchWorkitem(call.workitemId)).state, 'hold');
    assert.deepEqual(rig.tree.busy, [], 'the tree of the tenant in use shows no spinner');
    assert.deepEqual(busy.map(([id]) => id), [call.workitemId, call.workitemId], 'spinner on and off in the row’s tree');
    assert.equal(answers[0]?.state, 'hold', 'the answer lands in the row’s tree');
    assert.deepEqual(rig.panels.refreshed, [], 'no panel of the tenant in use is read again');
    assert.deepEqual(history.map((entry) => [entry.tenant, entry.user, entry.action, entry.outcome]), [[GLOBEX, 'admin', 'hold', 'done']]);
  });

  it('asks “on globex-test?” before a hang-up, and sends nothing when the answer is no', async () => {
    const { rig, scopeOf, sent, calls, rowOf } = await world();
    const call = calls[1];
    assert.ok(call);
    const before = sent.length;
    rig.ui.confirmAnswers.push(false);
    await runActionCommand(rig.ctx, rig.runner, 'hangup', [rowOf(call)], scopeOf);
    assert.equal(rig.ui.confirmations[0]?.message, `Hang Up ${call.workitemId} on ${GLOBEX}?`);
    assert.equal(sent.length, before);
  });

  it('follows the row’s tenant’s protection: refused with its name until allowed', async () => {
    const { rig, scopeOf, sent, calls, rowOf, lock, server } = await world({ protectedTenant: true });
    const call = calls[2];
    assert.ok(call);
    const before = sent.length;
    const refused = await runActionCommand(rig.ctx, rig.runner, 'hold', [rowOf(call)], scopeOf);
    assert.equal(refused && 'outcome' in refused ? refused.outcome : undefined, 'notAllowed');
    assert.match(refused && 'reason' in refused ? String(refused.reason) : '', new RegExp(`^${GLOBEX} is protected`));
    assert.equal(sent.length, before, 'nothing sent');
    lock.allow(GLOBEX);
    const done = await runActionCommand(rig.ctx, rig.runner, 'hold', [rowOf(call)], scopeOf);
    assert.equal(done && 'outcome' in done ? done.outcome : undefined, 'done');
    assert.equal((await server.fetchWorkitem(call.workitemId)).state, 'hold');
  });

  it('offers what the row’s tenant’s session may do, not what the tenant in use may', async () => {
    const { rig, scopeOf, sent, calls, rowOf } = await world({ user: 'viewer' });
    const call = calls[3];
    assert.ok(call);
    const before = sent.length;
    const report = await runActionCommand(rig.ctx, rig.runner, 'hold', [rowOf(call)], scopeOf);
    assert.equal(report && 'outcome' in report ? report.outcome : undefined, 'notAllowed');
    assert.match(rig.ui.messages.map((message) => message.text).join(' | '), /viewer may not hold workitems/);
    assert.equal(sent.length, before);
  });

  it('acts on the selected rows of the same tenant and leaves rows of others out', async () => {
    const { rig, scopeOf, calls, rowOf, server } = await world();
    const [first, second] = calls.slice(3);
    assert.ok(first && second);
    const elsewhere = { ...rowOf(second), tenant: 'acme-prod' };
    rig.ui.confirmAnswers.push(true);
    const summary = await runActionCommand(rig.ctx, rig.runner, 'hold', [rowOf(first), [rowOf(first), rowOf(second), elsewhere]], scopeOf);
    assert.ok(summary && 'done' in summary);
    assert.deepEqual(summary.done.map((report) => report.workitemId).sort(), [first.workitemId, second.workitemId].sort());
    assert.equal(rig.ui.confirmations[0]?.message, `Hold: 2 workitems on ${GLOBEX}?`);
    for (const call of [first, second]) assert.equal((await server.fetchWorkitem(call.workitemId)).state, 'hold');
  });
});
