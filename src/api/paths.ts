// The NCX REST surface, in one place for the client and the sandbox alike.
// Documented by NCX: search, fetch one, the call actions (bridge, hold, hang up, mute, DTMF), priority,
// agent and queue transfers, token endpoints. Two are ours: UNHOLD and DISPOSITION below.
import { NcxError } from './errors';

// encodeURIComponent throws on a lone surrogate; an id that came from a hostile answer must give a
// request the server can refuse (404), not a synchronous crash in the caller.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/**
 * One path segment made of an id. encodeURIComponent leaves `.` and `..` as they are, and a URL
 * resolves them (`hangUp('..')` would send `POST /users/api/hangup`), so those, and an empty id
 * that would merge two segments, are refused before anything is sent.
 */
function enc(segment: string, what = 'id'): string {
  if (segment === '') {
    throw new NcxError('badRequest', `An empty ${what} cannot be sent in a request path.`);
  }
  if (segment === '.' || segment === '..') {
    throw new NcxError('badRequest', `The ${what} '${segment}' is refused: in a request path it would change the path itself.`);
  }
  return encodeURIComponent(segment.replace(LONE_SURROGATE, '\uFFFD'));
}

export const PATHS = {
  search: (schemaType: string) => `/data/api/types/${enc(schemaType, 'type')}`,
  workitem: (id: string) => `/users/api/workitems/${enc(id, 'workitem id')}`,
  hold: (id: string) => `/users/api/calls/${enc(id, 'workitem id')}/hold`,
  hangup: (id: string) => `/users/api/calls/${enc(id, 'workitem id')}/hangup`,
  queueTransfer: (id: string, queueId: string) => `/users/api/calls/${enc(id, 'workitem id')}/queuetransfer/${enc(queueId, 'queue id')}`,
  userTransfer: (id: string, userId: string) => `/users/api/calls/${enc(id, 'workitem id')}/usertransfer/${enc(userId, 'user id')}`,
  bridge: (id: string) => `/users/api/calls/${enc(id, 'workitem id')}/bridge`,
  mute: (id: string) => `/users/api/calls/${enc(id, 'workitem id')}/mute`,
  dtmf: (id: string, digit: string) => `/users/api/calls/${enc(id, 'workitem id')}/dtmf/${enc(digit, 'digit')}`,
  priority: (id: string) => `/workflows/api/workitems/${enc(id, 'workitem id')}/acd`,
  transcripts: (conversationId: string, id: string) =>
    `/analytics/api/types/conversation/${enc(conversationId, 'conversation id')}/workitems/${enc(id, 'workitem id')}/transcriptions-and-recordings`,
  tokenWithAuthorities: '/provider/token-with-authorities',
  tokenRefresh: '/provider/api/token-refresh',
} as const;

/**
 * Unhold (NCX calls it "retrieve") has no documented REST endpoint. We assume `DELETE` on the
 * hold path, mirroring the documented mute / unmute pair (`POST` / `DELETE .../mute`). Change it
 * here, and only here, when NCX documents the real one.
 */
export const UNHOLD = { method: 'DELETE', path: (id: string) => PATHS.hold(id) } as const;

/**
 * `text` without its trailing slashes, in linear time (`/\/+$/` retries from every slash of a long
 * run of them that does not end the text, which is quadratic in a location a server sent).
 */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) {
    end -= 1;
  }
  return text.slice(0, end);
}

/**
 * Applying a disposition to a workitem has no documented endpoint either. We assume
 * `POST /users/api/workitems/{id}/disposition` with `{dispositionId}`: the workitem resource of
 * fetch-by-id (`/users/api/workitems/{id}`), a sub-resource named like `sendemailresponse`, and the
 * field name workitems and the `disposition` schema type already use. Change it here, and only
 * here, when NCX documents the real one.
 */
export const DISPOSITION = { method: 'POST', path: (id: string) => `${PATHS.workitem(id)}/disposition` } as const;

/** Every action's path, for the action catalog (src/api/actions/catalog.ts) and the sandbox's routes. */
export const ACTION_PATHS = { ...PATHS, unhold: UNHOLD, disposition: DISPOSITION } as const;

export const SEARCH_DEFAULT_ROWS = 100;
export const SEARCH_MAX_ROWS = 1000;
