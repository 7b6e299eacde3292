// An HTTP CONNECT proxy for tests and benchmarks (the `proxy` package), on loopback, that counts
// what passes through it: tunnels opened (one per TCP connection a client makes through it) and
// TLS handshakes begun inside them (each ClientHello), so a test can see whether connections are
// reused.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createProxy } from 'proxy';

export interface ProxyCounters {
  /** CONNECT requests: one per tunnel. */
  tunnels: number;
  /** TLS ClientHello records seen at the start of a tunnel. */
  tlsHandshakes: number;
  /** Plain `GET http://…` requests forwarded without a tunnel. */
  forwarded: number;
}

export interface ConnectProxy {
  url: string;
  port: number;
  counters: ProxyCounters;
  reset(): void;
  close(): Promise<void>;
}

const TLS_HANDSHAKE_RECORD = 0x16;
const CLIENT_HELLO = 0x01;

export async function startConnectProxy(host = '127.0.0.1'): Promise<ConnectProxy> {
  const counters: ProxyCounters = { tunnels: 0, tlsHandshakes: 0, forwarded: 0 };
  const sockets = new Set<Socket>();
  const server = createServer();
  // Counting listeners go first so they see each tunnel's first bytes.
  server.prependListener('connect', (_request: IncomingMessage, socket: Socket) => {
    counters.tunnels += 1;
    socket.on('data', (chunk: Buffer) => {
      // A record may start anywhere in a chunk only after the first; ClientHellos lead a flight.
      if (chunk.length > 5 && chunk[0] === TLS_HANDSHAKE_RECORD && chunk[5] === CLIENT_HELLO) {
        counters.tlsHandshakes += 1;
      }
    });
  });
  server.prependListener('request', () => {
    counters.forwarded += 1;
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  createProxy(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: 0 }, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    counters,
    reset() {
      counters.tunnels = 0;
      counters.tlsHandshakes = 0;
      counters.forwarded = 0;
    },
    close() {
      return new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
    },
  };
}
