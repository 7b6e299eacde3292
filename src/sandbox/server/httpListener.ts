// Binds the request handler to a loopback port and tracks sockets, so stopping really stops:
// keep-alive connections and requests held open by a `hang` fault are closed too.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { RequestHandler } from './requestHandler';

export const LOOPBACK = '127.0.0.1';

export interface Listening {
  server: Server;
  port: number;
  url: string;
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

export function listen(handler: RequestHandler, port: number): Promise<Listening> {
  const server = createServer((request, response) => handler.handle(request, response));
  server.on('clientError', answerClientError);
  return new Promise<Listening>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: LOOPBACK }, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      let closing: Promise<void> | undefined;
      resolve({
        server,
        port: bound,
        url: `http://${LOOPBACK}:${bound}`,
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
