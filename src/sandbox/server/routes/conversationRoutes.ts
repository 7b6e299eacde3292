// `GET /analytics/api/types/conversation/{cid}/workitems/{wid}/transcriptions-and-recordings`
// (documented by NCX; the shapes inside are our assumptions, src/api/transcriptContract.ts) and
// the recordings its answers point to (ours: NCX documents only that a recording has a `url`).
import { conversationOf } from '../../../api/transcriptContract';
import { PATHS } from '../../../api/paths';
import { recordingIdOf, recordingWav, transcriptOf } from '../../conversation/transcripts';
import { notFound } from '../httpError';
import { BinaryBody, jsonReply } from '../reply';
import type { Route } from '../router';
import type { ServerDeps } from '../serverDeps';

/** Where the sandbox serves a recording: under the API, so the token goes with it. */
export const RECORDING_PATH = '/analytics/api/recordings/';

export function conversationRoutes(deps: ServerDeps): Route[] {
  const pattern = PATHS.transcripts('__C__', '__W__').replace('__C__', ':conversationId').replace('__W__', ':id');
  return [
    {
      method: 'GET',
      pattern,
      access: 'workitems:read',
      purpose: 'read transcripts and recordings',
      async handle({ params }) {
        const workitem = deps.store.get(params.id ?? '');
        if (!workitem || conversationOf(workitem) !== params.conversationId) {
          throw notFound(`Workitem '${params.id ?? ''}' is not part of conversation '${params.conversationId ?? ''}'.`);
        }
        const transcript = transcriptOf(workitem, (id) => `${deps.baseUrl()}${RECORDING_PATH}${encodeURIComponent(id)}`);
        return jsonReply({ count: transcript ? 1 : 0, total: transcript ? 1 : 0, objects: transcript ? [transcript] : [] });
      },
    },
    {
      method: 'GET',
      pattern: `${RECORDING_PATH}:recordingId`,
      access: 'workitems:read',
      purpose: 'play a recording',
      async handle({ params }) {
        const recordingId = params.recordingId ?? '';
        const workitemId = recordingId.startsWith('rec_') ? recordingId.slice(4) : '';
        const workitem = deps.store.get(workitemId);
        if (!workitem || recordingIdOf(workitemId) !== recordingId || workitem.channelType !== 'voice') {
          throw notFound(`Recording '${recordingId}' does not exist.`);
        }
        return { status: 200, body: new BinaryBody(recordingWav(), 'audio/wav') };
      },
    },
  ];
}
