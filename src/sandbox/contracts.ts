// The seams inside the sandbox: the data set and store on one side, the HTTP server, auth,
// persistence and traffic simulator on the other. Neither side imports vscode.
import type { Contact, Queue, Workitem } from '../api/schemas';

/** Everything that can happen to a workitem in the sandbox: the API actions and the lifecycle. */
export const SANDBOX_ACTIONS = [
  'offer',
  'accept',
  'answer',
  'hold',
  'unhold',
  'conference',
  'hangup',
  'transfer',
  'disposition',
  'mute',
  'unmute',
  'dtmf',
  'priority',
  'userTransfer',
] as const;
export type SandboxAction = (typeof SANDBOX_ACTIONS)[number];

export interface ActionContext {
  /** Unix ms of the action; injected so that replays and tests are deterministic. */
  now: number;
  /** Who acted (user name of the token, or the simulated agent). */
  userId: string;
  /** For `transfer`: the target queue. */
  queueId?: string;
  /** For `offer` / `accept` / `userTransfer`: the agent the workitem goes to. */
  agentUsername?: string;
  /** For `disposition`. */
  dispositionId?: string;
  /** For `priority`: 1 to 5. */
  priority?: number;
  /** For `dtmf`: one of 0-9 * #. */
  digit?: string;
}

export interface SearchRequest {
  q?: string;
  rows: number;
  start: number;
  sort?: string;
}

export interface SearchResult {
  total: number;
  objects: Workitem[];
}

/** Sandbox presence values; NCX documents none, so these are ours (see the README). */
export const PRESENCES = ['available', 'busy', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCES)[number];

export interface Agent {
  username: string;
  firstName: string;
  lastName: string;
  queues: string[];
  presence: Presence;
}

export interface Dataset {
  workitems: Workitem[];
  queues: Queue[];
  agents: Agent[];
  contacts: Contact[];
}

export interface DatasetOptions {
  /** PRNG seed: the same seed and size give the same data set, byte for byte. */
  seed: number;
  /** Number of workitems, 0 to 1,000,000. */
  size: number;
  /** The data set's "present": every timestamp lies before it. */
  now: number;
}

/** Thrown for a `q` the parser cannot read; answered as 400. */
export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    /** 0-based character offset in the query, when known. */
    readonly position?: number,
  ) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}

/** Thrown for an action the workitem's state or channel does not allow; answered as 409. */
export class IllegalActionError extends Error {
  constructor(
    message: string,
    readonly workitemId: string,
    readonly state: string,
    readonly action: string,
  ) {
    super(message);
    this.name = 'IllegalActionError';
  }
}

export class WorkitemNotFoundError extends Error {
  constructor(readonly workitemId: string) {
    super(`Workitem ${workitemId} does not exist`);
    this.name = 'WorkitemNotFoundError';
  }
}

/** A bad request parameter other than the query (rows out of range, unknown sort field...): 400. */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequestError';
  }
}

export interface WorkitemStore {
  readonly size: number;
  /** Throws QuerySyntaxError or BadRequestError. */
  search(request: SearchRequest): SearchResult;
  get(workitemId: string): Workitem | undefined;
  /** Applies one action through the state machine. Throws WorkitemNotFoundError or IllegalActionError. */
  apply(workitemId: string, action: SandboxAction, context: ActionContext): Workitem;
  /** Adds a new workitem (living traffic); its id must be new. */
  insert(workitem: Workitem): void;
  queues(): Queue[];
  agents(): Agent[];
  /** Ids of workitems not yet dispositioned, for the traffic simulator. */
  liveIds(): string[];
}

/**
 * Fault injection, so tests can make the sandbox misbehave over real HTTP.
 * `PUT /__sandbox/faults` with `{ rules: FaultRule[] }` replaces the rules, `DELETE` clears them.
 * Only served when the sandbox was started with faults allowed (tests, `--allow-faults`).
 * The first rule whose `match` fits a request is used and its `times` counts down.
 */
export interface FaultRule {
  match?: { method?: string; pathPrefix?: string };
  /** How many requests the rule applies to; unlimited when absent. */
  times?: number;
  /** Wait before answering (or before the fault). */
  delayMs?: number;
  /** Answer with this status and body instead of the real answer. */
  status?: number;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** `reset`: destroy the socket; `hang`: send headers then nothing; `truncate`: real answer cut in half. */
  mode?: 'reset' | 'hang' | 'truncate';
}
