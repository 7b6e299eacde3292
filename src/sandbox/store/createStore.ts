// The sandbox's in-memory workitem store. Workitems live in an array in creation order (createdAt,
// then insertion); bit-set indexes on the fields the tree filters on answer counts and pages in well
// under a millisecond at a million workitems. An arrival whose createdAt is a little older than the
// newest workitem (its IVR took longer) is inserted at its place: the indexes shift the few
// positions after it, so "newest first" stays a walk down the positions.
//
// Workitems handed out (search, get, apply) are the stored objects themselves and are shared
// (their `contact` and `actions` too): callers must not mutate them, nor a workitem after handing
// it to `insert`. `apply` never changes a stored workitem either; it stores the new one the state
// machine returns.
import type { Queue, Workitem } from '../../api/schemas';
import { WorkitemSchema } from '../../api/schemas';
import {
  BadRequestError,
  WorkitemNotFoundError,
  type ActionContext,
  type Agent,
  type Dataset,
  type SandboxAction,
  type SearchRequest,
  type SearchResult,
  type WorkitemStore,
} from '../contracts';
import { checkPaging, parseSort, type Interval } from '../query';
import { applyAction } from '../stateMachine';
import { andNotInto, countBits, fillRange, selectBits, wordsFor, type Bits } from './bitset';
import { evaluate } from './evaluate';
import { FieldIndex } from './fieldIndex';
import { pagePositions } from './order';
import { PlanCache } from './planCache';
import { ScratchPool } from './scratchPool';
import type { IndexedView } from './view';

/** Fields with a bit-set index: what the tree groups and filters by. */
export const INDEXED_FIELDS = ['state', 'channelType', 'type', 'selectedQueue', 'agentUsername', 'priority'] as const;
type IndexedField = (typeof INDEXED_FIELDS)[number];

// Static reads: indexing a million workitems through `workitem[field]` is measurably slower.
const READ_INDEXED: Readonly<Record<IndexedField, (workitem: Workitem) => unknown>> = {
  state: (w) => w.state,
  channelType: (w) => w.channelType,
  type: (w) => w.type,
  selectedQueue: (w) => w.selectedQueue,
  agentUsername: (w) => w.agentUsername,
  priority: (w) => w.priority,
};

interface IndexSlot {
  index: FieldIndex;
  read: (workitem: Workitem) => unknown;
}

export function createStore(dataset: Dataset): WorkitemStore {
  return new IndexedStore(dataset);
}

class IndexedStore implements WorkitemStore, IndexedView {
  private readonly items: Workitem[] = [];
  private readonly positions = new Map<string, number>();
  private readonly indexes = new Map<string, FieldIndex>();
  private readonly slots: IndexSlot[] = [];
  private readonly queueList: Queue[];
  private readonly queueIds: Set<string>;
  private readonly agentList: Agent[];
  private capacityWords: number;
  private everything: Bits | undefined;
  private readonly plans = new PlanCache();
  private readonly scratchPool = new ScratchPool();
  createdAtStrictlyOrdered = true;

  constructor(dataset: Dataset) {
    this.queueList = [...dataset.queues];
    this.queueIds = new Set(dataset.queues.map((queue) => queue._id));
    this.agentList = [...dataset.agents];
    this.capacityWords = Math.max(64, wordsFor(dataset.workitems.length) * 2);
    for (const field of INDEXED_FIELDS) {
      const index = new FieldIndex(field, this.capacityWords);
      this.indexes.set(field, index);
      this.slots.push({ index, read: READ_INDEXED[field] });
    }
    for (const workitem of inCreationOrder(dataset.workitems)) {
      this.add(workitem);
    }
  }

  get size(): number {
    return this.items.length;
  }

  get words(): number {
    return wordsFor(this.items.length);
  }

  search(request: SearchRequest): SearchResult {
    const { rows, start } = checkPaging(request.rows, request.start);
    const keys = parseSort(request.sort);
    try {
      const matched = evaluate(this.plans.get(request.q), this.all(), this);
      const total = countBits(matched);
      const objects = rows === 0 || start >= total ? [] : pagePositions(matched, keys, start, rows, this).map((p) => this.items[p]);
      return { total, objects };
    } finally {
      this.scratchPool.recycle();
    }
  }

  get(workitemId: string): Workitem | undefined {
    const position = this.positions.get(workitemId);
    return position === undefined ? undefined : this.items[position];
  }

