// Transcripts and recordings of a workitem. NCX documents
// `GET /analytics/api/types/conversation/{conversationId}/workitems/{workitemId}/transcriptions-and-recordings`
// answering objects with `callRecordingData[{id, url}]`, `summary`, `transcriptionMessages[]`,
// `voicemailTranscript` and `workitemId`. It does not document (our assumptions, here only, and
// listed in the README):
// - the envelope: `objects` as in a search answer;
// - a transcription message: `{timestamp, participant, userId?, text}` (`participant` is
//   `agent` or `customer`);
// - the conversation id of a workitem that carries none: its own workitem id;
// - a recording: fetched from its `url` with the token, only on the API's own host, as `audio/*`.
import * as z from './zodMini';
import type { Workitem } from './schemas';

export const TranscriptMessageSchema = z.looseObject({
  timestamp: z.optional(z.number()),
  participant: z.optional(z.string()),
  userId: z.optional(z.string()),
  text: z.string(),
});
export type TranscriptMessage = z.infer<typeof TranscriptMessageSchema>;

export const RecordingRefSchema = z.looseObject({ id: z.string(), url: z.string() });
export type RecordingRef = z.infer<typeof RecordingRefSchema>;

export const TranscriptObjectSchema = z.looseObject({
  workitemId: z.optional(z.string()),
  summary: z.optional(z.string()),
  transcriptionMessages: z.optional(z.array(TranscriptMessageSchema)),
  callRecordingData: z.optional(z.array(RecordingRefSchema)),
  voicemailTranscript: z.optional(z.string()),
});
export type TranscriptObject = z.infer<typeof TranscriptObjectSchema>;

export const TranscriptAnswerSchema = z.looseObject({ objects: z.array(TranscriptObjectSchema) });

/** The conversation a workitem's transcript is filed under. */
export function conversationOf(workitem: Pick<Workitem, 'workitemId' | 'conversationId'>): string {
  return workitem.conversationId !== undefined && workitem.conversationId !== '' ? workitem.conversationId : workitem.workitemId;
}

/** A recording larger than this is not fetched (a few minutes of compressed speech are far less). */
export const RECORDING_MAX_BYTES = 20 * 1024 * 1024;
export const RECORDING_TYPES = /^audio\/(wav|x-wav|wave|mpeg|mp3|ogg|webm|mp4|aac)\b/i;
