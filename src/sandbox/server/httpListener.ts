// Binds the request handler to a loopback port and tracks sockets, so stopping really stops:
// keep-alive connections and requests held open by a `hang` fault are closed too.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { RequestHandler } from './requestHandler';

export const LOOPBACK = '127.0.0.1';

export interface ListenOptions {
  port: number;
  /** A loopback address (127.0.0.0/8); default 127.0.0.1. */
  host?: string;
  /** Serve HTTPS with this key and certificate. */
  tls?: { key: string; cert: string };
}

/** What the listener saw, for tests and benchmarks that check connection reuse. */
export interface ListenerCounters {
  /** TCP connections accepted. */
  connections: number;
  /** Full TLS handshakes (a resumed session is counted in `resumed`). */
  tlsHandshakes: number;
  resumed: number;
  requests: number;
}

export interface Listening {
  server: Server;
  port: number;
  url: string;
  counters: ListenerCounters;
  close(): Promise<void>;
}

/**
 * Requests Node's parser rejects before any handler runs (headers or URL over 16 KiB, broken
 * syntax) still get a `{code, message}` answer rather than a silently closed socket.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const body = JSON.stringify(
    tooLarge
      ? { code: 'headersTooLarge', message: 'The request line and headers exceed 16 KiB; shorten the query.' }
      : { code: 'badRequest', message: `The request is not valid HTTP (${error.code ?? 'parse error'}).` },
  );
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function listen(handler: RequestHandler, options: ListenOptions): Promise<Listening> {
  const { port } = options;
  const host = options.host ?? LOOPBACK;
  const counters: ListenerCounters = { connections: 0, tlsHandshakes: 0, resumed: 0, requests: 0 };
  const serve = (request: IncomingMessage, response: ServerResponse): void => {
    counters.requests += 1;
    handler.handle(request, response);
  };
  const server: Server = options.tls
    ? createTlsServer({ key: options.tls.key, cert: options.tls.cert, keepAliveTimeout: 30_000 }, serve)
    : createServer({ keepAliveTimeout: 30_000 }, serve);
  server.on('connection', () => {
    counters.connections += 1;
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    if (socket.isSessionReused()) counters.resumed += 1;
    else counters.tlsHandshakes += 1;
  });
  server.on('clientError', answerClientError);
  return new Promise<Listening>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      let closing: Promise<void> | undefined;
      resolve({
        server,
        port: bound,
        url: `${options.tls ? 'https' : 'http'}://${host}:${bound}`,
        counters,
        close() {
          closing ??= new Promise<void>((done) => {
            handler.shutdown();
            server.close(() => done());
            server.closeAllConnections();
          });
          return closing;
        },
      });
    });
  });
}
