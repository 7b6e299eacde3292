// Living traffic: workitems arrive, are offered to free agents, accepted, answered, sometimes held
// or transferred, hung up and dispositioned. Every change goes through the durable store, so the
// journal records simulated traffic exactly like API actions.
import type { Contact, Workitem } from '../../api/schemas';
import type { ActionContext, SandboxAction, WorkitemStore } from '../contracts';
import { IllegalActionError, WorkitemNotFoundError } from '../contracts';
import type { DurableStore } from '../persistence/durableStore';
import { ACD_USER, DISPOSITION_IDS, createArrival, createRng, type Rng } from '../data';
import { planNextStep } from './nextStep';
import { timerScheduler, type TrafficScheduler } from './scheduler';
import { DEMO_TIMINGS, scaledTimings, type TrafficTimings } from './timings';

/** States in which a workitem keeps its agent busy. */
const AGENT_BUSY_STATES = new Set(['offered', 'accepted', 'active', 'hold', 'conference']);

export interface TrafficOptions {
  store: WorkitemStore;
  mutations: DurableStore;
  now: () => number;
  seed?: number;
  /** Who may call in; without contacts nobody arrives (an empty data set). */
  contacts?: readonly Contact[];
  dispositionIds?: readonly string[];
  timings?: Partial<TrafficTimings>;
  /** How many times faster than `timings` life goes (default 1); see scaledTimings. */
  speed?: number;
  scheduler?: TrafficScheduler;
  /** Failures other than a refused step (which is expected now and then) go here. */
  onError?: (error: unknown) => void;
}

export interface TrafficStep {
  workitemId: string;
  action: SandboxAction;
  from: string;
  to: string;
}

export interface TickReport {
  arrived: string[];
  steps: TrafficStep[];
  /** Steps the state machine refused (e.g. a hold on a channel that cannot hold). */
  refused: number;
}

export class TrafficSimulator {
  private readonly timings: TrafficTimings;
  private readonly random: Rng;
  private readonly dispositionIds: readonly string[];
  private nextArrivalAt: number | undefined;
  private nextIdNumber: number;
  private cancelTimer: (() => void) | undefined;
  private currentTick: Promise<unknown> = Promise.resolve();
  private ticking = false;

  constructor(private readonly options: TrafficOptions) {
    this.timings = scaledTimings({ ...DEMO_TIMINGS, ...options.timings }, options.speed ?? 1);
    this.random = createRng(options.seed ?? 1);
    this.dispositionIds = options.dispositionIds?.length ? options.dispositionIds : Object.values(DISPOSITION_IDS);
    this.nextIdNumber = options.store.size + 1;
  }

  /** Whether ticks are scheduled (between `start` and `stop`). */
  get running(): boolean {
    return this.cancelTimer !== undefined;
  }

  /** Runs `tick` on the scheduler until `stop`. A tick still running makes the next one skip. */
  start(): void {
    if (this.cancelTimer) {
      return;
    }
    const scheduler = this.options.scheduler ?? timerScheduler;
    this.cancelTimer = scheduler.every(this.timings.tickMs, () => {
      if (this.ticking) {
        return;
      }
      this.currentTick = this.tick().catch((error: unknown) => this.options.onError?.(error));
    });
  }

  async stop(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    await this.currentTick;
  }

  /** One step of simulated time at `now()`: arrivals first, then due lifecycle steps. */
  async tick(): Promise<TickReport> {
    this.ticking = true;
    try {
      const now = this.options.now();
      const pending: Promise<void>[] = [];
      const arrived = this.arrivals(now, pending);
      const { steps, refused } = this.lifecycleSteps(now, pending);
      // All mutations of the tick were queued at once, so the journal syncs them in one batch.
      await Promise.all(pending);
      return { arrived, steps, refused };
    } finally {
      this.ticking = false;
    }
  }

