// A network between the client and the sandbox: every byte crosses it `latencyMs` (± `jitterMs`)
// late each way, a new connection's first bytes wait one more round trip (standing in for the
// TCP handshake, which loopback does not pay), and a share `dropRate` of connections is dropped
// or stalled. It is a TCP relay in front of the real listener, so TLS and keep-alive behave as
// they would across the internet.
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export interface NetworkProfile {
  /** Added to each direction, in ms. */
  latencyMs: number;
  /** Each chunk's delay varies by up to this much either way (order is kept). */
  jitterMs: number;
  /** Share (0–1) of connections that go wrong: half are reset, half stall after a while. */
  dropRate: number;
}

export interface NetworkCounters {
  /** TCP connections accepted. */
  connections: number;
  /** Connections the profile reset or stalled. */
  dropped: number;
}

export interface RelayOptions {
  profile: NetworkProfile;
  host: string;
  port: number;
  /** Where the real listener is. */
  targetHost: string;
  targetPort: number;
  /** Replaces Math.random (tests). */
  random?: () => number;
}

export interface Relay {
  port: number;
  counters: NetworkCounters;
  close(): Promise<void>;
}

/** Delivers chunks to `write` after the delay, never before an earlier chunk. */
class DelayLine {
  private lastDue = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly delayMs: () => number,
    private readonly write: (chunk: Buffer | null) => void,
  ) {}

  push(chunk: Buffer | null, extraMs = 0): void {
    const due = Math.max(this.lastDue, Date.now() + this.delayMs() + extraMs);
    this.lastDue = due;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.write(chunk);
    }, due - Date.now());
    this.timers.add(timer);
  }

  cancel(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

function delayOf(profile: NetworkProfile, random: () => number): () => number {
  return () => Math.max(0, profile.latencyMs + (random() * 2 - 1) * profile.jitterMs);
}

export function startRelay(options: RelayOptions): Promise<Relay> {
  const random = options.random ?? Math.random;
  const { profile } = options;
  const counters: NetworkCounters = { connections: 0, dropped: 0 };
  const sockets = new Set<Socket>();
  const lines = new Set<DelayLine>();

  function relay(client: Socket): void {
    counters.connections += 1;
    sockets.add(client);
    // Bytes leave when their delay is over, not when Nagle's algorithm lets them: a chunk held for
    // the ACK of the one before would wait out the client's delayed ACK (40 ms on Linux), a cost no
    // real link adds.
    const server = connect({ host: options.targetHost, port: options.targetPort, noDelay: true });
    sockets.add(server);
    const toServer = new DelayLine(delayOf(profile, random), (chunk) => (chunk ? server.write(chunk) : server.end()));
    const toClient = new DelayLine(delayOf(profile, random), (chunk) => (chunk ? client.write(chunk) : client.end()));
    lines.add(toServer).add(toClient);
    let first = true;
    const goesWrong = profile.dropRate > 0 && random() < profile.dropRate;
    const stalls = goesWrong && random() < 0.5;
    let forwarded = 0;
    client.on('data', (chunk) => {
      // The handshake's round trip: the first bytes cannot leave before it is over.
      toServer.push(chunk, first ? 2 * profile.latencyMs : 0);
      first = false;
    });
    client.on('end', () => toServer.push(null));
    server.on('data', (chunk) => {
      forwarded += 1;
      if (goesWrong && forwarded === 2) {
        // After some bytes went through: a reset (the link died) or silence (a stalled path).
        counters.dropped += 1;
        toClient.cancel();
        toServer.cancel();
        if (stalls) {
          client.pause();
          server.pause();
        } else {
          client.resetAndDestroy();
          server.destroy();
        }
        return;
      }
      if (goesWrong && forwarded > 2) return;
      toClient.push(chunk);
    });
    server.on('end', () => toClient.push(null));
    const close = (): void => {
      toServer.cancel();
      toClient.cancel();
      lines.delete(toServer);
      lines.delete(toClient);
      client.destroy();
      server.destroy();
      sockets.delete(client);
      sockets.delete(server);
    };
    client.on('error', close).on('close', () => setTimeout(close, profile.latencyMs));
    server.on('error', close).on('close', () => setTimeout(close, profile.latencyMs + profile.jitterMs + 1));
  }

  const listener: Server = createServer({ noDelay: true }, relay);
  return new Promise<Relay>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen({ host: options.host, port: options.port }, () => {
      listener.off('error', reject);
      let closing: Promise<void> | undefined;
      resolve({
        port: (listener.address() as AddressInfo).port,
        counters,
        close() {
          closing ??= new Promise<void>((done) => {
            for (const line of lines) line.cancel();
            for (const socket of sockets) socket.destroy();
            listener.close(() => done());
          });
          return closing;
        },
      });
    });
  });
}
