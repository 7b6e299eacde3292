// The NCX REST surface, in one place for the client and the sandbox alike.
// Documented by NCX: search, fetch one, hold, hang up, queue transfer, token endpoints.

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
  tokenWithAuthorities: '/provider/token-with-authorities',
  tokenRefresh: '/provider/api/token-refresh',
} as const;

/**
 * Unhold (NCX calls it "retrieve") has no documented REST endpoint. We assume `DELETE` on the
 * hold path, mirroring the documented mute / unmute pair (`POST` / `DELETE .../mute`). Change it
 * here, and only here, when NCX documents the real one.
 */
export const UNHOLD = { method: 'DELETE', path: (id: string) => PATHS.hold(id) } as const;

export const SEARCH_DEFAULT_ROWS = 100;
export const SEARCH_MAX_ROWS = 1000;
