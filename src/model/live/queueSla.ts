// A queue's service level for a workitem's channel. NCX queues carry `voiceSLA`, `chatSLA`,
// `emailSLA` and `socialSLA`; their unit and which channel reads which are not documented. We
// assume seconds, and: voice and video → voiceSLA, chat and sms → chatSLA, email → emailSLA,
// anything else → socialSLA. Listed in the README's assumptions.
import type { Queue, Workitem } from '../../api/schemas';

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

/** When a workitem in a queue started waiting there: its last entry into `inqueue`, else its creation. */
export function waitingSince(workitem: Workitem): number {
  const events = workitem.timeEvents ?? [];
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index];
    if (event?.state === 'inqueue' || event?.type === 'queued' || event?.type === 'transferred') return event.timestamp;
  }
  return workitem.createdAt;
}

/** How long past its queue's SLA a waiting workitem is (ms), or undefined when it is not waiting past it. */
export function pastSlaMs(workitem: Workitem, slaMs: number | undefined, now: number): number | undefined {
  if (workitem.state !== 'inqueue' || slaMs === undefined) return undefined;
  const over = now - waitingSince(workitem) - slaMs;
  return over > 0 ? over : undefined;
}
