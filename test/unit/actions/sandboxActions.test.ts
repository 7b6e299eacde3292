// Every new action through the real client against the real sandbox: what the sandbox's workitem
// looks like afterwards, and the refusals (409 naming the state, 400, 404) in the server's words.
import { strict as assert } from 'node:assert';
import { NcxClient } from '../../../src/api/client';
import { isNcxError } from '../../../src/api/errors';
import { serverWords } from '../../../src/commands/refusalMessage';
import type { Workitem } from '../../../src/api/schemas';
import { startTestSandbox, type TestSandbox } from '../api/helpers/sandbox';

describe('new actions against the sandbox', () => {
  let harness: TestSandbox;
  let client: NcxClient;
  let taken = 0;

  before(async () => {
    harness = await startTestSandbox();
    const token = await harness.tokenFor('agent');
    client = new NcxClient({ location: harness.url, token: () => token, retries: 0 });
  });

  after(async () => {
    await harness.stop();
  });

  /** A fresh workitem in `state` on `channel` (each test takes its own). */
  function take(state: string, channel = 'voice'): Workitem {
    const found = harness.sandbox.store.search({ q: `state:${state} AND channelType:${channel}`, rows: 1, start: taken++ });
    const [workitem] = found.objects;
    assert.ok(workitem, `the sandbox has no ${state} ${channel} workitem`);
    return workitem;
  }

  async function refusal(call: Promise<unknown>): Promise<{ kind: string; message: string; status?: number }> {
    try {
      await call;
    } catch (error) {
      assert.ok(isNcxError(error), String(error));
      return { kind: error.kind, message: serverWords(error) ?? error.message, status: error.details.status };
    }
    assert.fail('the sandbox accepted it');
  }

  it('answers (bridges) an accepted call', async () => {
    const workitem = take('accepted');
    const answered = await client.act('answer', workitem.workitemId, {});
    assert.equal(answered?.state, 'active');
    assert.equal(answered?.timeEvents?.at(-1)?.type, 'answered');
  });

  it('mutes and unmutes, keeping the state, and shows the mute state in `actions`', async () => {
    const workitem = take('active');
    const muted = await client.act('mute', workitem.workitemId, {});
    assert.equal(muted?.state, 'active');
    assert.equal(muted?.muted, true);
    assert.ok(muted?.actions?.includes('unmute') && !muted.actions.includes('mute'));
    const again = await refusal(client.act('mute', workitem.workitemId, {}));
    assert.equal(again.status, 409);
    assert.match(again.message, /is active and muted: mute is not possible/);
    const unmuted = await client.act('unmute', workitem.workitemId, {});
    assert.equal(unmuted?.muted, false);
    assert.equal(harness.sandbox.store.get(workitem.workitemId)?.muted, false);
  });

  it('sends DTMF digits one request each, in order', async () => {
    const workitem = take('active');
    const before = workitem.timeEvents?.length ?? 0;
    await client.act('dtmf', workitem.workitemId, { digits: '9*#' });
    const after = harness.sandbox.store.get(workitem.workitemId);
    assert.deepEqual(after?.timeEvents?.slice(before).map((event) => event.note), ['9', '*', '#']);
  });

  it('changes the priority (NCX answers {}) and refuses 6 with a 400 naming the field', async () => {
    const workitem = take('inqueue', 'chat');
    const target = workitem.priority === 5 ? 1 : 5;
    assert.equal(await client.act('priority', workitem.workitemId, { priority: target }), undefined);
    assert.equal(harness.sandbox.store.get(workitem.workitemId)?.priority, target);
    const response = await fetch(`${harness.url}/workflows/api/workitems/${workitem.workitemId}/acd`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await harness.tokenFor('agent')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ priority: 6 }),
    });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /priority/);
  });

  it('transfers to an agent (offered to that user) and refuses an unknown user with 404', async () => {
    const workitem = take('active');
    assert.equal(await client.act('userTransfer', workitem.workitemId, { userId: 'jason.fontenot' }), undefined);
    const after = harness.sandbox.store.get(workitem.workitemId);
    assert.equal(after?.state, 'offered');
    assert.equal(after?.agentUsername, 'jason.fontenot');
    const unknown = await refusal(client.act('userTransfer', take('active').workitemId, { userId: 'nobody.here' }));
    assert.equal(unknown.status, 404);
    assert.match(unknown.message, /User 'nobody.here' does not exist/);
  });

  it('dispositions a terminated workitem, and refuses an active one with 409 naming its state', async () => {
    const workitem = take('terminated', 'email');
    const done = await client.act('disposition', workitem.workitemId, { dispositionId: 'disp_callback' });
    assert.equal(done?.state, 'dispositioned');
    assert.equal(done?.dispositionId, 'disp_callback');
    const active = take('active');
    const refused = await refusal(client.act('disposition', active.workitemId, { dispositionId: 'disp_callback' }));
    assert.equal(refused.status, 409);
    assert.equal(refused.message, `${active.workitemId} is active: disposition is not possible`);
    const unknown = await refusal(client.act('disposition', take('terminated', 'email').workitemId, { dispositionId: 'disp_nope' }));
    assert.equal(unknown.status, 404);
  });

  it('lists users with presence, searched by `q`, and dispositions and campaigns with names', async () => {
    const users = await client.listUsers('fontenot');
    assert.deepEqual(users.map((user) => [user._id, user.name, user.presence]), [['jason.fontenot', 'Jason Fontenot', 'available']]);
    assert.ok((await client.listUsers(undefined)).length >= 40);
    const dispositions = await client.listDispositions();
    assert.ok(dispositions.some((disposition) => disposition.dispositionId === 'disp_resolved' && disposition.name === 'Resolved'));
    const campaigns = await client.listCampaigns();
    assert.ok(campaigns.some((campaign) => campaign._id === 'cmp_winback' && campaign.name === 'Win-back'));
  });
});
