import * as assert from 'node:assert/strict';
import { CHANNEL_TYPES, WORKITEM_STATES } from '../../../../src/api/domain';
import type { Workitem } from '../../../../src/api/schemas';
import {
  BadRequestError,
  IllegalActionError,
  SANDBOX_ACTIONS,
  type ActionContext,
  type SandboxAction,
} from '../../../../src/sandbox/contracts';
import {
  applyAction,
  availableActions,
  legalActions,
  renderTransitionTable,
} from '../../../../src/sandbox/stateMachine';
import { NOW, findWorkitem } from './fixtures';

// The specification, written out independently of the implementation's table.
const SPEC: Record<SandboxAction, { from: string[]; voiceOnly: boolean; to: string; event: string; requires?: 'muted' | 'unmuted' }> = {
  offer: { from: ['inqueue'], voiceOnly: false, to: 'offered', event: 'offered' },
  accept: { from: ['offered'], voiceOnly: false, to: 'accepted', event: 'accepted' },
  answer: { from: ['accepted'], voiceOnly: false, to: 'active', event: 'answered' },
  hold: { from: ['active'], voiceOnly: true, to: 'hold', event: 'held' },
  unhold: { from: ['hold'], voiceOnly: true, to: 'active', event: 'retrieved' },
  conference: { from: ['active'], voiceOnly: true, to: 'conference', event: 'conferenced' },
  hangup: {
    from: ['inqueue', 'offered', 'accepted', 'active', 'hold', 'conference'],
    voiceOnly: false,
    to: 'terminated',
    event: 'terminated',
  },
  transfer: { from: ['inqueue', 'offered', 'accepted', 'active', 'hold'], voiceOnly: false, to: 'inqueue', event: 'transferred' },
  disposition: { from: ['terminated'], voiceOnly: false, to: 'dispositioned', event: 'dispositioned' },
  mute: { from: ['active', 'hold', 'conference'], voiceOnly: true, to: 'unchanged', event: 'muted', requires: 'unmuted' },
  unmute: { from: ['active', 'hold', 'conference'], voiceOnly: true, to: 'unchanged', event: 'unmuted', requires: 'muted' },
  dtmf: { from: ['active', 'conference'], voiceOnly: true, to: 'unchanged', event: 'dtmf' },
  priority: { from: ['inqueue', 'offered', 'accepted', 'active', 'hold', 'conference'], voiceOnly: false, to: 'unchanged', event: 'reprioritized' },
  userTransfer: { from: ['inqueue', 'offered', 'accepted', 'active', 'hold'], voiceOnly: false, to: 'offered', event: 'transferred' },
};

/** The user actions (in WORKITEM_ACTIONS order) a workitem offers in a state. */
function expectedUserActions(state: string, channel: string, muted = false): string[] {
  const voice = channel === 'voice';
  const mute = muted ? 'unmute' : 'mute';
  switch (state) {
    case 'inqueue':
    case 'offered':
      return ['hangup', 'transfer', 'priority', 'userTransfer'];
    case 'accepted':
      return ['hangup', 'transfer', 'answer', 'priority', 'userTransfer'];
    case 'active':
      return voice
        ? ['hold', 'hangup', 'transfer', mute, 'dtmf', 'priority', 'userTransfer']
        : ['hangup', 'transfer', 'priority', 'userTransfer'];
    case 'hold':
      return ['unhold', 'hangup', 'transfer', mute, 'priority', 'userTransfer'];
    case 'conference':
      return ['hangup', mute, 'dtmf', 'priority'];
    case 'terminated':
      return ['disposition'];
    default:
      return [];
  }
}

const ACTED_AT = NOW + 90_000;

function contextFor(action: SandboxAction, workitem: Workitem): ActionContext {
  return {
    now: ACTED_AT,
    userId: 'maria.garcia',
    agentUsername: action === 'offer' || action === 'userTransfer' ? 'jason.fontenot' : undefined,
    priority: action === 'priority' ? 2 : undefined,
    digit: action === 'dtmf' ? '#' : undefined,
    queueId: action === 'transfer' ? (workitem.selectedQueue === 'q_billing' ? 'q_sales' : 'q_billing') : undefined,
    dispositionId: action === 'disposition' ? 'disp_follow_up' : undefined,
  };
}

