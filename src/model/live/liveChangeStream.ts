// Workitem changes as they happen: over the events socket when the server serves one, from the
// change feed (one `modifiedAt` page every few seconds) when it does not or while the socket is
// down, reconnecting with backoff. Every (re)connect first reads the feed from the last change
// seen, so the moments between two sources are covered; a change seen twice (once from each
// source) is delivered once, by key. No `vscode` import: the socket comes in as a factory.
import type { AuthScheme } from '../../api/http';
import { CLOSE_TOKEN_EXPIRED, EVENTS_SOCKET_PATH, parseWorkitemStateChange } from '../../api/live/eventsContract';
import { SEARCH_MAX_ROWS } from '../../api/paths';
import type { WorkitemsApi } from '../../api/workitemsApi';
import { realTimers, type Timers } from '../timers';
import { ModelEmitter, type ModelEvent } from '../events';
import { changesOf, fromNotification, type LiveChange } from './liveChange';

/** The few socket behaviours the stream uses (the `ws` client fits; tests may pass another). */
export interface LiveSocket {
  on(event: 'open', listener: () => void): void;
  on(event: 'message', listener: (data: unknown) => void): void;
  on(event: 'close', listener: (code: number) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'unexpected-response', listener: (request: unknown, response: { statusCode?: number }) => void): void;
  terminate(): void;
}

export type SocketFactory = (url: string, headers: Record<string, string>) => LiveSocket;

/** `socket`: pushed; `feed`: polled (no socket, or it dropped); `stopped`: not started or stopped. */
export type LiveMode = 'connecting' | 'socket' | 'feed' | 'stopped';

export interface LiveChangeStreamOptions {
  api: WorkitemsApi;
  location: string;
  token: () => string | undefined;
  authScheme?: AuthScheme;
  openSocket: SocketFactory;
  /** How often the feed is read while there is no socket. */
  feedIntervalMs?: number;
  timers?: Timers;
  now?: () => number;
  log?: (message: string) => void;
  /** Reconnect delays (ms): the first, the longest. */
  backoff?: { firstMs: number; maxMs: number };
}

const FEED_ROWS = 200;
/** A server without a socket (404) is asked again this rarely. */
const NO_SOCKET_RETRY_MS = 5 * 60_000;
/** Keys older than this before the newest change seen are forgotten (nothing that old comes again). */
const DEDUP_HORIZON_MS = 5 * 60_000;
const MIN_PRUNE_SIZE = 4096;
/** Keys kept at most, whatever the horizon: a tenant changing 700 times a second stays at a few MB. */
const MAX_KEYS = 65_536;

export class LiveChangeStream {
  private readonly changesEmitter = new ModelEmitter<readonly LiveChange[]>();
  private readonly modeEmitter = new ModelEmitter<LiveMode>();
  readonly onDidChange: ModelEvent<readonly LiveChange[]> = this.changesEmitter.event;
  readonly onDidChangeMode: ModelEvent<LiveMode> = this.modeEmitter.event;

  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly seen = new Map<string, number>();
  /** Pruning walks every key, so it waits until the map has doubled since the last walk: O(1) a change. */
  private pruneAtSize = MIN_PRUNE_SIZE;
  private currentMode: LiveMode = 'stopped';
  private socket: LiveSocket | undefined;
  private reconnectTimer: unknown;
  private feedTimer: unknown;
  private reconnectDelay: number;
  /** Newest change time delivered (or the server's newest `modifiedAt` at start). */
  private since: number | undefined;
  private reading: Promise<void> | undefined;
  private generation = 0;

  constructor(private readonly options: LiveChangeStreamOptions) {
    this.timers = options.timers ?? realTimers;
    this.now = options.now ?? Date.now;
    this.reconnectDelay = this.backoff.firstMs;
  }

  get mode(): LiveMode {
    return this.currentMode;
  }

  private get backoff(): { firstMs: number; maxMs: number } {
    return this.options.backoff ?? { firstMs: 1000, maxMs: 30_000 };
  }

  /** Starts from the server's present: changes from now on are delivered. */
  async start(): Promise<void> {
    if (this.currentMode !== 'stopped') {
      return;
    }
    const generation = ++this.generation;
    this.setMode('connecting');
    try {
      const newest = await this.options.api.search({ sort: 'modifiedAt desc', rows: 1 });
      const [top] = newest.items;
      this.since = top?.modifiedAt ?? top?.createdAt ?? this.now();
    } catch (error) {
      this.since = this.now();
      this.log(`Live changes: could not read the newest change (${describe(error)}); starting from now.`);
    }
    if (generation === this.generation) {
      this.connect();
    }
  }

  stop(): void {
    this.generation++;
    this.closeSocket();
    this.timers.clearTimeout(this.reconnectTimer);
    this.timers.clearTimeout(this.feedTimer);
    this.reconnectTimer = this.feedTimer = undefined;
    this.setMode('stopped');
  }

  dispose(): void {
    this.stop();
    this.changesEmitter.dispose();
    this.modeEmitter.dispose();
  }

