// Assembles a running sandbox: data set, store, journal replay, auth, HTTP server, traffic.
import { z } from 'zod';
import { newTokenSecret, TokenService, DEFAULT_TOKEN_LIFETIME_SECONDS } from '../auth/tokens';
import { DEFAULT_USERS, SandboxUsersSchema, UserDirectory, type SandboxUser } from '../auth/users';
import type { WorkitemStore } from '../contracts';
import { generateDataset, MAX_DATASET_SIZE } from '../data';
import { attachEventsSocket, type EventsSocket } from '../events/eventsSocket';
import { FaultInjector } from '../faults/faultRules';
import { openDataDir } from '../persistence/dataDir';
import { DurableStore, IN_MEMORY_LOG } from '../persistence/durableStore';
import type { Journal } from '../persistence/journal';
import type { JournalEntry } from '../persistence/journalEntry';
import { replayJournal } from '../persistence/replay';
import { createStore } from '../store';
import { TrafficSimulator } from '../traffic/simulator';
import type { TrafficScheduler } from '../traffic/scheduler';
import { MAX_TRAFFIC_SPEED, MIN_TRAFFIC_SPEED, type TrafficTimings } from '../traffic/timings';
import { makeCertificate } from '../network/certificate';
import { startRelay, type NetworkCounters, type Relay } from '../network/networkProfile';
import { listen, LOOPBACK, type ListenerCounters } from './httpListener';
import { RateLimiter } from './rateLimiter';
import { DEFAULT_MAX_BODY_BYTES } from './requestBody';
import { createRequestHandler } from './requestHandler';

export const DEFAULT_SIZE = 5000;
export const DEFAULT_SEED = 1;
export const MAX_SIZE = MAX_DATASET_SIZE;

export const SandboxOptionsSchema = z.object({
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535).default(0),
  size: z.number().int().min(0).max(MAX_SIZE).optional(),
  seed: z.number().int().optional(),
  /** Keeps the journal (and the token secret) here; absent = everything in memory. */
  dataDir: z.string().min(1).optional(),
  traffic: z.boolean().default(false),
  /** Living traffic this many times faster than real life (see scaledTimings). */
  trafficSpeed: z.number().min(MIN_TRAFFIC_SPEED).max(MAX_TRAFFIC_SPEED).default(1),
  tokenLifetimeSeconds: z.number().int().min(1).max(30 * 24 * 3600).default(DEFAULT_TOKEN_LIFETIME_SECONDS),
  allowFaults: z.boolean().default(false),
  users: SandboxUsersSchema.optional(),
  maxBodyBytes: z.number().int().min(1024).default(DEFAULT_MAX_BODY_BYTES),
  /** Listen on this loopback address (another than 127.0.0.1 looks like a remote host to VS Code). */
  host: z.string().regex(/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/).default(LOOPBACK),
  /** HTTPS with a CA made at start (written next to the data directory, or in a temporary folder). */
  tls: z.boolean().default(false),
  /** Network profile: ms added each way, their jitter, and the share of connections dropped or stalled. */
  latencyMs: z.number().min(0).max(10_000).default(0),
  jitterMs: z.number().min(0).max(10_000).default(0),
  dropRate: z.number().min(0).max(1).default(0),
  /** Requests a second allowed per token; absent = no limit. */
  rateLimit: z.number().int().min(1).optional(),
});

export interface SandboxOptions extends z.input<typeof SandboxOptionsSchema> {
  /** The sandbox's clock (Unix ms): tokens, action times and traffic follow it. */
  now?: () => number;
  /** Pace of living traffic when `traffic` is on. */
  trafficTimings?: Partial<TrafficTimings>;
  /** What drives traffic ticks (default: timers); a test may pass one that never fires and call `tick()`. */
  trafficScheduler?: TrafficScheduler;
  /** Unexpected errors (500s, traffic failures); silent by default. */
  log?: (message: string) => void;
}