describe('sandbox state machine', () => {
  for (const state of WORKITEM_STATES) {
    for (const channel of CHANNEL_TYPES) {
      const workitem = findWorkitem(state, channel);
      if (!workitem) {
        if ((state === 'hold' || state === 'conference') && channel !== 'voice') {
          continue; // No such workitem can exist: only voice holds and conferences.
        }
        it(`has a ${state} ${channel} workitem to act on`, () => assert.fail(`no ${state} ${channel} workitem in the data set`));
        continue;
      }
      for (const action of SANDBOX_ACTIONS) {
        const spec = SPEC[action];
        // The data set's calls are not muted: mute is legal where its states allow, unmute never.
        const legal =
          spec.from.includes(state) && (!spec.voiceOnly || channel === 'voice') && spec.requires !== 'muted';
        const next = spec.to === 'unchanged' ? state : spec.to;
        const title = `${action} on ${state} ${channel} (${workitem.workitemId}) ${legal ? `→ ${next}` : 'is refused'}`;
        it(title, () => {
          const before = structuredClone(workitem);
          const context = contextFor(action, workitem);
          if (legal) {
            const after = applyAction(workitem, action, context);
            assert.notEqual(after, workitem, 'a new object');
            assert.equal(after.state, next);
            assert.equal(after.currentStateName, next);
            assert.equal(after.modifiedAt, ACTED_AT);
            assert.deepEqual(after.actions, expectedUserActions(next, channel, action === 'mute'));
            const events = after.timeEvents ?? [];
            assert.deepEqual(events.slice(0, -1), workitem.timeEvents);
            const expectedEvent: Record<string, unknown> = {
              type: spec.event,
              timestamp: ACTED_AT,
              userId: 'maria.garcia',
              state: next,
            };
            if (action === 'transfer') {
              expectedEvent.queueId = context.queueId;
            }
            if (action === 'dtmf') {
              expectedEvent.note = '#';
            }
            assert.deepEqual(events[events.length - 1], expectedEvent);
            assertSideEffects(action, workitem, after, context);
          } else {
            assert.throws(
              () => applyAction(workitem, action, context),
              (error: unknown) => {
                assert.ok(error instanceof IllegalActionError);
                assert.equal(error.workitemId, workitem.workitemId);
                assert.equal(error.state, state);
                assert.equal(error.action, action);
                assert.ok(error.message.startsWith(`${workitem.workitemId} is `), error.message);
                assert.ok(error.message.includes(action), error.message);
                const wrongChannel = spec.voiceOnly && channel !== 'voice';
                assert.ok(error.message.includes(wrongChannel ? channel : state), error.message);
                if (wrongChannel) {
                  assert.ok(error.message.includes('voice'), error.message);
                }
                return true;
              },
            );
          }
          assert.deepEqual(workitem, before, 'the given workitem is never changed');
        });
      }
    }
  }

  it('words a refusal as "<id> is <state>: <action> is not possible"', () => {
    const terminated = findWorkitem('terminated', 'voice');
    assert.ok(terminated);
    assert.throws(
      () => applyAction(terminated, 'hold', contextFor('hold', terminated)),
      new IllegalActionError(`${terminated.workitemId} is terminated: hold is not possible`, terminated.workitemId, 'terminated', 'hold'),
    );
  });

  it('says that hold needs a voice channel', () => {
    const chat = findWorkitem('active', 'chat');
    assert.ok(chat);
    assert.throws(() => applyAction(chat, 'hold', contextFor('hold', chat)), {
      name: 'IllegalActionError',
      message: `${chat.workitemId} is a chat workitem: hold is only possible on voice workitems`,
    });
  });

  it('keeps the mute state: unmute only on a muted call, mute only on an unmuted one, cleared when the call ends', () => {
    const active = findWorkitem('active', 'voice');
    assert.ok(active);
    const muted = applyAction(active, 'mute', contextFor('mute', active));
    assert.equal(muted.state, 'active');
    assert.ok(muted.actions?.includes('unmute') && !muted.actions.includes('mute'));
    assert.throws(() => applyAction(muted, 'mute', contextFor('mute', muted)), /is active and muted: mute is not possible/);
    const held = applyAction(muted, 'hold', contextFor('hold', muted));
    assert.equal(held.muted, true, 'hold keeps the microphone muted');
    const unmuted = applyAction(held, 'unmute', contextFor('unmute', held));
    assert.equal(unmuted.muted, false);
    const ended = applyAction(applyAction(unmuted, 'mute', contextFor('mute', unmuted)), 'hangup', contextFor('hangup', unmuted));
    assert.ok(!('muted' in ended), 'a finished call is not muted');
  });

  it('refuses a priority outside 1-5, a DTMF string or a user transfer without a user as bad requests', () => {
    const active = findWorkitem('active', 'voice');
    assert.ok(active);
    const base = { now: ACTED_AT, userId: 'maria.garcia' };
    assert.throws(() => applyAction(active, 'priority', { ...base, priority: 6 }), BadRequestError);
    assert.throws(() => applyAction(active, 'priority', { ...base, priority: 2.5 }), BadRequestError);
    assert.throws(() => applyAction(active, 'dtmf', { ...base, digit: '12' }), BadRequestError);
    assert.throws(() => applyAction(active, 'dtmf', { ...base, digit: 'a' }), BadRequestError);
    assert.throws(() => applyAction(active, 'userTransfer', base), BadRequestError);
  });

  it('refuses a transfer without a target queue as a bad request', () => {
    const active = findWorkitem('active', 'voice');
    assert.ok(active);
    assert.throws(() => applyAction(active, 'transfer', { now: ACTED_AT, userId: 'maria.garcia' }), BadRequestError);
  });

  it('offers to the given agent, or to the acting user when none is given', () => {
    const waiting = findWorkitem('inqueue', 'email');
    assert.ok(waiting);
    assert.equal(applyAction(waiting, 'offer', contextFor('offer', waiting)).agentUsername, 'jason.fontenot');
    assert.equal(applyAction(waiting, 'offer', { now: ACTED_AT, userId: 'maria.garcia' }).agentUsername, 'maria.garcia');
  });

  it('refuses every action on a state it does not know', () => {
    const active = findWorkitem('active', 'voice');
    assert.ok(active);
    const draft = { ...active, state: 'draft' };
    assert.deepEqual(legalActions(draft), []);
    assert.deepEqual(availableActions(draft), []);
    assert.throws(() => applyAction(draft, 'hangup', contextFor('hangup', draft)), /is draft: hangup is not possible/);
  });

  it('lists the legal sandbox actions for the traffic simulator', () => {
    const hold = findWorkitem('hold', 'voice');
    assert.ok(hold);
    assert.deepEqual(legalActions(hold), ['unhold', 'hangup', 'transfer', 'mute', 'priority', 'userTransfer']);
  });

  it('hands out availableActions as a copy the caller may keep', () => {
    const active = findWorkitem('active', 'voice');
    assert.ok(active);
    const actions = availableActions(active);
    actions.push('unhold');
    assert.deepEqual(availableActions(active), ['hold', 'hangup', 'transfer', 'mute', 'dtmf', 'priority', 'userTransfer']);
  });

  it('renders its table as Markdown, one row per action', () => {
    const table = renderTransitionTable();
    const rows = table.trim().split('\n');
    assert.equal(rows.length, 2 + SANDBOX_ACTIONS.length);
    assert.match(rows[0], /^\| action \| from states \| channels \| next state \| time event \|/);
    for (const action of SANDBOX_ACTIONS) {
      const row = rows.find((line) => line.startsWith(`| \`${action}\` |`));
      assert.ok(row, action);
      const cells = row.split('|').map((cell) => cell.trim());
      assert.equal(cells[2], SPEC[action].from.join(', '));
      const requires = SPEC[action].requires;
      assert.equal(cells[3], (SPEC[action].voiceOnly ? 'voice' : 'all') + (requires ? ` (${requires})` : ''));
      assert.equal(cells[4], SPEC[action].to);
      assert.equal(cells[5], `\`${SPEC[action].event}\``);
    }
  });
});

