// Answers a real NCX server should never give but a broken proxy, an overloaded tenant or a
// half-finished deployment will: each is a handler for the loopback test server, with its own
// request counter so a scenario can change its answer from one request to the next.
import type { ServerResponse } from 'node:http';
import type { Workitem } from '../../../../src/api/schemas';
import type { LoopbackHandler, RecordedRequest } from '../../api/helpers/loopbackServer';
import { sendJson } from '../../api/helpers/loopbackServer';
import { realisticWorkitems } from '../../api/fixtures/workitems';
import { searchPurposeOf } from '../../model/support/searchPurpose';

export interface PageRequest {
  start: number;
  rows: number;
  q: string | undefined;
}

export function pageRequestOf(request: RecordedRequest): PageRequest {
  const params = new URL(request.url, 'http://loopback').searchParams;
  return {
    start: Number(params.get('start') ?? '0'),
    rows: Number(params.get('rows') ?? '100'),
    q: params.get('q') ?? undefined,
  };
}

/** The page of `catalog` a request asks for, in the NCX envelope. */
export function envelopeFor(catalog: readonly unknown[], page: PageRequest, total = catalog.length): Record<string, unknown> {
  const objects = catalog.slice(page.start, page.start + page.rows);
  return { count: objects.length, total, objects };
}

/** A well-behaved search answer over `catalog`. */
export function servePage(catalog: readonly unknown[], request: RecordedRequest, response: ServerResponse): void {
  sendJson(response, 200, envelopeFor(catalog, pageRequestOf(request)));
}

function sendText(response: ServerResponse, status: number, contentType: string, text: string): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

export const CATALOG: readonly Workitem[] = realisticWorkitems(25);

/** A gateway's maintenance page, sent with 200 as some proxies do. */
export function htmlErrorPage(): LoopbackHandler {
  return (_request, response) =>
    sendText(
      response,
      200,
      'text/html; charset=utf-8',
      '<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head>' +
        '<body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p></body></html>',
    );
}

/** A complete HTTP answer whose JSON document stops half-way (a proxy's buffer limit). */
export function truncatedJson(): LoopbackHandler {
  return (request, response) => {
    const text = JSON.stringify(envelopeFor(CATALOG, pageRequestOf(request)));
    sendText(response, 200, 'application/json', text.slice(0, Math.floor(text.length / 2)));
  };
}

/** The declared length is never reached: the connection closes half-way through the body. */
export function bodyCutMidway(): LoopbackHandler {
  return (request, response) => {
    const text = JSON.stringify(envelopeFor(CATALOG, pageRequestOf(request)));
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    response.write(text.slice(0, Math.floor(text.length / 2)), () => response.destroy());
  };
}

/** Another search product's envelope. */
export function wrongEnvelope(): LoopbackHandler {
  return (_request, response) => sendJson(response, 200, { numFound: 3, docs: CATALOG.slice(0, 3) });
}

/** `objects` keyed by position instead of listed. */
export function objectsNotAnArray(): LoopbackHandler {
  return (_request, response) =>
    sendJson(response, 200, { count: 2, total: 2, objects: { 0: CATALOG[0], 1: CATALOG[1] } });
}

/** A page of five where the third workitem has lost its id. */
export function workitemWithoutId(): LoopbackHandler {
  const objects: unknown[] = CATALOG.slice(0, 5).map((item) => ({ ...item }));
  const withoutId: Record<string, unknown> = { ...CATALOG[2] };
  delete withoutId['workitemId'];
  objects[2] = withoutId;
  return (_request, response) => sendJson(response, 200, { count: 5, total: 5, objects });
}

/** Numbers serialised as strings by a careless backend (two of the five workitems). */
export function numbersAsStrings(): LoopbackHandler {
  const objects: unknown[] = CATALOG.slice(0, 5).map((item, index) =>
    index === 1 || index === 3 ? { ...item, createdAt: String(item.createdAt), priority: String(item.priority) } : item,
  );
  return (_request, response) => sendJson(response, 200, { count: 5, total: 5, objects });
}

/** The envelope's own numbers as strings. */
export function envelopeNumbersAsStrings(): LoopbackHandler {
  return (request, response) => {
    const envelope = envelopeFor(CATALOG, pageRequestOf(request));
    sendJson(response, 200, { ...envelope, count: String(envelope['count']), total: String(envelope['total']) });
  };
}

export const UNKNOWN_ENUMS = { state: 'parked', channelType: 'carrierPigeon', type: 'Telepathy', action: 'teleport' } as const;

