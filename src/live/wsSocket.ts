// The events socket client: the `ws` library, adapted to what LiveChangeStream uses.
import WebSocket from 'ws';
import { sharedTransport, type Transport } from '../api/transport';
import type { LiveSocket, SocketFactory } from '../model/live/liveChangeStream';

const HANDSHAKE_TIMEOUT_MS = 10_000;

/** Opens sockets over `transport`: its proxy and trusted roots, as every request of the extension. */
export function wsSocketFactory(transport: Transport): SocketFactory {
  return (url, headers) => {
    const ws = new WebSocket(url, {
      headers,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      maxPayload: 16 * 1024 * 1024,
      ...transport.socketOptions(new URL(url)),
    });
    return adapt(ws);
  };
}

export const openWsSocket: SocketFactory = wsSocketFactory(sharedTransport);

function adapt(ws: WebSocket): LiveSocket {
  const socket: LiveSocket = {
    on(event: string, listener: (...args: never[]) => void) {
      ws.on(event, listener as (...args: unknown[]) => void);
    },
    terminate: () => ws.terminate(),
  } as LiveSocket;
  return socket;
}
