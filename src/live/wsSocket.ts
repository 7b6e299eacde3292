// The events socket client: the `ws` library, adapted to what LiveChangeStream uses.
import WebSocket from 'ws';
import type { LiveSocket, SocketFactory } from '../model/live/liveChangeStream';

const HANDSHAKE_TIMEOUT_MS = 10_000;

export const openWsSocket: SocketFactory = (url, headers) => {
  const ws = new WebSocket(url, { headers, handshakeTimeout: HANDSHAKE_TIMEOUT_MS, maxPayload: 16 * 1024 * 1024 });
  const socket: LiveSocket = {
    on(event: string, listener: (...args: never[]) => void) {
      ws.on(event, listener as (...args: unknown[]) => void);
    },
    terminate: () => ws.terminate(),
  } as LiveSocket;
  return socket;
};