/** Values of a newer NCX release this version has never heard of. */
export function unknownEnumValues(): LoopbackHandler {
  const [first, ...rest] = CATALOG.slice(0, 4);
  const novel: Workitem = {
    ...(first as Workitem),
    state: UNKNOWN_ENUMS.state,
    currentStateName: UNKNOWN_ENUMS.state,
    channelType: UNKNOWN_ENUMS.channelType,
    type: UNKNOWN_ENUMS.type,
    actions: [UNKNOWN_ENUMS.action, 'hold'],
    timeEvents: [{ type: 'beamed', timestamp: (first as Workitem).createdAt, state: UNKNOWN_ENUMS.state }],
  };
  return (_request, response) => sendJson(response, 200, { count: 4, total: 4, objects: [novel, ...rest] });
}

/** Every page after the first starts one position early, so each repeats the last id of the one before. */
export function sameIdOnTwoPages(): LoopbackHandler {
  return (request, response) => {
    const page = pageRequestOf(request);
    const start = page.start > 0 ? page.start - 1 : 0;
    sendJson(response, 200, { ...envelopeFor(CATALOG, { ...page, start }), total: CATALOG.length });
  };
}

/** The first page promises 25 workitems; by the second, 12 are left. */
export function totalChangesBetweenPages(): LoopbackHandler {
  const shrunk = CATALOG.slice(0, 12);
  let served = 0;
  return (request, response) => {
    served += 1;
    const page = pageRequestOf(request);
    sendJson(response, 200, served === 1 ? envelopeFor(CATALOG, page) : envelopeFor(shrunk, page));
  };
}

/** About 10 MB: a full page of a thousand workitems, each carrying ten kilobytes of data. */
export function tenMegabytePage(options: { declareLength: boolean }): LoopbackHandler {
  const note = 'Customer read out the full order history again. '.repeat(205);
  const heavy = realisticWorkitems(1000).map((item) => ({ ...item, data: { ...item.data, note } }));
  const text = JSON.stringify({ count: heavy.length, total: heavy.length, objects: heavy });
  return (_request, response) => {
    const headers: Record<string, string | number> = { 'Content-Type': 'application/json' };
    if (options.declareLength) {
      headers['Content-Length'] = Buffer.byteLength(text);
    }
    response.writeHead(200, headers);
    // Written in pieces, as a real server streams a large body.
    for (let offset = 0; offset < text.length; offset += 256 * 1024) {
      response.write(text.slice(offset, offset + 256 * 1024));
    }
    response.end();
  };
}

export const TEN_MEGABYTE_PAGE_ITEMS = 1000;

/** Status line and headers, then nothing at all. */
export function headersThenSilence(): LoopbackHandler {
  return (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.flushHeaders();
  };
}

/** The connection is reset (TCP RST) instead of answered. */
export function resetConnection(): LoopbackHandler {
  return (_request, response) => {
    response.socket?.resetAndDestroy();
  };
}

/** Answers `okRequests` requests, then the session is revoked: 401 from there on. */
export function unauthorizedAfter(okRequests: number): LoopbackHandler {
  let served = 0;
  return (request, response) => {
    served += 1;
    if (served <= okRequests) {
      servePage(CATALOG, request, response);
    } else {
      sendJson(response, 401, { code: 401, message: 'Token revoked: the session was signed out elsewhere.' });
    }
  };
}

/** `limited` answers of 429 with `Retry-After` (seconds), then the real page. */
export function rateLimited(limited: number, retryAfterSeconds: number): LoopbackHandler {
  let served = 0;
  return (request, response) => {
    served += 1;
    if (served <= limited) {
      sendJson(
        response,
        429,
        { code: 429, message: 'Rate limit exceeded for tenant t_abcde.' },
        { 'Retry-After': String(retryAfterSeconds) },
      );
    } else {
      servePage(CATALOG, request, response);
    }
  };
}

/** `failing` answers of 503 (a rolling restart), then the real page. */
export function burstOf503(failing: number): LoopbackHandler {
  let served = 0;
  return (request, response) => {
    served += 1;
    if (served <= failing) {
      sendText(response, 503, 'text/html', '<html><body>upstream connect error or disconnect/reset before headers</body></html>');
    } else {
      servePage(CATALOG, request, response);
    }
  };
}

/** Whether a request is the tree's change feed or its watermark probe (both sorted by `modifiedAt`). */
export function isChangeFeedRequest(request: RecordedRequest): boolean {
  const params = new URL(request.url, 'http://127.0.0.1').searchParams;
  return searchPurposeOf({ sort: params.get('sort') ?? undefined, q: params.get('q') ?? undefined }) !== 'rows';
}

/**
 * These servers script their answers request by request. The tree's change feed would take a place
 * in that script, so it is answered as a server without the feed answers it (400): the tree then
 * re-counts as before, and the script sees only the requests it is about.
 */
export function withoutChangeFeed(handler: LoopbackHandler): LoopbackHandler {
  return (request, response) => {
    if (isChangeFeedRequest(request)) {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ code: 'BAD_REQUEST', message: 'sort: modifiedAt is not a sortable field' }));
      return;
    }
    handler(request, response);
  };
}
