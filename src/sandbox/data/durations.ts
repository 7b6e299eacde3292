// How long things take in a contact center, per channel: seconds to minutes in queue, seconds of
// ringing, minutes of conversation, short holds, a minute or two of wrap-up.
import type { ChannelType } from '../../api/domain';
import type { SandboxAction } from '../contracts';
import type { Rng } from './prng';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** A duration between min and max, short ones more likely (most calls are short, a few drag on). */
function skewed(rng: Rng, min: number, max: number): number {
  const u = rng.next();
  return Math.max(1, Math.round(min + (max - min) * u * u));
}

/** IVR for calls, routing for the rest: from `created` to `queued`. */
export function routingDelay(rng: Rng, channel: string): number {
  return channel === 'voice' ? skewed(rng, 2 * SECOND, 25 * SECOND) : skewed(rng, 200, 3 * SECOND);
}

function queueWait(rng: Rng, channel: string): number {
  switch (channel) {
    case 'email':
      return skewed(rng, 1 * MINUTE, 45 * MINUTE);
    case 'sms':
      return skewed(rng, 20 * SECOND, 12 * MINUTE);
    default:
      return skewed(rng, 5 * SECOND, 4 * MINUTE);
  }
}

function conversation(rng: Rng, channel: string): number {
  switch (channel as ChannelType) {
    case 'voice':
      return skewed(rng, 45 * SECOND, 12 * MINUTE);
    case 'chat':
      return skewed(rng, 2 * MINUTE, 20 * MINUTE);
    case 'email':
      return skewed(rng, 2 * MINUTE, 15 * MINUTE);
    case 'sms':
      return skewed(rng, 2 * MINUTE, 25 * MINUTE);
    case 'videoMeeting':
      return skewed(rng, 5 * MINUTE, 40 * MINUTE);
    default:
      return skewed(rng, 1 * MINUTE, 10 * MINUTE);
  }
}

/** Time spent in `fromState` before `action` moves the workitem on. */
export function delayBefore(rng: Rng, action: SandboxAction, fromState: string, channel: string): number {
  switch (action) {
    case 'offer':
      return queueWait(rng, channel);
    case 'accept':
      return skewed(rng, 2 * SECOND, 15 * SECOND);
    case 'answer':
      return skewed(rng, 1 * SECOND, 4 * SECOND);
    case 'hold':
      return skewed(rng, 30 * SECOND, 4 * MINUTE);
    case 'unhold':
      return skewed(rng, 8 * SECOND, 90 * SECOND);
    case 'conference':
      return skewed(rng, 30 * SECOND, 3 * MINUTE);
    case 'disposition':
      return skewed(rng, 5 * SECOND, 2 * MINUTE);
    case 'mute':
    case 'unmute':
    case 'dtmf':
    case 'priority':
      return skewed(rng, 2 * SECOND, 30 * SECOND);
    case 'hangup':
    case 'transfer':
    case 'userTransfer':
      return leavingDelay(rng, fromState, channel);
  }
}

function leavingDelay(rng: Rng, fromState: string, channel: string): number {
  switch (fromState) {
    case 'inqueue':
      return queueWait(rng, channel);
    case 'offered':
    case 'accepted':
      return skewed(rng, 3 * SECOND, 20 * SECOND);
    case 'hold':
      return skewed(rng, 8 * SECOND, 60 * SECOND);
    case 'conference':
      return skewed(rng, 1 * MINUTE, 8 * MINUTE);
    default:
      return conversation(rng, channel);
  }
}

/** How long a live workitem has already been in its current state. */
export function timeInStateSoFar(rng: Rng, state: string, channel: string): number {
  const fullStay = state === 'terminated' ? delayBefore(rng, 'disposition', state, channel) : leavingDelay(rng, state, channel);
  // At least a second, so that the whole timeline stays strictly before `now`.
  return Math.max(SECOND, Math.round(fullStay * rng.next()));
}
