// The one way to change the store: apply the mutation, then record it in the journal and wait
// until it is durable. The HTTP server and the traffic simulator both go through here, so the
// journal sees every mutation in the order the store did.
import type { Workitem } from '../../api/schemas';
import type { ActionContext, SandboxAction, WorkitemStore } from '../contracts';
import type { JournalEntry } from './journalEntry';

/** One change as the events socket announces it, once it is durable (see src/sandbox/events). */
export interface StoreChange {
  /** The action applied, or `arrive` for a new workitem. */
  action: SandboxAction | 'arrive';
  /** The state before; absent for an arrival. */
  oldState: string | undefined;
  /** The workitem right after the change (a copy nobody else changes). */
  workitem: Workitem;
}

export type StoreChangeListener = (change: StoreChange) => void;

export interface MutationLog {
  /** Resolves once the entry is durable; must capture the entry synchronously. */
  append(entry: JournalEntry): Promise<void>;
}

/** For a sandbox without a data directory: nothing to persist. */
export const IN_MEMORY_LOG: MutationLog = { append: () => Promise.resolve() };

function plainContext(context: ActionContext): ActionContext {
  const copy: ActionContext = { now: context.now, userId: context.userId };
  if (context.queueId !== undefined) copy.queueId = context.queueId;
  if (context.agentUsername !== undefined) copy.agentUsername = context.agentUsername;
  if (context.dispositionId !== undefined) copy.dispositionId = context.dispositionId;
  if (context.priority !== undefined) copy.priority = context.priority;
  if (context.digit !== undefined) copy.digit = context.digit;
  return copy;
}

export interface Mutation<T> {
  /** The result, as it was right after the mutation. */
  result: T;
  /** Resolves once the mutation is in the journal. */
  durable: Promise<void>;
}

export class DurableStore {
  private readonly listeners = new Set<StoreChangeListener>();

  constructor(
    readonly store: WorkitemStore,
    private readonly log: MutationLog,
  ) {}

  /**
   * Applies an action and queues its journal entry. Throws the store's errors synchronously,
   * before anything is recorded, so a caller can tell a refused action from a failed write.
   */
  applyNow(workitemId: string, action: SandboxAction, context: ActionContext): Mutation<Workitem> {
    const oldState = this.store.get(workitemId)?.state;
    // Copied at once: while the journal syncs, later mutations must not change this answer.
    const result = structuredClone(this.store.apply(workitemId, action, context));
    const durable = this.log.append({ kind: 'apply', workitemId, action, context: plainContext(context) });
    this.announceWhenDurable(durable, { action, oldState, workitem: result });
    return { result, durable };
  }

  /** Resolves with the updated workitem once the action is durable. */
  async apply(workitemId: string, action: SandboxAction, context: ActionContext): Promise<Workitem> {
    const { result, durable } = this.applyNow(workitemId, action, context);
    await durable;
    return result;
  }

  insertNow(workitem: Workitem): Mutation<undefined> {
    // The journal keeps the workitem as given, whatever the store later does to its copy.
    const recorded = structuredClone(workitem);
    this.store.insert(workitem);
    const durable = this.log.append({ kind: 'insert', workitem: recorded });
    this.announceWhenDurable(durable, { action: 'arrive', oldState: undefined, workitem: recorded });
    return { result: undefined, durable };
  }

  async insert(workitem: Workitem): Promise<void> {
    await this.insertNow(workitem).durable;
  }

  /** Calls `listener` with every change, in the store's order, once it is in the journal. */
  onChange(listener: StoreChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private announceWhenDurable(durable: Promise<void>, change: StoreChange): void {
    if (this.listeners.size === 0) {
      return;
    }
    // Announced only once durable: a change the journal lost in a crash was never announced.
    // Journal appends settle in order, so announcements keep the store's order.
    durable.then(
      () => {
        for (const listener of this.listeners) {
          listener(change);
        }
      },
      () => undefined,
    );
  }
}
