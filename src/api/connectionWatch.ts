// node-fetch 2 pipes the HTTP response into the body stream without passing an abort on: when the
// connection closes before the declared Content-Length has arrived, the body neither ends nor
// fails, and reading it hangs until the timeout. Each attempt therefore gets its own agent that
// watches its sockets. Once a socket has closed, no more bytes can come; a body that then stops
// moving without having ended was cut short, and is failed with a premature-close error (which
// http.ts reports as a network error, retried for reads).
import * as http from 'node:http';
import * as https from 'node:https';
import type { Duplex } from 'node:stream';

/** After the socket closed, a body idle this long has received all it ever will. */
const STALL_MS = 100;

interface WatchedBody {
  on(event: 'data', listener: () => void): unknown;
  once(event: 'end', listener: () => void): unknown;
  destroy?: (error?: Error) => unknown;
}

type ConnectionCallback = (error: Error | null, stream: Duplex) => void;

class WatchedHttpAgent extends http.Agent {
  constructor(private readonly onSocketClose: () => void) {
    super({ keepAlive: true });
  }

  override createConnection(options: http.ClientRequestArgs, callback?: ConnectionCallback): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    socket?.once('close', this.onSocketClose);
    return socket;
  }
}

class WatchedHttpsAgent extends https.Agent {
  constructor(private readonly onSocketClose: () => void) {
    super({ keepAlive: true });
  }

  override createConnection(options: https.RequestOptions, callback?: ConnectionCallback): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    socket?.once('close', this.onSocketClose);
    return socket;
  }
}

function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

export class ConnectionWatch {
  readonly agent: http.Agent;
  private socketClosed = false;
  private body: WatchedBody | undefined;
  private ended = false;
  private progressed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(url: string) {
    const onClose = (): void => this.onSocketClosed();
    this.agent = url.startsWith('https:') ? new WatchedHttpsAgent(onClose) : new WatchedHttpAgent(onClose);
  }

  /** Call right after the body's reader has started (so that listening does not steal chunks). */
  follow(body: WatchedBody): void {
    this.body = body;
    body.on('data', () => {
      this.progressed = true;
    });
    body.once('end', () => {
      this.ended = true;
    });
    if (this.socketClosed) {
      this.checkSoon();
    }
  }

  /** Stops watching and closes the agent's sockets; call once the attempt is over. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.body = undefined;
    this.agent.destroy();
  }

  private onSocketClosed(): void {
    this.socketClosed = true;
    if (this.body) {
      this.checkSoon();
    }
  }

  private checkSoon(): void {
    if (this.timer === undefined && !this.ended) {
      this.progressed = false;
      this.timer = setTimeout(() => this.check(), STALL_MS);
    }
  }

  private check(): void {
    this.timer = undefined;
    if (this.ended || !this.body) {
      return;
    }
    if (this.progressed) {
      this.checkSoon();
      return;
    }
    this.body.destroy?.(prematureClose());
  }
}