function assertSideEffects(action: SandboxAction, before: Workitem, after: Workitem, context: ActionContext): void {
  switch (action) {
    case 'offer':
      assert.equal(after.agentUsername, context.agentUsername);
      break;
    case 'accept':
      assert.equal(after.assignedAt, ACTED_AT);
      assert.equal(after.agentUsername, before.agentUsername);
      break;
    case 'transfer':
      assert.equal(after.selectedQueue, context.queueId);
      assert.ok(!('agentUsername' in after), 'the agent is cleared');
      assert.ok(!('assignedAt' in after), 'the assignment is cleared');
      break;
    case 'hangup':
      assert.equal(after.terminatedAt, ACTED_AT);
      assert.equal(after.agentUsername, before.agentUsername);
      break;
    case 'disposition':
      assert.equal(after.dispositionId, context.dispositionId);
      break;
    case 'userTransfer':
      assert.equal(after.agentUsername, context.agentUsername);
      assert.ok(!('assignedAt' in after), 'the assignment is cleared');
      assert.equal(after.selectedQueue, before.selectedQueue);
      break;
    case 'mute':
      assert.equal(after.muted, true);
      break;
    case 'priority':
      assert.equal(after.priority, context.priority);
      break;
    default:
      assert.equal(after.agentUsername, before.agentUsername);
      assert.equal(after.assignedAt, before.assignedAt);
  }
}