export interface RunningSandbox {
  url: string;
  port: number;
  store: WorkitemStore;
  seed: number;
  size: number;
  users: SandboxUser[];
  /** Journal entries redone at start (0 without a data directory). */
  replayed: number;
  /** The living-traffic simulator, when traffic is on. */
  traffic: TrafficSimulator | undefined;
  /** With `tls`: the CA's PEM file a client must trust. */
  caPath: string | undefined;
  /** What the server saw (connections, TLS handshakes, requests) and, with a network profile, the relay. */
  counters: ListenerCounters;
  network: NetworkCounters | undefined;
  /** The events socket served at EVENTS_SOCKET_PATH (src/api/live/eventsContract.ts). */
  events: EventsSocket;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const settings = SandboxOptionsSchema.parse(options);
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);

  let journal: Journal | undefined;
  try {
    let meta = { seed: settings.seed ?? DEFAULT_SEED, size: settings.size ?? DEFAULT_SIZE, now: now() };
    let secret = newTokenSecret();
    let replay: JournalEntry[] = [];
    if (settings.dataDir) {
      const opened = await openDataDir(settings.dataDir, {
        seed: settings.seed,
        size: settings.size,
        defaults: meta,
      });
      ({ meta, secret, journal } = opened);
      replay = opened.contents.entries;
    }

    const dataset = generateDataset({ seed: meta.seed, size: meta.size, now: meta.now });
    const contacts = dataset.contacts;
    const store = createStore(dataset);
    replayJournal(store, replay);

    const mutations = new DurableStore(store, journal ?? IN_MEMORY_LOG);
    const users = new UserDirectory(settings.users ?? DEFAULT_USERS);
    const tokens = new TokenService({ secret, lifetimeSeconds: settings.tokenLifetimeSeconds, now });
    const traffic = settings.traffic
      ? new TrafficSimulator({
          store,
          mutations,
          now,
          // Offset by the journal's length so a restarted sandbox does not replay the same arrivals.
          seed: meta.seed + replay.length,
          contacts,
          timings: options.trafficTimings,
          speed: settings.trafficSpeed,
          scheduler: options.trafficScheduler,
          onError: (error) => log(`Traffic simulation failed: ${error instanceof Error ? error.message : String(error)}`),
        })
      : undefined;
    let baseUrl = '';
    const handler = createRequestHandler({
      store,
      mutations,
      users,
      tokens,
      now,
      baseUrl: () => baseUrl,
      maxBodyBytes: settings.maxBodyBytes,
      faults: settings.allowFaults ? new FaultInjector() : undefined,
      traffic,
      rateLimiter: settings.rateLimit === undefined ? undefined : new RateLimiter(settings.rateLimit, now),
      log,
    });
    const certificate = settings.tls ? await makeCertificate(settings.dataDir) : undefined;
    const profiled = settings.latencyMs > 0 || settings.jitterMs > 0 || settings.dropRate > 0;
    const listening = await listen(handler, {
      port: profiled ? 0 : settings.port,
      host: settings.host,
      ...(certificate ? { tls: { key: certificate.key, cert: certificate.cert } } : {}),
    });
    let relay: Relay | undefined;
    if (profiled) {
      try {
        relay = await startRelay({
          profile: { latencyMs: settings.latencyMs, jitterMs: settings.jitterMs, dropRate: settings.dropRate },
          host: settings.host,
          port: settings.port,
          targetHost: settings.host,
          targetPort: listening.port,
        });
      } catch (error) {
        await listening.close();
        throw error;
      }
    }
    const url = relay ? `${settings.tls ? 'https' : 'http'}://${settings.host}:${relay.port}` : listening.url;
    baseUrl = url;
    const events = attachEventsSocket({ server: listening.server, mutations, tokens, now, log });
    traffic?.start();

    let stopping: Promise<void> | undefined;
    const openJournal = journal;
    return {
      url,
      port: relay?.port ?? listening.port,
      store,
      seed: meta.seed,
      size: meta.size,
      users: users.list(),
      replayed: replay.length,
      traffic,
      caPath: certificate?.caPath,
      events,
      counters: listening.counters,
      network: relay?.counters,
      stop() {
        stopping ??= (async () => {
          await traffic?.stop();
          await events.close();
          await relay?.close();
          await listening.close();
          await openJournal?.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await journal?.close();
    throw error;
  }
}
