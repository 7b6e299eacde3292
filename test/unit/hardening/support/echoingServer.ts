// A server that repeats the caller's credentials back in every shape an answer can take: in an
// HTML page, in a `{code, message}` body, in a field that fails validation, in the envelope, in a
// header. Whatever the client makes of these answers must not carry the credentials on.
import type { ServerResponse } from 'node:http';
import type { LoopbackHandler, RecordedRequest } from '../../api/helpers/loopbackServer';
import { sendJson } from '../../api/helpers/loopbackServer';
import { realisticWorkitem } from '../../api/fixtures/workitems';

/** What can be echoed: the whole Authorization value, and the credential after its scheme. */
export interface Echo {
  header: string;
  credential: string;
}

export type EchoAnswer = (echo: Echo, request: RecordedRequest, response: ServerResponse) => void;

function echoOf(request: RecordedRequest): Echo {
  const header = String(request.headers.authorization ?? '');
  return { header, credential: header.replace(/^(Bearer|Basic)\s+/i, '') };
}

function errorBody(status: number, echo: Echo): Record<string, unknown> {
  return { code: status, message: `Credential ${echo.credential} refused (sent as "${echo.header}")` };
}

export const ECHO_ANSWERS: Readonly<Record<string, EchoAnswer>> = {
  htmlPage: (echo, _request, response) => {
    const page = `<html><body><h1>Proxy error</h1><pre>Authorization: ${echo.header}\ncredential=${echo.credential}</pre></body></html>`;
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end(page);
  },
  badRequest: (echo, _request, response) => sendJson(response, 400, errorBody(400, echo)),
  unauthorized: (echo, _request, response) => sendJson(response, 401, errorBody(401, echo)),
  forbidden: (echo, _request, response) =>
    sendJson(response, 403, { ...errorBody(403, echo), missingPermission: `workitems:${echo.credential}` }),
  notFound: (echo, _request, response) => sendJson(response, 404, errorBody(404, echo)),
  conflict: (echo, _request, response) => sendJson(response, 409, errorBody(409, echo)),
  rateLimited: (echo, _request, response) =>
    sendJson(response, 429, errorBody(429, echo), { 'Retry-After': '0', 'X-Echo': echo.credential }),
  serverError: (echo, _request, response) => sendJson(response, 500, errorBody(500, echo)),
  badGateway: (echo, _request, response) => {
    response.writeHead(502, { 'Content-Type': 'text/plain' });
    response.end(`upstream rejected ${echo.credential}`);
  },
  oddStatus: (echo, _request, response) => sendJson(response, 302, errorBody(302, echo), { Location: `/?token=${echo.credential}` }),
  fieldOfWrongType: (echo, _request, response) =>
    sendJson(response, 200, { ...realisticWorkitem(1), priority: echo.header, createdAt: echo.credential }),
  envelopeOfWrongType: (echo, _request, response) =>
    sendJson(response, 200, { count: echo.header, total: echo.credential, objects: echo.credential }),
  pageWithBadItem: (echo, _request, response) => {
    const bad = { ...realisticWorkitem(2), workitemId: echo.credential, state: [echo.header], timeEvents: [{ type: echo.credential }] };
    sendJson(response, 200, { count: 2, total: 2, objects: [realisticWorkitem(1), bad] });
  },
  tokenResponse: (echo, _request, response) => sendJson(response, 200, { location: echo.credential, token: '' }),
  headersThenSilence: (_echo, _request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.flushHeaders();
  },
  reset: (_echo, _request, response) => {
    response.socket?.resetAndDestroy();
  },
};

/** Serves whichever echo answer `current()` names at the time of each request. */
export function echoingHandler(current: () => EchoAnswer): LoopbackHandler {
  return (request, response) => current()(echoOf(request), request, response);
}
