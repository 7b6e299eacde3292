import type { WorkitemState } from '../../api/domain';
import type { SandboxAction } from '../contracts';
import { weightedTable, type Rng } from './prng';

const HOLDS_PER_CALL = weightedTable([
  [0, 65],
  [1, 25],
  [2, 10],
]);

/**
 * The actions that take a fresh `inqueue` workitem to `target`, with the detours real traffic
 * takes: re-routing, callers giving up, holds, conferences and transfers to another queue.
 */
export function planLifecycle(rng: Rng, channel: string, target: WorkitemState): SandboxAction[] {
  const steps: SandboxAction[] = [];
  if (rng.chance(0.03)) {
    steps.push('transfer');
  }
  if (target === 'inqueue') {
    if (rng.chance(0.12)) {
      steps.push('offer', 'accept', 'answer', 'transfer');
    }
    return steps;
  }
  const ends = target === 'terminated' || target === 'dispositioned';
  if (ends) {
    const u = rng.next();
    if (u < 0.06) {
      return end(steps, target);
    }
    if (u < 0.08) {
      steps.push('offer');
      return end(steps, target);
    }
  }
  steps.push('offer');
  if (target === 'offered') {
    return steps;
  }
  steps.push('accept');
  if (target === 'accepted') {
    return steps;
  }
  steps.push('answer');
  if (rng.chance(0.06)) {
    talk(rng, channel, steps);
    steps.push('transfer', 'offer', 'accept', 'answer');
  }
  talk(rng, channel, steps);
  switch (target) {
    case 'active':
      return steps;
    case 'hold':
      steps.push('hold');
      return steps;
    case 'conference':
      steps.push('conference');
      return steps;
    case 'terminated':
    case 'dispositioned':
      if (channel === 'voice' && rng.chance(0.05)) {
        steps.push('conference');
      }
      return end(steps, target);
  }
}

function talk(rng: Rng, channel: string, steps: SandboxAction[]): void {
  if (channel !== 'voice') {
    return;
  }
  const holds = rng.weighted(HOLDS_PER_CALL);
  for (let i = 0; i < holds; i++) {
    steps.push('hold', 'unhold');
  }
}

function end(steps: SandboxAction[], target: 'terminated' | 'dispositioned'): SandboxAction[] {
  steps.push('hangup');
  if (target === 'dispositioned') {
    steps.push('disposition');
  }
  return steps;
}
