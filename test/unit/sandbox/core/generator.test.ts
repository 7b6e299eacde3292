import * as assert from 'node:assert/strict';
import {
  CHANNEL_OF_TYPE,
  CHANNEL_TYPES,
  TIME_EVENT_TYPES,
  WORKITEM_STATES,
  WORKITEM_TYPES,
  isKnownType,
} from '../../../../src/api/domain';
import { WorkitemSchema, type Workitem } from '../../../../src/api/schemas';
import type { SandboxAction } from '../../../../src/sandbox/contracts';
import { AGENTS, QUEUES, createArrival, createRng, generateDataset } from '../../../../src/sandbox/data';
import { applyAction, availableActions } from '../../../../src/sandbox/stateMachine';
import { NOW, SEED, SIZE, sharedDataset } from './fixtures';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const E164 = /^\+1[2-9]\d{2}[2-9]\d{6}$/;
const EMAIL = /^[a-z0-9.]+@[a-z0-9.-]+\.[a-z]+$/;
const LIVE_STATES = ['inqueue', 'offered', 'accepted', 'active', 'hold', 'conference', 'terminated'];

/** Event type → the action that writes it (created / queued are the arrival, not actions). */
const ACTION_OF_EVENT: Record<string, SandboxAction> = {
  offered: 'offer',
  accepted: 'accept',
  answered: 'answer',
  held: 'hold',
  retrieved: 'unhold',
  conferenced: 'conference',
  terminated: 'hangup',
  transferred: 'transfer',
  dispositioned: 'disposition',
};

