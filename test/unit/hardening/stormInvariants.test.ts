// The storm's checker must itself be able to fail: fed histories with an action applied twice, an
// acknowledged one lost, a step the state machine forbids, it has to say so.
import { strict as assert } from 'node:assert';
import type { Workitem } from '../../../src/api/schemas';
import { applyAction, userActionsFor } from '../../../src/sandbox/stateMachine';
import { historyViolations, workitemViolations } from '../../storm/invariants';
import type { Acknowledged } from '../../storm/storm';
import { realisticWorkitem } from '../api/fixtures/workitems';

const AGENT = { userId: 'jason.fontenot' };

function talkingCall(): Workitem {
  const call = realisticWorkitem(0);
  assert.equal(call.channelType, 'voice');
  return { ...call, state: 'active', currentStateName: 'active', actions: [...userActionsFor('active', 'voice')] };
}

/** Applies actions one after the other, as the sandbox would, keeping each answer. */
function play(start: Workitem, steps: Array<{ action: 'hold' | 'unhold' | 'hangup' | 'transfer'; queueId?: string }>): { final: Workitem; acks: Acknowledged[] } {
  let current = start;
  const acks: Acknowledged[] = [];
  steps.forEach((step, index) => {
    current = applyAction(current, step.action, { ...AGENT, now: start.createdAt + 600_000 + index * 1000, ...(step.queueId ? { queueId: step.queueId } : {}) });
    acks.push(step.action === 'transfer' ? { workitemId: start.workitemId, action: 'transfer', queueId: step.queueId } : { workitemId: start.workitemId, action: step.action, answer: current });
  });
  return { final: current, acks };
}

describe('hardening: the storm\'s invariant checker', () => {
  it('accepts a sound history and counts every acknowledged action as found', () => {
    const start = talkingCall();
    const { final, acks } = play(start, [{ action: 'hold' }, { action: 'unhold' }, { action: 'transfer', queueId: 'q_billing' }, { action: 'hangup' }]);
    assert.deepEqual(workitemViolations(start), []);
    assert.deepEqual(workitemViolations(final), []);
    assert.deepEqual(historyViolations(start, final, acks, 0), { violations: [], found: 4 });
  });

  it('reports an action applied twice', () => {
    const start = talkingCall();
    const { final, acks } = play(start, [{ action: 'hold' }, { action: 'unhold' }, { action: 'hold' }]);
    // The server applied the last hold's unhold/hold pair again without acknowledging it.
    const doubled = play(final, [{ action: 'unhold' }, { action: 'hold' }]).final;
    const check = historyViolations(start, doubled, acks, 0);
    assert.equal(check.found, 3);
    assert.match(check.violations.join('\n'), /2 event\(s\) no acknowledged action explains, with 0 request\(s\) of unknown outcome/);
    assert.deepEqual(historyViolations(start, doubled, acks, 2).violations, [], 'unless two requests had no known outcome');
  });

  it('reports an acknowledged action that is not in the timeline, and a transfer that is not either', () => {
    const start = talkingCall();
    const { final, acks } = play(start, [{ action: 'hold' }, { action: 'unhold' }, { action: 'transfer', queueId: 'q_sales' }]);
    const lost: Workitem = { ...final, timeEvents: (final.timeEvents ?? []).slice(0, -2), state: 'hold', currentStateName: 'hold' };
    const check = historyViolations(start, lost, acks, 0);
    assert.equal(check.found, 1);
    assert.match(check.violations.join('\n'), /acknowledged unhold \(event \d+\) is missing/);
    assert.match(check.violations.join('\n'), /acknowledged transfer to q_sales is missing/);
  });

  it('reports two acknowledgements claiming the same event', () => {
    const start = talkingCall();
    const { final, acks } = play(start, [{ action: 'hold' }]);
    const check = historyViolations(start, final, [...acks, ...acks], 0);
    assert.match(check.violations.join('\n'), /two acknowledged actions claim event/);
  });

  it('reports a step the state machine does not allow, and a state its last event does not match', () => {
    const start = talkingCall();
    const { final } = play(start, [{ action: 'transfer', queueId: 'q_support' }]);
    const held = { ...final, timeEvents: [...(final.timeEvents ?? []), { type: 'held', timestamp: start.createdAt + 700_000, state: 'hold', userId: 'x' }] };
    const check = historyViolations(start, held, [], 2);
    assert.match(check.violations.join('\n'), /hold was applied in state inqueue, where it is not allowed/);
    assert.match(check.violations.join('\n'), /ended inqueue, but the last event entered hold/);
    assert.match(workitemViolations(held).join('\n'), /is inqueue but its last event \(held\) entered hold/);
  });

  it('reports actions the state machine does not offer in that state', () => {
    const call = { ...talkingCall(), actions: ['hold', 'unhold'] };
    assert.match(workitemViolations(call).join('\n'), /lists actions \[hold,unhold\], the state machine allows \[hold,hangup,transfer,mute,dtmf,priority,userTransfer\]/);
  });
});
