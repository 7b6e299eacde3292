import * as assert from 'node:assert/strict';
import type { Workitem } from '../../../../src/api/schemas';
import { EventTail } from '../../../../src/model/live/eventTail';
import type { LiveChange } from '../../../../src/model/live/liveChange';

function change(id: string, at: number, oldState: string | undefined, newState: string, agent?: string): LiveChange {
  const workitem: Workitem = {
    workitemId: id,
    channelType: 'voice',
    type: 'inbound',
    state: newState,
    createdAt: at - 1000,
    modifiedAt: at,
    selectedQueue: 'q_billing',
    ...(agent ? { agentUsername: agent } : {}),
  };
  return { key: `${id}@${at}>${newState}`, at, workitemId: id, oldState, newState, action: undefined, workitem, via: 'socket' };
}

const queueName = (id: string | undefined): string | undefined => (id === 'q_billing' ? 'Billing' : undefined);

describe('event tail', () => {
  it('keeps the newest N, newest first, and counts every change it took in', () => {
    const tail = new EventTail(3);
    tail.push([1, 2, 3, 4, 5].map((n) => change(`wi_${n}`, n, 'active', 'hold')), 'sandbox', queueName);
    assert.deepEqual(tail.shown().map((entry) => entry.change.workitemId), ['wi_5', 'wi_4', 'wi_3']);
    assert.equal(tail.received, 5);
    tail.resize(2);
    assert.deepEqual(tail.shown().map((entry) => entry.change.workitemId), ['wi_5', 'wi_4']);
    tail.resize(4);
    tail.push([change('wi_6', 6, 'hold', 'active')], 'sandbox', queueName);
    assert.deepEqual(tail.shown().map((entry) => entry.change.workitemId), ['wi_6', 'wi_5', 'wi_4']);
  });

  it('filters by field (with wildcards) and by bare word, and refuses an unknown field', () => {
    const tail = new EventTail(10);
    tail.push(
      [change('wi_1', 1, 'active', 'hold', 'jason.fontenot'), change('wi_2', 2, 'inqueue', 'offered', 'ana.lee'), change('wi_3', 3, undefined, 'inqueue')],
      'host-a',
      queueName,
    );
    assert.equal(tail.setFilter('state:hold'), undefined);
    assert.deepEqual(tail.shown().map((entry) => entry.change.workitemId), ['wi_1']);
    tail.setFilter('agent:ana* queue:billing');
    assert.deepEqual(tail.shown().map((entry) => entry.change.workitemId), ['wi_2']);
    tail.setFilter('WI_3');
    assert.deepEqual(tail.shown().map((entry) => entry.change.workitemId), ['wi_3']);
    assert.equal(tail.setFilter('colour:red'), 'colour');
    assert.deepEqual(tail.shown().map((entry) => entry.change.workitemId), ['wi_3'], 'a refused filter changed the view');
    tail.setFilter('');
    assert.equal(tail.shown().length, 3);
  });

  it('paused, shows what it showed while taking changes in; resumed, shows them all', () => {
    const tail = new EventTail(10);
    tail.push([change('wi_1', 1, 'active', 'hold')], 'h', queueName);
    tail.pause();
    tail.push([change('wi_2', 2, 'active', 'hold')], 'h', queueName);
    assert.deepEqual(tail.shown().map((entry) => entry.change.workitemId), ['wi_1']);
    assert.equal(tail.newestFirst().length, 2);
    tail.resume();
    assert.deepEqual(tail.shown().map((entry) => entry.change.workitemId), ['wi_2', 'wi_1']);
    tail.clear();
    assert.equal(tail.shown().length, 0);
  });
});
