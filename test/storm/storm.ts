// Fires actions and searches at the sandbox from many workers at once, and records what came
// back: each acknowledged action (with the workitem it answered), each refusal, each request whose
// outcome never came. Searches read while the actions land; every workitem they return must
// already be consistent on its own.
import type { NcxClient } from '../../src/api/client';
import { isNcxError } from '../../src/api/errors';
import type { Workitem } from '../../src/api/schemas';
import type { Random } from './random';

export type StormAction = 'hold' | 'unhold' | 'hangup' | 'transfer';

export interface Acknowledged {
  workitemId: string;
  action: StormAction;
  /** For a transfer: the queue it went to. */
  queueId?: string;
  /** The workitem the server answered with (not for a transfer, which answers `{}`). */
  answer?: Workitem;
}

export interface StormRecord {
  sent: number;
  acknowledged: Acknowledged[];
  /** Answered 409: the state did not allow the action (any more). */
  refused: number;
  /** Requests in flight when the sandbox was killed, per workitem. */
  unknown: Map<string, number>;
  searches: number;
  /** Failures that should not happen: anything but a 409 while the sandbox runs, bad search pages. */
  unexpected: string[];
  /** Requests in flight at the moment `interrupt` ran. */
  inFlightAtInterrupt: number;
}

export interface StormPlan {
  clients: readonly NcxClient[];
  targets: readonly string[];
  queues: readonly string[];
  random: Random;
  maxActions: number;
  maxMs: number;
  concurrency: number;
  checkWorkitem: (workitem: Workitem) => string[];
  /** When it returns true, `interrupt` runs once and no further request is sent. */
  interruptWhen?: (record: StormRecord, elapsedMs: number) => boolean;
  interrupt?: () => void;
}

/** Mostly hold / unhold, which toggle; transfers and hang-ups take a target out of that game. */
const ACTIONS: ReadonlyArray<readonly [StormAction, number]> = [
  ['hold', 47],
  ['unhold', 47],
  ['transfer', 4],
  ['hangup', 2],
];
const QUERIES = [
  'state:active',
  'state:hold AND channelType:voice',
  'priority:>=3 AND NOT state:dispositioned',
  'channelType:chat OR channelType:sms',
  'state:inqueue',
  '',
];
const SORTS = [undefined, 'createdAt desc', 'priority desc,createdAt asc', 'modifiedAt desc'];
const SEARCH_SHARE = 0.2;

export async function runStorm(plan: StormPlan): Promise<StormRecord> {
  const record: StormRecord = { sent: 0, acknowledged: [], refused: 0, unknown: new Map(), searches: 0, unexpected: [], inFlightAtInterrupt: 0 };
  const { random } = plan;
  const started = performance.now();
  let interrupted = false;
  let inFlight = 0;

  const stopped = (): boolean => {
    if (interrupted) {
      return true;
    }
    if (plan.interruptWhen?.(record, performance.now() - started)) {
      interrupted = true;
      record.inFlightAtInterrupt = inFlight;
      plan.interrupt?.();
      return true;
    }
    return record.sent >= plan.maxActions || performance.now() - started > plan.maxMs;
  };

  const failed = (what: string, workitemId: string | undefined, error: unknown): void => {
    if (interrupted) {
      if (workitemId !== undefined) {
        record.unknown.set(workitemId, (record.unknown.get(workitemId) ?? 0) + 1);
      }
      return;
    }
    record.unexpected.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  };

  async function act(): Promise<void> {
    const client = random.pick(plan.clients);
    const workitemId = random.pick(plan.targets);
    const action = random.weighted(ACTIONS);
    const queueId = random.pick(plan.queues);
    record.sent += 1;
    try {
      if (action === 'transfer') {
        await client.act('transfer', workitemId, { queueId: queueId });
        record.acknowledged.push({ workitemId, action, queueId });
      } else {
        const call = action === 'hold' ? client.act('hold', workitemId, {}) : action === 'unhold' ? client.act('unhold', workitemId, {}) : client.act('hangup', workitemId, {});
        const answer = await call;
        if (answer === undefined) throw new Error(`${action} answered no workitem`);
        record.acknowledged.push({ workitemId, action, answer });
        record.unexpected.push(...plan.checkWorkitem(answer).map((violation) => `answer to ${action}: ${violation}`));
      }
    } catch (error) {
      if (isNcxError(error) && error.kind === 'conflict' && error.details.status === 409) {
        record.refused += 1;
      } else {
        failed(`${action} ${workitemId}`, workitemId, error);
      }
    }
  }

  async function search(): Promise<void> {
    const client = random.pick(plan.clients);
    const q = random.pick(QUERIES);
    const rows = random.below(60);
    const sort = random.pick(SORTS);
    record.searches += 1;
    try {
      const page = await client.search({ q, rows, start: random.below(200), ...(sort ? { sort } : {}) });
      if (page.items.length > rows || page.issues.length > 0 || page.count !== page.items.length) {
        record.unexpected.push(`search ${q} rows=${rows}: ${page.items.length} items, ${page.issues.length} issues, count ${page.count}`);
      }
      for (const workitem of page.items) {
        record.unexpected.push(...plan.checkWorkitem(workitem).map((violation) => `search ${q}: ${violation}`));
      }
    } catch (error) {
      failed(`search ${q}`, undefined, error);
    }
  }

  async function worker(): Promise<void> {
    while (!stopped()) {
      inFlight += 1;
      try {
        await (random.next() < SEARCH_SHARE ? search() : act());
      } finally {
        inFlight -= 1;
      }
    }
  }

  await Promise.all(Array.from({ length: plan.concurrency }, () => worker()));
  return record;
}
