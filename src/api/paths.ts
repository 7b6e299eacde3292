// The NCX REST surface, in one place for the client and the sandbox alike.
// Documented by NCX: search, fetch one, the call actions (bridge, hold, hang up, mute, DTMF), priority,
// agent and queue transfers, token endpoints. Two are ours: UNHOLD and DISPOSITION below.

// encodeURIComponent throws on a lone surrogate; an id that came from a hostile answer must give a
// request the server can refuse (404), not a synchronous crash in the caller.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const enc = (segment: string): string => encodeURIComponent(segment.replace(LONE_SURROGATE, '\uFFFD'));

export const PATHS = {
  search: (schemaType: string) => `/data/api/types/${enc(schemaType)}`,
  workitem: (id: string) => `/users/api/workitems/${enc(id)}`,
  hold: (id: string) => `/users/api/calls/${enc(id)}/hold`,
  hangup: (id: string) => `/users/api/calls/${enc(id)}/hangup`,
  queueTransfer: (id: string, queueId: string) => `/users/api/calls/${enc(id)}/queuetransfer/${enc(queueId)}`,
  userTransfer: (id: string, userId: string) => `/users/api/calls/${enc(id)}/usertransfer/${enc(userId)}`,
  bridge: (id: string) => `/users/api/calls/${enc(id)}/bridge`,
  mute: (id: string) => `/users/api/calls/${enc(id)}/mute`,
  dtmf: (id: string, digit: string) => `/users/api/calls/${enc(id)}/dtmf/${enc(digit)}`,
  priority: (id: string) => `/workflows/api/workitems/${enc(id)}/acd`,
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
