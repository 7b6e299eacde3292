// What the sandbox says was said on a call or chat: a transcript made from the workitem itself
// (deterministic for its id), placed between the moment it was answered and the moment it ended,
// a one-line summary, and a recording reference for voice. A workitem never answered has none.
// The shapes are our assumptions (src/api/transcriptContract.ts).
import type { TranscriptObject } from '../../api/transcriptContract';
import type { Workitem } from '../../api/schemas';
import { createRng } from '../data/prng';

const OPENINGS = [
  'Thank you for calling, this is {agent}. How can I help you today?',
  'Hi, you are through to {agent}. What can I do for you?',
];
const REASONS = [
  'I was charged twice on my last invoice.',
  'My service has been down since this morning.',
  'I would like to cancel my subscription.',
  'I want to upgrade to the business plan.',
  'I never received the replacement device.',
];
const MIDDLES = [
  'Let me pull up your account. Can you confirm the email on file?',
  'I understand, I am sorry about that. Give me a moment to check.',
  'Thanks for your patience. I can see what happened here.',
];
const CUSTOMER_FOLLOW = ['Sure, it is the one ending in example.com.', 'Okay, I will hold.', 'Great, thank you.'];
const CLOSINGS = ['I have sorted that out for you. Is there anything else?', 'You are all set. Have a great day.'];

function seedOf(id: string): number {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/** When the conversation with an agent started and ended, from the time events. */
function talkWindow(workitem: Workitem): { from: number; to: number } | undefined {
  const events = workitem.timeEvents ?? [];
  const answered = events.find((event) => event.state === 'active');
  if (!answered) return undefined;
  const ended = events.find((event) => event.timestamp > answered.timestamp && (event.state === 'terminated' || event.state === 'dispositioned'));
  return { from: answered.timestamp, to: ended?.timestamp ?? (workitem.modifiedAt ?? answered.timestamp + 60_000) };
}

export function recordingIdOf(workitemId: string): string {
  return `rec_${workitemId}`;
}

export function transcriptOf(workitem: Workitem, recordingUrl: (id: string) => string): TranscriptObject | undefined {
  const window = talkWindow(workitem);
  if (!window || (workitem.channelType !== 'voice' && workitem.channelType !== 'chat')) return undefined;
  const rng = createRng(seedOf(workitem.workitemId));
  const agent = workitem.agentUsername ?? 'agent';
  const agentName = agent.split('.').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join(' ');
  const customer = [workitem.contact?.firstName, workitem.contact?.lastName].filter(Boolean).join(' ') || 'the customer';
  const reason = rng.pick(REASONS);
  const lines: Array<{ participant: 'agent' | 'customer'; text: string }> = [
    { participant: 'agent', text: rng.pick(OPENINGS).replace('{agent}', agentName) },
    { participant: 'customer', text: `Hello, this is ${customer}. ${reason}` },
    { participant: 'agent', text: rng.pick(MIDDLES) },
    { participant: 'customer', text: rng.pick(CUSTOMER_FOLLOW) },
    { participant: 'agent', text: rng.pick(CLOSINGS) },
  ];
  const span = Math.max(lines.length, window.to - window.from);
  const messages = lines.map((line, index) => ({
    timestamp: window.from + Math.floor((span * index) / lines.length),
    participant: line.participant,
    ...(line.participant === 'agent' ? { userId: agent } : {}),
    text: line.text,
  }));
  const recordingId = recordingIdOf(workitem.workitemId);
  return {
    workitemId: workitem.workitemId,
    summary: `${customer} called about this: "${reason}" ${agentName} handled it.`,
    transcriptionMessages: messages,
    ...(workitem.channelType === 'voice' ? { callRecordingData: [{ id: recordingId, url: recordingUrl(recordingId) }] } : {}),
  };
}

/** Two seconds of a quiet two-tone WAV (8 kHz, 16-bit mono): enough for a player to play. */
export function recordingWav(seconds = 2): Buffer {
  const rate = 8000;
  const samples = rate * seconds;
  const buffer = Buffer.alloc(44 + samples * 2);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + samples * 2, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(rate, 24);
  buffer.writeUInt32LE(rate * 2, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    const tone = i < samples / 2 ? 440 : 660;
    buffer.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * tone * i) / rate)), 44 + i * 2);
  }
  return buffer;
}
