// A protected tenant with the real runner and client against the real sandbox: an action is refused
// with the reason and nothing is sent; the person may allow actions right there (a modal naming the
// tenant), after which the action goes; the allowance ends on time; and a permission the sign-in
// lacks is said first (allowing actions would not help it).
import * as assert from 'node:assert/strict';
import type { Workitem } from '../../../src/api/schemas';
import { ActionRunner } from '../../../src/commands/actionRunner';
import { lockedReasonOf, type ProtectionHooks } from '../../../src/commands/protection';
import { silentLog } from '../../../src/log/log';
import { ActionLock, UNLOCK_MINUTES } from '../../../src/model/protection/actionLock';
import type { RunningSandbox } from '../../../src/sandbox/server/startSandbox';
import { ManualClock } from '../../support/manualClock';
import { FakePanels, FakeTree } from './helpers/fakeHooks';
import { FakeUi } from './helpers/fakeUi';
import { actionRequests, connectedHooks, signInAs, startTestSandbox, type SignedInSession } from './helpers/sandboxSession';

const TENANT = 'acme-prod.ncx.example';

function protectionOf(lock: ActionLock, protectedTenant = true): ProtectionHooks {
  return {
    tenant: () => TENANT,
    isProtected: () => protectedTenant,
    lockedReason: () => (lock.isLocked(TENANT, protectedTenant) ? lockedReasonOf(TENANT) : undefined),
    allow: () => lock.allow(TENANT),
    lock: () => lock.lock(TENANT),
    remainingMs: () => lock.remainingMs(TENANT),
  };
}

describe('protected tenants', () => {
  let sandbox: RunningSandbox;
  let admin: SignedInSession;
  let viewer: SignedInSession;
  let taken = 0;

  before(async () => {
    sandbox = await startTestSandbox();
    admin = await signInAs(sandbox.url, 'admin');
    viewer = await signInAs(sandbox.url, 'viewer');
  });

  after(async () => {
    await sandbox.stop();
  });

  async function activeCall(): Promise<Workitem> {
    const [call] = (await admin.api.search({ q: 'state:active AND channelType:voice', rows: 1, start: taken++ })).items;
    assert.ok(call);
    return call;
  }

  it('refuses with the reason and sends nothing; allowed after the modal naming the tenant, the action goes', async () => {
    const clock = new ManualClock();
    const lock = new ActionLock(clock.now);
    const ui = new FakeUi();
    const runner = new ActionRunner({ ui, log: silentLog, connection: connectedHooks(admin), tree: new FakeTree(), panels: new FakePanels(), protection: protectionOf(lock) });
    const call = await activeCall();

    assert.equal(await runner.run('hold', call), 'notAllowed');
    assert.equal(ui.messages.at(-1)?.text, `${TENANT} is protected: actions on it are off until you allow them for ${UNLOCK_MINUTES} minutes.`);
    assert.equal(actionRequests(admin, call.workitemId).length, 0);

    // "Allow Actions for 15 Minutes…" on the refusal, then the modal: confirmed, the hold goes.
    ui.messageAnswers.push(`Allow Actions for ${UNLOCK_MINUTES} Minutes…`);
    ui.confirmAnswers.push(true);
    assert.equal(await runner.run('hold', call), 'done');
    assert.ok(ui.confirmations.at(-1)?.message.includes(TENANT), 'the modal names the tenant');
    assert.equal(actionRequests(admin, call.workitemId).length, 1);

    // Fifteen minutes later it is locked again.
    clock.advance(UNLOCK_MINUTES * 60_000 - 1);
    assert.equal(runner.whyNotAllowed('unhold'), undefined);
    clock.advance(1);
    assert.equal(runner.whyNotAllowed('unhold'), lockedReasonOf(TENANT));
  });

  it('says the missing permission first, and a tenant that is not protected is never locked', async () => {
    const lock = new ActionLock();
    const ui = new FakeUi();
    const call = await activeCall();
    const asViewer = new ActionRunner({ ui, log: silentLog, connection: connectedHooks(viewer), tree: new FakeTree(), panels: new FakePanels(), protection: protectionOf(lock) });
    assert.equal(await asViewer.run('hold', call), 'notAllowed');
    assert.ok(ui.messages.at(-1)?.text.includes('workitems:write'), 'the permission, not the protection');
    assert.equal(ui.confirmations.length, 0);
    const unprotected = new ActionRunner({ ui, log: silentLog, connection: connectedHooks(admin), tree: new FakeTree(), panels: new FakePanels(), protection: protectionOf(lock, false) });
    assert.equal(await unprotected.run('hold', call), 'done');
  });
});
