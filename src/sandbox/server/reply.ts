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

/**
 * A body already encoded as JSON, in pieces that are kept elsewhere (cached workitems): they go to
 * the socket as they are, gathered into one write, with no copy and no new buffer per answer.
 */
export class EncodedJson {
  readonly byteLength: number;

  constructor(readonly chunks: readonly Buffer[]) {
    let length = 0;
    for (const chunk of chunks) {
      length += chunk.length;
    }
    this.byteLength = length;
  }
}

/** A body that is not JSON (a recording), sent as its bytes with its own content type. */
export class BinaryBody {
  constructor(
    readonly bytes: Buffer,
    readonly contentType: string,
  ) {}
}

export interface WriteOptions {
  /** Send only the first half of the body, then drop the connection (fault injection). */
  truncate?: boolean;
}

function writeHead(response: ServerResponse, reply: Reply, byteLength: number, contentType = 'application/json; charset=utf-8'): void {
  response.writeHead(reply.status, {
    ...reply.headers,
    'Content-Type': contentType,
    'Content-Length': String(byteLength),
    'Cache-Control': 'no-store',
  });
}

function writeTruncated(response: ServerResponse, payload: Buffer): void {
  // Content-Length promises the whole body, so the client notices the cut.
  response.write(payload.subarray(0, Math.floor(payload.length / 2)), () => response.destroy());
}

export function writeReply(response: ServerResponse, reply: Reply, options: WriteOptions = {}): void {
  const body = reply.body;
  if (body instanceof BinaryBody) {
    writeHead(response, reply, body.bytes.length, body.contentType);
    if (options.truncate) {
      writeTruncated(response, body.bytes);
      return;
    }
    response.end(body.bytes);
    return;
  }
  if (body instanceof EncodedJson) {
    writeHead(response, reply, body.byteLength);
    if (options.truncate) {
      writeTruncated(response, Buffer.concat(body.chunks, body.byteLength));
      return;
    }
    response.cork();
    const last = body.chunks.length - 1;
    for (let i = 0; i < last; i++) {
      response.write(body.chunks[i]);
    }
    response.end(last >= 0 ? body.chunks[last] : undefined);
    response.uncork();
    return;
  }
  // Written as a string: a Buffer per answer is external memory, which at a million workitems
  // makes the garbage collector run needlessly often.
  const text = JSON.stringify(body);
  writeHead(response, reply, Buffer.byteLength(text, 'utf8'));
  if (options.truncate) {
    writeTruncated(response, Buffer.from(text, 'utf8'));
    return;
  }
  response.end(text, 'utf8');
}