  apply(workitemId: string, action: SandboxAction, context: ActionContext): Workitem {
    const position = this.positions.get(workitemId);
    if (position === undefined) {
      throw new WorkitemNotFoundError(workitemId);
    }
    if (action === 'transfer' && context.queueId !== undefined && !this.queueIds.has(context.queueId)) {
      throw new BadRequestError(`Queue ${context.queueId} does not exist`);
    }
    const before = this.items[position];
    const after = applyAction(before, action, context);
    for (const { index, read } of this.slots) {
      const old = read(before);
      const next = read(after);
      if (old !== next) {
        index.remove(old, position);
        index.add(next, position);
      }
    }
    this.items[position] = after;
    return after;
  }

  insert(workitem: Workitem): void {
    const parsed = WorkitemSchema.safeParse(workitem);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BadRequestError(`Not a workitem: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    if (this.positions.has(workitem.workitemId)) {
      throw new BadRequestError(`Workitem ${workitem.workitemId} already exists`);
    }
    this.add(workitem);
  }

  queues(): Queue[] {
    return [...this.queueList];
  }

  agents(): Agent[] {
    return [...this.agentList];
  }

  liveIds(): string[] {
    const live = this.all().slice();
    const dispositioned = this.indexes.get('state')?.get('dispositioned');
    if (dispositioned) {
      andNotInto(live, dispositioned);
    }
    return selectBits(live, 0, this.items.length, 1).map((position) => this.items[position].workitemId);
  }

  // IndexedView

  scratch(): Bits {
    return this.scratchPool.take(this.words);
  }

  item(position: number): Workitem {
    return this.items[position];
  }

  index(field: string): FieldIndex | undefined {
    return this.indexes.get(field);
  }

  positionOf(workitemId: string): number | undefined {
    return this.positions.get(workitemId);
  }

  createdAtSpan(interval: Interval): [number, number] {
    const { min, max, minInclusive, maxInclusive } = interval;
    const from = this.firstPosition((createdAt) => (minInclusive ? createdAt >= min : createdAt > min));
    const to = this.firstPosition((createdAt) => (maxInclusive ? createdAt > max : createdAt >= max));
    return [from, Math.max(from, to)];
  }

  private firstPosition(isPast: (createdAt: number) => boolean): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (isPast(this.items[middle].createdAt)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  private add(workitem: Workitem): void {
    // After every workitem created at the same time or earlier: ties keep insertion order. Most
    // workitems come in creation order, and the binary search's random reads cost a second at 1M.
    const newest = this.items[this.items.length - 1];
    const position =
      newest === undefined || workitem.createdAt >= newest.createdAt
        ? this.items.length
        : this.firstPosition((createdAt) => createdAt > workitem.createdAt);
    if (
      this.items[position - 1]?.createdAt === workitem.createdAt ||
      this.items[position]?.createdAt === workitem.createdAt
    ) {
      this.createdAtStrictlyOrdered = false;
    }
    if (wordsFor(this.items.length + 1) > this.capacityWords) {
      this.capacityWords *= 2;
      for (const index of this.indexes.values()) {
        index.grow(this.capacityWords);
      }
    }
    if (position === this.items.length) {
      this.items.push(workitem);
    } else {
      this.items.splice(position, 0, workitem);
      const usedWords = wordsFor(this.items.length);
      for (const index of this.indexes.values()) {
        index.openGap(position, usedWords);
      }
      // Arrivals land among the last few positions; an insert deep in the history is rare and slow.
      for (let moved = position + 1; moved < this.items.length; moved++) {
        this.positions.set(this.items[moved].workitemId, moved);
      }
    }
    this.positions.set(workitem.workitemId, position);
    const slots = this.slots;
    for (let s = 0; s < slots.length; s++) {
      slots[s].index.add(slots[s].read(workitem), position);
    }
    this.everything = undefined;
  }

  private all(): Bits {
    this.everything ??= fillRange(new Uint32Array(this.words), 0, this.items.length);
    return this.everything;
  }
}

function inCreationOrder(workitems: readonly Workitem[]): readonly Workitem[] {
  for (let i = 1; i < workitems.length; i++) {
    if (workitems[i].createdAt < workitems[i - 1].createdAt) {
      // Array.prototype.sort is stable: equal createdAt keep the data set's order.
      return [...workitems].sort((a, b) => a.createdAt - b.createdAt);
    }
  }
  return workitems;
}
