// The sandbox's events socket (path and message shape: src/api/live/eventsContract.ts): every
// durable change of a workitem goes to every open socket as one `WorkitemStateChangeNotification`.
// Authentication is the HTTP one (`Authorization` on the upgrade, or `?token=`), and the socket is
// closed when its token expires. A client too slow to read is closed rather than buffered without
// bound; it falls back to the change feed and reconnects.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { hasPermission } from '../../api/domain';
import {
  CLOSE_TOKEN_EXPIRED,
  EVENTS_SOCKET_PATH,
  EVENTS_TOKEN_QUERY_PARAMETER,
  WORKITEM_STATE_CHANGE,
  type WorkitemStateChange,
} from '../../api/live/eventsContract';
import { tokenFromHeader } from '../auth/credentials';
import type { Principal } from '../auth/tokens';
import type { DurableStore, StoreChange } from '../persistence/durableStore';
import type { TokenVerifier } from '../server/verifiedTokens';

/** Bytes a socket may have unsent before it is closed as too slow (1013: try again later). */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
const CLOSE_TRY_AGAIN_LATER = 1013;
/** setTimeout's longest delay; a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface EventsSocketDeps {
  server: Server;
  mutations: DurableStore;
  tokens: TokenVerifier;
  now: () => number;
  log: (message: string) => void;
}

export interface EventsSocket {
  /** Sockets open now. */
  readonly clients: number;
  /** Test hook: cuts every open socket, as a dropped link would. */
  dropAll(): void;
  /** Test hook: while true, upgrades are refused (503), as by a server whose socket is down. */
  refuseUpgrades: boolean;
  close(): Promise<void>;
}

export function toNotification(change: StoreChange): WorkitemStateChange {
  const { workitem } = change;
  return {
    name: WORKITEM_STATE_CHANGE,
    createdAt: workitem.modifiedAt ?? workitem.createdAt,
    workitemId: workitem.workitemId,
    ...(change.oldState === undefined ? {} : { oldState: change.oldState }),
    newState: workitem.state,
    action: change.action,
    workitem,
  };
}

function refuse(socket: Duplex, status: string, code: string, message: string): void {
  const body = JSON.stringify({ code, message });
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function tokenOf(request: IncomingMessage, query: URLSearchParams): string | undefined {
  return tokenFromHeader(request.headers.authorization) ?? (query.get(EVENTS_TOKEN_QUERY_PARAMETER) || undefined);
}

export function attachEventsSocket(deps: EventsSocketDeps): EventsSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const expiries = new Map<WebSocket, NodeJS.Timeout>();

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const target = request.url ?? '/';
    const questionMark = target.indexOf('?');
    const path = questionMark < 0 ? target : target.slice(0, questionMark);
    const query = new URLSearchParams(questionMark < 0 ? '' : target.slice(questionMark + 1));
    if (path !== EVENTS_SOCKET_PATH) {
      refuse(socket, '404 Not Found', 'notFound', `No socket is served at ${path.slice(0, 200)}.`);
      return;
    }
    if (hub.refuseUpgrades) {
      refuse(socket, '503 Service Unavailable', 'unavailable', 'The events socket is down; read the change feed.');
      return;
    }
    const token = tokenOf(request, query);
    if (!token) {
      refuse(socket, '401 Unauthorized', 'unauthorized', "Missing token: send 'Authorization: Bearer <token>' (or ?token=).");
      return;
    }
    const check = deps.tokens.verify(token);
    if (!check.ok) {
      refuse(socket, '401 Unauthorized', 'unauthorized', check.message);
      return;
    }
    const principal: Principal = check.principal;
    if (!hasPermission(principal.authorities, 'workitems:read')) {
      refuse(socket, '403 Forbidden', 'forbidden', `Permission 'workitems:read' is needed to receive events; user '${principal.username}' lacks it.`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const timer = setTimeout(() => ws.close(CLOSE_TOKEN_EXPIRED, 'The token expired; sign in again.'), Math.min(MAX_TIMER_MS, Math.max(0, principal.expiresAt - deps.now())));
      timer.unref();
      expiries.set(ws, timer);
      ws.on('close', () => {
        clearTimeout(expiries.get(ws));
        expiries.delete(ws);
      });
      ws.on('error', () => ws.terminate());
      wss.emit('connection', ws, request);
    });
  }

  function broadcast(change: StoreChange): void {
    if (wss.clients.size === 0) {
      return;
    }
    const message = JSON.stringify(toNotification(change));
    for (const ws of wss.clients) {
      if (ws.readyState !== ws.OPEN) {
        continue;
      }
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        deps.log('An events socket fell too far behind and was closed.');
        ws.close(CLOSE_TRY_AGAIN_LATER, 'Too slow: reconnect and read the change feed.');
        continue;
      }
      ws.send(message);
    }
  }

  deps.server.on('upgrade', onUpgrade);
  const unsubscribe = deps.mutations.onChange(broadcast);
  let closing: Promise<void> | undefined;

  const hub: EventsSocket = {
    refuseUpgrades: false,
    get clients() {
      return wss.clients.size;
    },
    dropAll() {
      for (const ws of wss.clients) ws.terminate();
    },
    close() {
      closing ??= new Promise<void>((done) => {
        unsubscribe();
        deps.server.off('upgrade', onUpgrade);
        for (const timer of expiries.values()) clearTimeout(timer);
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => done());
      });
      return closing;
    },
  };
  return hub;
}
