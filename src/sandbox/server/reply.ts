// What a route handler returns, and how it goes on the wire. Handlers never touch the response
// object, so the fault layer can alter any answer (e.g. cut it in half) in one place.
import type { ServerResponse } from 'node:http';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function jsonReply(body: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, body, headers };
}

export interface WriteOptions {
  /** Send only the first half of the body, then drop the connection (fault injection). */
  truncate?: boolean;
}

export function writeReply(response: ServerResponse, reply: Reply, options: WriteOptions = {}): void {
  // Written as a string: a Buffer per answer is external memory, which at a million workitems
  // makes the garbage collector run needlessly often.
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...reply.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text, 'utf8')),
    'Cache-Control': 'no-store',
  });
  if (options.truncate) {
    // Content-Length promises the whole body, so the client notices the cut.
    const payload = Buffer.from(text, 'utf8');
    response.write(payload.subarray(0, Math.floor(payload.length / 2)), () => response.destroy());
    return;
  }
  response.end(text, 'utf8');
}
