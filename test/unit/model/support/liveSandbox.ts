// The real sandbox (in-process, loopback, a small data set) with living traffic the test drives by
// hand: its clock only moves when the test says so and a traffic tick runs only when asked, so
// every change the tree model must follow is known and reproducible. The client is the real one,
// signed in as the admin, with every HTTP request counted.
import { signIn } from '../../../../src/api/auth';
import { NcxClient } from '../../../../src/api/client';
import type { RequestLogEntry } from '../../../../src/api/http';
import { z } from 'zod';
import { request } from '../../../../src/api/http';
import type { Workitem } from '../../../../src/api/schemas';
import type { WorkitemsApi } from '../../../../src/api/workitemsApi';
import { createArrival, createRng } from '../../../../src/sandbox/data';
import type { FaultRule } from '../../../../src/sandbox/contracts';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox/server/startSandbox';

const FAULTS_PATH = '/__sandbox/faults';
/** 2026-03-02 09:00 UTC, a Monday morning. */
const SANDBOX_EPOCH = 1_772_442_000_000;
const FaultListSchema = z.object({ rules: z.array(z.unknown()) });

export interface LiveSandbox {
  readonly sandbox: RunningSandbox;
  readonly api: WorkitemsApi;
  /** Every HTTP request the client sent, in order. */
  readonly requests: RequestLogEntry[];
  /** The sandbox's clock (Unix ms). */
  now(): number;
  advance(ms: number): void;
  /** Moves the clock and lets traffic run one tick (arrivals and due lifecycle steps). */
  tick(ms?: number): Promise<void>;
  /** Live workitems in a state, straight from the store (no request counted). */
  inState(state: string, channelType?: string): Workitem[];
  /** A new workitem as traffic would make it arrive now (not stored); `change` edits it first. */
  arrival(change?: (workitem: Workitem) => Workitem): Workitem;
  /** Stores a workitem behind the API's back, as another writer would. */
  insert(workitem: Workitem): void;
  setFaults(rules: FaultRule[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startLiveSandbox(options: { size?: number; seed?: number; maxStepsPerTick?: number; allowFaults?: boolean } = {}): Promise<LiveSandbox> {
  // A fixed start makes traffic the same in every run (its decisions hash the times); whole
  // seconds, so a tick and an action share a millisecond only when a test wants them to.
  let clock = SANDBOX_EPOCH;
  const sandbox = await startSandbox({
    port: 0,
    size: options.size ?? 1500,
    seed: options.seed ?? 5,
    traffic: true,
    allowFaults: options.allowFaults ?? false,
    now: () => clock,
    trafficScheduler: { every: () => () => undefined },
    trafficTimings: { maxStepsPerTick: options.maxStepsPerTick ?? 6, meanArrivalGapMs: 2500 },
  });
  const requests: RequestLogEntry[] = [];
  const grant = await signIn({ loginUrl: sandbox.url, username: 'admin', password: 'admin-password' });
  const api = new NcxClient({ location: grant.location, token: () => grant.token, retries: 0, onRequest: (entry) => requests.push(entry) });
  const traffic = sandbox.traffic;
  const random = createRng(99);
  const contact = sandbox.store.get('wi_1')?.contact;
  let sequence = 900_000;
  if (traffic === undefined) {
    throw new Error('the sandbox was started without traffic');
  }
  return {
    sandbox,
    api,
    requests,
    now: () => clock,
    advance: (ms) => {
      clock += ms;
    },
    tick: async (ms = 1500) => {
      clock += ms;
      await traffic.tick();
    },
    inState: (state, channelType) =>
      sandbox.store
        .liveIds()
        .map((id) => sandbox.store.get(id))
        .filter((workitem): workitem is Workitem => workitem !== undefined && workitem.state === state && (channelType === undefined || workitem.channelType === channelType)),
    arrival: (change = (workitem) => workitem) => change(createArrival(random, { now: clock, sequence: sequence++, contacts: contact ? [contact] : [] })),
    insert: (workitem) => sandbox.store.insert(workitem),
    setFaults: async (rules) => {
      await request({ baseUrl: sandbox.url, retries: 0 }, { method: 'PUT', path: FAULTS_PATH, body: { rules }, expected: 'fault rules', answer: FaultListSchema });
    },
    stop: () => sandbox.stop(),
  };
}