  /** Reads the feed now (also what closes the gap after a reconnect); resolves when delivered. */
  catchUp(): Promise<void> {
    this.reading ??= this.readFeed().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  // ---- the socket ------------------------------------------------------------------------------

  private socketUrl(): string {
    const url = new URL(EVENTS_SOCKET_PATH, this.options.location);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.toString();
  }

  private connect(): void {
    const generation = this.generation;
    const token = this.options.token();
    const headers: Record<string, string> = {};
    if (token) {
      headers.Authorization = this.options.authScheme === 'raw' ? token : `Bearer ${token}`;
    }
    let socket: LiveSocket;
    try {
      socket = this.options.openSocket(this.socketUrl(), headers);
    } catch (error) {
      this.socketDown(`could not open (${describe(error)})`, this.reconnectDelay);
      return;
    }
    this.socket = socket;
    let opened = false;
    let refusedWith: number | undefined;
    socket.on('open', () => {
      if (generation !== this.generation) return;
      opened = true;
      this.reconnectDelay = this.backoff.firstMs;
      this.timers.clearTimeout(this.feedTimer);
      this.feedTimer = undefined;
      this.setMode('socket');
      // Whatever changed while there was no socket.
      void this.catchUp();
    });
    socket.on('message', (data) => {
      if (generation !== this.generation) return;
      this.onMessage(data);
    });
    socket.on('unexpected-response', (_request, response) => {
      refusedWith = response.statusCode;
      socket.terminate();
    });
    socket.on('error', () => {
      // 'close' follows and says what to do.
    });
    socket.on('close', (code) => {
      if (generation !== this.generation || this.socket !== socket) return;
      this.socket = undefined;
      if (refusedWith === 404) {
        this.socketDown('the server has no events socket', NO_SOCKET_RETRY_MS);
      } else if (refusedWith !== undefined) {
        this.socketDown(`the server refused it (HTTP ${refusedWith})`, this.nextDelay());
      } else if (code === CLOSE_TOKEN_EXPIRED) {
        this.socketDown('the token expired', this.backoff.firstMs);
      } else {
        this.socketDown(opened ? `it closed (${code})` : 'it could not connect', this.nextDelay());
      }
    });
  }

  private nextDelay(): number {
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.backoff.maxMs, this.reconnectDelay * 2);
    // Jitter, so many windows do not reconnect in step.
    return Math.round(delay * (0.75 + Math.random() * 0.5));
  }

  private socketDown(why: string, retryInMs: number): void {
    this.log(`Live changes: events socket unavailable (${why}); reading the change feed, socket again in ${Math.round(retryInMs / 1000)} s.`);
    this.setMode('feed');
    this.scheduleFeed(0);
    this.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect();
    }, retryInMs);
  }

  private closeSocket(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.terminate();
  }

  private onMessage(data: unknown): void {
    let json: unknown;
    try {
      json = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      this.log('Live changes: a socket message is not JSON; ignored.');
      return;
    }
    const change = parseWorkitemStateChange(json);
    if (change === undefined) {
      // Other event names (offers, transcription…) or a malformed one: the feed still catches it.
      return;
    }
    this.deliver([fromNotification(change)]);
  }

  // ---- the feed --------------------------------------------------------------------------------

  private scheduleFeed(delayMs: number): void {
    if (this.feedTimer !== undefined || this.currentMode !== 'feed') {
      return;
    }
    this.feedTimer = this.timers.setTimeout(() => {
      this.feedTimer = undefined;
      void this.catchUp().finally(() => this.scheduleFeed(this.options.feedIntervalMs ?? 2000));
    }, delayMs);
  }

  private async readFeed(): Promise<void> {
    const generation = this.generation;
    let since = this.since;
    if (since === undefined) {
      return;
    }
    let start = 0;
    // Pages until one is not full; `>=` plus the keys make a page boundary inside one millisecond safe.
    for (let page = 0; page < 50; page++) {
      let answer;
      try {
        answer = await this.options.api.search({ q: `modifiedAt:>=${since}`, sort: 'modifiedAt asc', rows: FEED_ROWS, start });
      } catch (error) {
        this.log(`Live changes: the change feed failed (${describe(error)}).`);
        return;
      }
      if (generation !== this.generation) {
        return;
      }
      const changes = answer.items.flatMap((workitem) => changesOf(workitem, since as number)).sort((a, b) => a.at - b.at);
      this.deliver(changes);
      if (answer.items.length < FEED_ROWS) {
        return;
      }
      const last: number = answer.items[answer.items.length - 1]?.modifiedAt ?? since;
      start = last === since ? Math.min(start + FEED_ROWS, SEARCH_MAX_ROWS * 10) : 0;
      since = last;
    }
  }

  // ---- delivery --------------------------------------------------------------------------------

  private deliver(changes: readonly LiveChange[]): void {
    const fresh: LiveChange[] = [];
    for (const change of changes) {
      if (this.seen.has(change.key)) continue;
      this.seen.set(change.key, change.at);
      fresh.push(change);
      if (this.since === undefined || change.at > this.since) this.since = change.at;
    }
    this.forgetOldKeys();
    if (fresh.length > 0) {
      this.changesEmitter.fire(fresh);
    }
  }

  private forgetOldKeys(): void {
    if (this.since === undefined || this.seen.size < this.pruneAtSize) return;
    const horizon = this.since - DEDUP_HORIZON_MS;
    for (const [key, at] of this.seen) {
      if (at < horizon) this.seen.delete(key);
    }
    // Past the cap the oldest-inserted go first (insertion order is arrival order).
    let excess = this.seen.size - MAX_KEYS;
    for (const key of this.seen.keys()) {
      if (excess-- <= 0) break;
      this.seen.delete(key);
    }
    this.pruneAtSize = Math.min(Math.max(MIN_PRUNE_SIZE, this.seen.size * 2), MAX_KEYS + MAX_KEYS / 2);
  }

  private setMode(mode: LiveMode): void {
    if (mode !== this.currentMode) {
      this.currentMode = mode;
      this.modeEmitter.fire(mode);
    }
  }

  private log(message: string): void {
    this.options.log?.(message);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
