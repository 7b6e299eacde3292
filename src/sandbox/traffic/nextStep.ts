// What happens next to a live workitem, and when. Decisions are derived from the workitem itself
// (id, state, time of its last change), never from the simulator's memory, so traffic resumes
// where it was after a restart and a replayed journal.
import type { Workitem } from '../../api/schemas';
import type { SandboxAction } from '../contracts';
import { stableUnit } from './stableHash';
import { withinRange, type TrafficTimings } from './timings';

export interface PlannedStep {
  action: SandboxAction;
  /** Unix ms from which the step is due. */
  dueAt: number;
}

function lastChange(workitem: Workitem): number {
  return workitem.modifiedAt ?? workitem.createdAt;
}

function activeOutcome(workitem: Workitem, unit: number, timings: TrafficTimings): SandboxAction {
  const voice = workitem.channelType === 'voice';
  let threshold = 0;
  if (voice) {
    threshold += timings.holdChance;
    if (unit < threshold) return 'hold';
    threshold += timings.conferenceChance;
    if (unit < threshold) return 'conference';
  }
  threshold += timings.transferChance;
  if (unit < threshold) return 'transfer';
  return 'hangup';
}

const NEXT_IN_STATE: Partial<Record<string, SandboxAction>> = {
  inqueue: 'offer',
  offered: 'accept',
  accepted: 'answer',
  hold: 'unhold',
  conference: 'hangup',
  terminated: 'disposition',
};

export function planNextStep(workitem: Workitem, timings: TrafficTimings): PlannedStep | undefined {
  const state = workitem.state;
  if (!(state in timings.dwell)) {
    return undefined;
  }
  const since = lastChange(workitem);
  const key = `${workitem.workitemId}|${state}|${since}`;
  const dueAt = since + withinRange(timings.dwell[state as keyof TrafficTimings['dwell']], stableUnit(key));
  const action = state === 'active' ? activeOutcome(workitem, stableUnit(`${key}|outcome`), timings) : NEXT_IN_STATE[state];
  return action ? { action, dueAt } : undefined;
}
