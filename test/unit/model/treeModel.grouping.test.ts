import * as assert from 'assert';
import type { GroupByMode } from '../../../src/config/settings';
import { OTHER_GROUP_VALUE } from '../../../src/model/groupKeys';
import { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import { FakeWorkitemsApi, ObjectStore } from './support/fakeWorkitemsApi';
import { makeWorkitem, makeWorkitems } from './support/fixtures';
import { open, rows } from './support/treeDriver';

// 3 active voice, 1 active chat, 2 hold voice, 2 inqueue email, 1 dispositioned sms;
// nothing offered / accepted / conference / terminated (those groups must stay hidden).
const SPREAD = [
  ['dispositioned', 'sms', 1],
  ['active', 'voice', 3],
  ['hold', 'voice', 2],
  ['inqueue', 'email', 2],
  ['active', 'chat', 1],
] as const;

function treeOver(workitems: object[], groupBy: GroupByMode) {
  const api = new FakeWorkitemsApi(new ObjectStore(workitems));
  return { api, model: new WorkitemTreeModel({ api, groupBy }) };
}

describe('tree model: grouping', () => {
  it('state → channel: states in lifecycle order, channels in channel order, empty groups hidden', async () => {
    const { model } = treeOver(makeWorkitems(SPREAD), 'stateChannel');
    assert.deepStrictEqual(await rows(model), [
      'state:inqueue (2)',
      'state:active (4)',
      'state:hold (2)',
      'state:dispositioned (1)',
    ]);
    assert.deepStrictEqual(await rows(model, 'state:active'), [
      'state:active/channel:voice (3)',
      'state:active/channel:chat (1)',
    ]);
    const voice = await rows(model, 'state:active/channel:voice');
    assert.deepStrictEqual(voice, ['wi_10001', 'wi_10002', 'wi_10003']);
  });

  it('channel → state: the same workitems, the other way round', async () => {
    const { model } = treeOver(makeWorkitems(SPREAD), 'channelState');
    assert.deepStrictEqual(await rows(model), [
      'channel:voice (5)',
      'channel:email (2)',
      'channel:sms (1)',
      'channel:chat (1)',
    ]);
    assert.deepStrictEqual(await rows(model, 'channel:voice'), [
      'channel:voice/state:active (3)',
      'channel:voice/state:hold (2)',
    ]);
  });

  it('state only and channel only: one level of groups, then workitems', async () => {
    const byState = treeOver(makeWorkitems(SPREAD), 'state').model;
    assert.deepStrictEqual(await open(byState, 'state:hold'), ['wi_10004', 'wi_10005']);
    const byChannel = treeOver(makeWorkitems(SPREAD), 'channel').model;
    assert.deepStrictEqual(await rows(byChannel), ['channel:voice (5)', 'channel:email (2)', 'channel:sms (1)', 'channel:chat (1)']);
    // makeWorkitem dates workitem n at n + 1 minutes ago, so lower numbers are newer.
    assert.deepStrictEqual(await rows(byChannel, 'channel:email'), ['wi_10006', 'wi_10007']);
  });

  it('none: the workitems themselves at the top, newest first', async () => {
    const workitems = [
      makeWorkitem(1, { state: 'active', channelType: 'voice', ageMinutes: 30 }),
      makeWorkitem(2, { state: 'hold', channelType: 'voice', ageMinutes: 5 }),
      makeWorkitem(3, { state: 'inqueue', channelType: 'chat', ageMinutes: 12 }),
    ];
    const { model } = treeOver(workitems, 'none');
    assert.deepStrictEqual(await rows(model), ['wi_10002', 'wi_10003', 'wi_10001']);
  });

  it('puts unknown states in an "other" group, found with a NOT query, still grouped by channel', async () => {
    const workitems = [
      ...makeWorkitems([['active', 'voice', 2]]),
      makeWorkitem(50, { state: 'parked', channelType: 'voice' }),
      makeWorkitem(51, { state: 'wrapup', channelType: 'chat' }),
    ];
    const { api, model } = treeOver(workitems, 'stateChannel');
    const other = `state:${OTHER_GROUP_VALUE}`;
    assert.deepStrictEqual(await rows(model), ['state:active (2)', `${other} (2)`]);
    const otherCount = api.callsOf('count').find((call) => call.q?.startsWith('NOT '));
    assert.ok(otherCount, 'the other group is counted with a NOT query');
    assert.deepStrictEqual(await rows(model, other), [`${other}/channel:voice (1)`, `${other}/channel:chat (1)`]);
    assert.deepStrictEqual(await rows(model, `${other}/channel:voice`), ['wi_10050']);
  });

  it('puts unknown channels in an "other" group under their state', async () => {
    const workitems = [...makeWorkitems([['active', 'voice', 2]]), makeWorkitem(60, { state: 'active', channelType: 'fax', type: 'InboundFax' })];
    const { model } = treeOver(workitems, 'stateChannel');
    assert.deepStrictEqual(await open(model, 'state:active'), [
      'state:active/channel:voice (2)',
      `state:active/channel:${OTHER_GROUP_VALUE} (1)`,
    ]);
    assert.deepStrictEqual(await rows(model, `state:active/channel:${OTHER_GROUP_VALUE}`), ['wi_10060']);
  });

  it('sends no "other" query when the known groups add up to the total', async () => {
    const { api, model } = treeOver(makeWorkitems(SPREAD), 'stateChannel');
    await model.getChildren();
    await model.getChildren('state:active');
    assert.ok(api.calls.every((call) => !call.q?.includes('NOT')), JSON.stringify(api.calls));
  });

  it('shows nothing at the top of an empty tenant (the view shows its welcome text)', async () => {
    const { model } = treeOver([], 'stateChannel');
    assert.deepStrictEqual(await rows(model), []);
    assert.deepStrictEqual(model.rootStatus(), { kind: 'loaded', total: 0 });
  });

  it('switching the grouping starts over with the new levels', async () => {
    const { model } = treeOver(makeWorkitems(SPREAD), 'stateChannel');
    await model.getChildren();
    model.setGroupBy('channel');
    assert.deepStrictEqual(await rows(model), ['channel:voice (5)', 'channel:email (2)', 'channel:sms (1)', 'channel:chat (1)']);
    assert.deepStrictEqual(
      model.rootGroupCounts().map((group) => [group.value, group.count]),
      [['voice', 5], ['email', 2], ['sms', 1], ['chat', 1]],
    );
  });
});
