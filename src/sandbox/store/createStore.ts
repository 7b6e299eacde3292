// The sandbox's in-memory workitem store. Workitems live in an array in creation order (createdAt,
// then insertion); bit-set indexes on the fields the tree filters on (with counts per key and per
// block of 1,024 positions) answer counts and pages in microseconds at a million workitems: a query
// becomes one AND of index sets (conjunction.ts) that is counted and paged in a single pass
// (conjunctionPass.ts), and modifiedAt, which every action changes, has a value-ordered index
// (timeIndex.ts) for "what changed since" queries and modifiedAt sorts. An arrival whose createdAt
// is a little older than the newest workitem (its IVR took longer) is inserted at its place: the
// indexes shift the few positions after it, so "newest first" stays a walk down the positions.
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
import { checkPaging, parseSort, type Interval, type SortKey } from '../query';
import { applyAction } from '../stateMachine';
import { andNotInto, fillRange, selectBits, wordsFor, type Bits } from './bitset';
import { conjunctionOf, isSparse, type Conjunction } from './conjunction';
import { countMatches, markMatches, matchingCandidates, pageInPositionOrder } from './conjunctionPass';
import { FieldIndex } from './fieldIndex';
import { pageOfPositions, pagePositions } from './order';
import { PlanCache } from './planCache';
import { ScratchPool } from './scratchPool';
import { TimeIndex } from './timeIndex';
import { pageByTime } from './timeOrder';
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

/**
 * A result this large or larger, ordered by modifiedAt, is paged by walking the modifiedAt index
 * (it stops at the page's end); a smaller one is cheaper to read and sort.
 */
const WALK_TIME_INDEX_FROM = 4096;

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
  private allPositions: Bits | undefined;
  /** Built once the data set is in: inserting a million times one by one would sort as it goes. */
  private modifiedIndex: TimeIndex | undefined;
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
    this.modifiedIndex = new TimeIndex(this.items.length, (position) => this.items[position].modifiedAt);
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
      const conjunction = conjunctionOf(this.plans.get(request.q), this);
      if (rows === 0) {
        return { total: countMatches(conjunction, this), objects: [] };
      }
      const { total, positions } = this.page(conjunction, keys, start, rows);
      return { total, objects: positions.map((position) => this.items[position]) };
    } finally {
      this.scratchPool.recycle();
    }
  }

  private page(conjunction: Conjunction, keys: readonly SortKey[], start: number, rows: number): { total: number; positions: number[] } {
    const first = keys[0];
    if (isSparse(conjunction)) {
      const matches = matchingCandidates(conjunction, this);
      return { total: matches.length, positions: pageOfPositions(matches, keys, start, rows, this) };
    }
    if (first.field.name === 'createdAt' && (this.createdAtStrictlyOrdered || keys.length === 1)) {
      // Positions are in createdAt order: the page is picked in the counting pass itself.
      return pageInPositionOrder(conjunction, this, start, rows, first.direction);
    }
    const matched = this.scratch();
    const total = markMatches(conjunction, this, matched);
    if (start >= total) {
      return { total, positions: [] };
    }
    const times = this.timeIndex(first.field.name);
    if (times && total >= WALK_TIME_INDEX_FROM) {
      return { total, positions: pageByTime(times, matched, keys, start, rows, this) };
    }
    return { total, positions: pagePositions(matched, keys, start, rows, this) };
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
    if (before.modifiedAt !== after.modifiedAt) {
      this.modifiedIndex?.update(position, after.modifiedAt);
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

  everything(): Bits {
    return this.all();
  }

  timeIndex(field: string): TimeIndex | undefined {
    return field === 'modifiedAt' ? this.modifiedIndex : undefined;
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
    this.modifiedIndex?.insertPosition(position, workitem.modifiedAt);
    const slots = this.slots;
    for (let s = 0; s < slots.length; s++) {
      slots[s].index.add(slots[s].read(workitem), position);
    }
    this.allPositions = undefined;
  }

  private all(): Bits {
    this.allPositions ??= fillRange(new Uint32Array(this.words), 0, this.items.length);
    return this.allPositions;
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
