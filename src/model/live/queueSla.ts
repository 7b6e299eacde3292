// A queue's service level for a workitem's channel. NCX queues carry `voiceSLA`, `chatSLA`,
// `emailSLA` and `socialSLA`; their unit and which channel reads which are not documented. We
// assume seconds, and: voice and video → voiceSLA, chat and sms → chatSLA, email → emailSLA,
// anything else → socialSLA. Listed in the README's assumptions.
import type { Queue } from '../../api/schemas';

const FIELD_OF_CHANNEL: Readonly<Record<string, string>> = {
  voice: 'voiceSLA',
  videoMeeting: 'voiceSLA',
  chat: 'chatSLA',
  sms: 'chatSLA',
  email: 'emailSLA',
};

/** The SLA in ms, or undefined when the queue states none (or a value that is not a positive number). */
export function queueSlaMs(queue: Queue | undefined, channelType: string): number | undefined {
  if (queue === undefined) return undefined;
  const value: unknown = (queue as Record<string, unknown>)[FIELD_OF_CHANNEL[channelType] ?? 'socialSLA'];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value * 1000 : undefined;
}