  private arrivals(now: number, pending: Promise<void>[]): string[] {
    this.nextArrivalAt ??= now;
    const arrived: string[] = [];
    const contacts = this.options.contacts ?? [];
    while (contacts.length > 0 && this.nextArrivalAt <= now) {
      const workitem = createArrival(this.random, {
        now,
        sequence: this.freshSequence(),
        contacts,
      });
      pending.push(this.options.mutations.insertNow(workitem).durable);
      arrived.push(workitem.workitemId);
      if (arrived.length >= this.timings.maxArrivalsPerTick) {
        // After a long pause (a suspended laptop) do not flood the queues: restart the rhythm.
        this.nextArrivalAt = now;
      }
      // Exponential gaps: arrivals of independent customers.
      this.nextArrivalAt += Math.max(this.timings.minArrivalGapMs, Math.round(-Math.log(1 - this.random.next()) * this.timings.meanArrivalGapMs));
    }
    return arrived;
  }

  private lifecycleSteps(now: number, pending: Promise<void>[]): { steps: TrafficStep[]; refused: number } {
    const { store } = this.options;
    const live: Workitem[] = [];
    for (const id of store.liveIds()) {
      const workitem = store.get(id);
      if (workitem) live.push(workitem);
    }
    const busyAgents = new Set(
      live.filter((w) => AGENT_BUSY_STATES.has(w.state) && w.agentUsername).map((w) => w.agentUsername as string),
    );
    const due = live
      .map((workitem) => ({ workitem, plan: planNextStep(workitem, this.timings) }))
      .filter((entry) => entry.plan !== undefined && entry.plan.dueAt <= now);
    this.shuffle(due);

    const steps: TrafficStep[] = [];
    let refused = 0;
    for (const { workitem, plan } of due) {
      if (steps.length >= this.timings.maxStepsPerTick || !plan) {
        break;
      }
      const context = this.contextFor(workitem, plan.action, now, busyAgents);
      if (!context) {
        continue;
      }
      const from = workitem.state;
      try {
        const { result, durable } = this.options.mutations.applyNow(workitem.workitemId, plan.action, context);
        pending.push(durable);
        steps.push({ workitemId: workitem.workitemId, action: plan.action, from, to: result.state });
        if (plan.action === 'offer' && context.agentUsername) {
          busyAgents.add(context.agentUsername);
        }
      } catch (error) {
        if (error instanceof IllegalActionError || error instanceof WorkitemNotFoundError) {
          refused += 1;
        } else {
          throw error;
        }
      }
    }
    return { steps, refused };
  }

  private contextFor(
    workitem: Workitem,
    action: SandboxAction,
    now: number,
    busyAgents: ReadonlySet<string>,
  ): ActionContext | undefined {
    const agent = workitem.agentUsername ?? ACD_USER;
    switch (action) {
      case 'offer': {
        const free = this.options.store.agents().filter((candidate) => !busyAgents.has(candidate.username));
        const inQueue = free.filter((candidate) => workitem.selectedQueue !== undefined && candidate.queues.includes(workitem.selectedQueue));
        const chosen = inQueue.length > 0 ? this.random.pick(inQueue) : undefined;
        // No free agent in the queue: the customer keeps waiting, as they would.
        return chosen ? { now, userId: ACD_USER, agentUsername: chosen.username } : undefined;
      }
      case 'accept':
        return { now, userId: agent, ...(workitem.agentUsername ? { agentUsername: workitem.agentUsername } : {}) };
      case 'transfer': {
        const others = this.options.store.queues().filter((queue) => queue._id !== workitem.selectedQueue);
        return others.length > 0 ? { now, userId: agent, queueId: this.random.pick(others)._id } : undefined;
      }
      case 'disposition':
        return { now, userId: agent, dispositionId: this.random.pick(this.dispositionIds) };
      default:
        return { now, userId: agent };
    }
  }

  /** The next free n of `wi_<n>` (ids past the data set's are taken only by earlier arrivals). */
  private freshSequence(): number {
    while (this.options.store.get(`wi_${this.nextIdNumber}`)) {
      this.nextIdNumber += 1;
    }
    this.nextIdNumber += 1;
    return this.nextIdNumber - 1;
  }

  private shuffle<T>(items: T[]): void {
    for (let index = items.length - 1; index > 0; index -= 1) {
      const other = Math.floor(this.random.next() * (index + 1));
      [items[index], items[other]] = [items[other] as T, items[index] as T];
    }
  }
}