describe('sandbox data set generator', () => {
  const { workitems, queues, agents, contacts } = sharedDataset();

  it('gives the same data set, byte for byte, for the same seed and size', () => {
    const again = generateDataset({ seed: SEED, size: SIZE, now: NOW });
    assert.equal(JSON.stringify(again), JSON.stringify(sharedDataset()));
  });

  it('gives a different data set for another seed', () => {
    const other = generateDataset({ seed: SEED + 1, size: SIZE, now: NOW });
    assert.notEqual(JSON.stringify(other.workitems), JSON.stringify(workitems));
  });

  it('makes an empty data set with its queues, agents and contacts for size 0', () => {
    const empty = generateDataset({ seed: 1, size: 0, now: NOW });
    assert.deepEqual(empty.workitems, []);
    assert.equal(empty.queues.length, 8);
    assert.equal(empty.agents.length, 40);
    assert.ok(empty.contacts.length > 0, 'arrivals need contacts even when there is no history');
  });

  it('refuses sizes outside 0…1,000,000', () => {
    for (const size of [-1, 1.5, 1_000_001, Number.NaN]) {
      assert.throws(() => generateDataset({ seed: 1, size, now: NOW }), RangeError, `size ${size}`);
    }
  });

  it('has about 8 queues and 40 agents serving them, the documented example agent among them', () => {
    assert.equal(queues.length, 8);
    assert.ok(queues.some((queue) => queue._id === 'q_support'));
    assert.equal(agents.length, 40);
    assert.equal(new Set(agents.map((agent) => agent.username)).size, 40, 'user names are unique');
    assert.ok(agents.some((agent) => agent.username === 'jason.fontenot'));
    const queueIds = new Set(queues.map((queue) => queue._id));
    for (const agent of agents) {
      assert.match(agent.username, /^[a-z]+\.[a-z]+$/);
      assert.ok(agent.queues.length >= 1 && agent.queues.every((id) => queueIds.has(id)), agent.username);
    }
    for (const queue of queues) {
      assert.ok(agents.some((agent) => agent.queues.includes(queue._id)), `someone serves ${queue._id}`);
    }
  });

  it('produces workitems that pass the API schema, with unique ObjectId-like _ids and wi_<n> ids', () => {
    const ids = new Set<string>();
    workitems.forEach((workitem, index) => {
      assert.ok(WorkitemSchema.safeParse(workitem).success, workitem.workitemId);
      assert.match(workitem._id ?? '', /^[0-9a-f]{24}$/);
      ids.add(workitem._id ?? '');
      assert.equal(workitem.workitemId, `wi_${index + 1}`);
      assert.equal(workitem.tenantId, 't_sandbox');
    });
    assert.equal(ids.size, workitems.length);
  });

  it('orders workitems by creation, the newest last, all before now', () => {
    for (let i = 1; i < workitems.length; i++) {
      assert.ok(workitems[i].createdAt > workitems[i - 1].createdAt, `createdAt of ${workitems[i].workitemId}`);
    }
    assert.ok(workitems[workitems.length - 1].createdAt < NOW);
  });

  it('keeps type and channel consistent and covers every state, channel and type', () => {
    for (const workitem of workitems) {
      assert.ok(isKnownType(workitem.type), workitem.type);
      assert.equal(CHANNEL_OF_TYPE[workitem.type as keyof typeof CHANNEL_OF_TYPE], workitem.channelType);
      assert.ok(workitem.priority !== undefined && workitem.priority >= 1 && workitem.priority <= 5);
    }
    const seen = (read: (workitem: Workitem) => string): Set<string> => new Set(workitems.map(read));
    assert.deepEqual([...seen((w) => w.state)].sort(), [...WORKITEM_STATES].sort());
    assert.deepEqual([...seen((w) => w.channelType)].sort(), [...CHANNEL_TYPES].sort());
    assert.deepEqual([...seen((w) => w.type)].sort(), [...WORKITEM_TYPES].sort());
  });

  for (const size of [200, SIZE]) {
    it(`covers every state × channel pair the lifecycle allows, and no other, at size ${size}`, () => {
      const set = size === SIZE ? workitems : generateDataset({ seed: SEED, size, now: NOW }).workitems;
      const pairs = new Set(set.map((workitem) => `${workitem.state}/${workitem.channelType}`));
      for (const state of WORKITEM_STATES) {
        for (const channel of CHANNEL_TYPES) {
          const voiceOnly = state === 'hold' || state === 'conference';
          assert.equal(pairs.has(`${state}/${channel}`), !voiceOnly || channel === 'voice', `${state}/${channel}`);
        }
      }
      assert.equal(new Set(set.map((workitem) => workitem.type)).size, WORKITEM_TYPES.length, 'every type');
    });
  }

  it('has about 30% live workitems in a small set, created within the last hour', () => {
    const live = workitems.filter((workitem) => workitem.state !== 'dispositioned');
    assert.ok(live.length >= 0.25 * SIZE && live.length <= 0.35 * SIZE, `${live.length} live`);
    for (const workitem of live) {
      assert.ok(workitem.createdAt >= NOW - HOUR, `${workitem.workitemId} is live but old`);
    }
    for (const workitem of workitems) {
      assert.ok(workitem.createdAt >= NOW - 90 * DAY);
    }
  });

  it('has about 500 live workitems in a large set, spread over the live states', () => {
    const large = generateDataset({ seed: 7, size: 20_000, now: NOW });
    const live = large.workitems.filter((workitem) => workitem.state !== 'dispositioned');
    assert.ok(live.length >= 450 && live.length <= 550, `${live.length} live`);
    assert.deepEqual([...new Set(live.map((w) => w.state))].sort(), [...LIVE_STATES].sort());
    const oldest = large.workitems[0].createdAt;
    assert.ok(oldest < NOW - 80 * DAY, 'the history spans about 90 days');
  });

  it('writes timelines whose states are the path that led to the current state', () => {
    const eventTypes: readonly string[] = TIME_EVENT_TYPES;
    for (const workitem of workitems) {
      const events = workitem.timeEvents ?? [];
      const label = workitem.workitemId;
      assert.ok(events.length >= 2, label);
      assert.deepEqual(
        events.slice(0, 2).map((event) => event.type),
        ['created', 'queued'],
        label,
      );
      assert.equal(events[0].timestamp, workitem.createdAt, label);
      for (let i = 0; i < events.length; i++) {
        assert.ok(eventTypes.includes(events[i].type), `${label}: ${events[i].type}`);
        assert.ok(events[i].userId, `${label}: event ${i} has a user`);
        assert.ok(events[i].timestamp < NOW, `${label}: event ${i} is in the past`);
        if (i > 0) {
          assert.ok(events[i].timestamp > events[i - 1].timestamp, `${label}: event ${i} follows ${i - 1}`);
        }
      }
      const last = events[events.length - 1];
      assert.equal(last.state, workitem.state, label);
      assert.equal(workitem.currentStateName, workitem.state, label);
      assert.equal(workitem.modifiedAt, last.timestamp, label);
      const lastQueue = [...events].reverse().find((event) => event.queueId !== undefined);
      assert.equal(workitem.selectedQueue, lastQueue?.queueId, label);
    }
  });

  it('is exactly what the state machine makes of each timeline', () => {
    // Rebuild each workitem's arrival and replay its events as actions: the result must be the
    // generated workitem, field for field (agent, assignedAt, terminatedAt, actions...).
    for (const workitem of workitems) {
      const events = workitem.timeEvents ?? [];
      let replayed: Workitem = {
        ...workitem,
        state: 'inqueue',
        currentStateName: 'inqueue',
        selectedQueue: events[1].queueId,
        modifiedAt: events[1].timestamp,
        actions: ['hangup', 'transfer', 'priority', 'userTransfer'],
        timeEvents: events.slice(0, 2),
      };
      // What the lifecycle adds later is not there at arrival.
      delete replayed.agentUsername;
      delete replayed.assignedAt;
      delete replayed.terminatedAt;
      delete replayed.dispositionId;
      for (const event of events.slice(2)) {
        replayed = applyAction(replayed, ACTION_OF_EVENT[event.type], {
          now: event.timestamp,
          userId: event.userId ?? '',
          queueId: event.queueId,
          dispositionId: workitem.dispositionId,
        });
      }
      assert.deepEqual(replayed, workitem);
    }
  });

  it('assigns agents, queues and outcomes consistently with the state', () => {
    const agentNames = new Set(AGENTS.map((agent) => agent.username));
    const queueIds = new Set(QUEUES.map((queue) => queue._id));
    for (const workitem of workitems) {
      const label = `${workitem.workitemId} (${workitem.state})`;
      const assigned = ['offered', 'accepted', 'active', 'hold', 'conference'].includes(workitem.state);
      if (assigned) {
        assert.ok(agentNames.has(workitem.agentUsername ?? ''), label);
      }
      if (workitem.state === 'inqueue') {
        assert.equal(workitem.agentUsername, undefined, label);
      }
      assert.ok(queueIds.has(workitem.selectedQueue ?? ''), label);
      assert.equal(workitem.dispositionId !== undefined, workitem.state === 'dispositioned', label);
      assert.equal(workitem.terminatedAt !== undefined, ['terminated', 'dispositioned'].includes(workitem.state), label);
      assert.deepEqual(workitem.actions, availableActions(workitem), label);
    }
  });

  it('embeds the contact and writes from / to as the channel does', () => {
    const byId = new Map(contacts.map((contact) => [contact._id, contact]));
    for (const workitem of workitems) {
      const label = `${workitem.workitemId} (${workitem.type})`;
      assert.deepEqual(workitem.contact, byId.get(workitem.contactId ?? ''), label);
      assert.match(workitem.contact?.phone ?? '', E164, label);
      assert.match(workitem.contact?.email ?? '', EMAIL, label);
      assert.ok(workitem.contact?.firstName && workitem.contact.lastName, label);
      const { from = '', to = '' } = workitem;
      switch (workitem.channelType) {
        case 'voice':
        case 'sms':
          assert.match(from, E164, label);
          assert.match(to, E164, label);
          break;
        case 'email':
          assert.match(from, EMAIL, label);
          assert.match(to, EMAIL, label);
          break;
        case 'chat':
          if (workitem.type === 'Whatsapp') {
            assert.match(from, E164, label);
          } else if (workitem.type === 'Chat') {
            assert.match(from, EMAIL, label);
          } else {
            assert.match(from, /^(@\w+|facebook\.com\/[a-z.0-9]+)$/, label);
            assert.match(to, /^@\w+$/, label);
          }
          break;
        case 'videoMeeting':
          assert.match(from, EMAIL, label);
          assert.match(to, /^meet\./, label);
          break;
      }
    }
  });

  it('uses contact-center durations: minutes of waiting and talking, short holds and wrap-ups', () => {
    const gaps = (from: string, to: string): number[] =>
      workitems.flatMap((workitem) => {
        const events = workitem.timeEvents ?? [];
        return events.flatMap((event, i) => (event.type === from && events[i + 1]?.type === to ? [events[i + 1].timestamp - event.timestamp] : []));
      });
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const holds = gaps('held', 'retrieved');
    const talks = gaps('answered', 'terminated');
    const waits = gaps('queued', 'offered');
    const wrapUps = gaps('terminated', 'dispositioned');
    for (const list of [holds, talks, waits, wrapUps]) {
      assert.ok(list.length > 20, 'enough samples');
    }
    assert.ok(holds.every((ms) => ms <= 2 * 60_000), 'holds are short');
    assert.ok(median(talks) >= 60_000 && median(talks) <= 20 * 60_000, `talk median ${median(talks)} ms`);
    assert.ok(median(waits) >= 5_000 && median(waits) <= 20 * 60_000, `wait median ${median(waits)} ms`);
    assert.ok(wrapUps.every((ms) => ms <= 2 * 60_000), 'wrap-ups take at most two minutes');
  });

  describe('createArrival', () => {
    const arrive = (seed: number): Workitem => createArrival(createRng(seed), { now: NOW, sequence: 2001, contacts });

    it('makes a fresh inqueue workitem with a created + queued timeline', () => {
      const arrival = arrive(3);
      assert.ok(WorkitemSchema.safeParse(arrival).success);
      assert.equal(arrival.workitemId, 'wi_2001');
      assert.match(arrival._id ?? '', /^[0-9a-f]{24}$/);
      assert.equal(arrival.state, 'inqueue');
      assert.equal(arrival.agentUsername, undefined);
      assert.deepEqual(
        arrival.timeEvents?.map((event) => [event.type, event.state, event.queueId]),
        [
          ['created', 'inqueue', arrival.selectedQueue],
          ['queued', 'inqueue', arrival.selectedQueue],
        ],
      );
      assert.equal(arrival.timeEvents?.[1].timestamp, NOW);
      assert.ok(arrival.createdAt < NOW);
      assert.equal(CHANNEL_OF_TYPE[arrival.type as keyof typeof CHANNEL_OF_TYPE], arrival.channelType);
      assert.deepEqual(arrival.actions, ['hangup', 'transfer', 'priority', 'userTransfer']);
    });

    it('is deterministic for the PRNG state and varies with it', () => {
      assert.deepEqual(arrive(3), arrive(3));
      const kinds = new Set(Array.from({ length: 40 }, (_, seed) => arrive(seed).type));
      assert.ok(kinds.size > 3, `only ${[...kinds].join(', ')}`);
    });
  });
});
