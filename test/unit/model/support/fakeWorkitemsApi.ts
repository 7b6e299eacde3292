// An in-memory WorkitemsApi for the model's tests: it really filters, sorts (createdAt desc),
// pages, counts and validates (like the client: one bad workitem is reported, not thrown), and
// records every call, so tests can count requests. Failures and pauses can be injected.
import type { TranscriptObject } from '../../../../src/api/transcriptContract';
import type { Recording } from '../../../../src/api/workitemsApi';
import { actionRequests, actionSpec, type ActionInput } from '../../../../src/api/actions/catalog';
import type { WorkitemAction } from '../../../../src/api/domain';
import { NcxError } from '../../../../src/api/errors';
import {
  WorkitemSchema,
  type Campaign,
  type Disposition,
  type Queue,
  type User,
  type Workitem,
} from '../../../../src/api/schemas';
import type { RequestOptions, SearchPage, SearchParams, ValidationIssue, WorkitemsApi } from '../../../../src/api/workitemsApi';
import { TRANSITIONS } from '../../../../src/sandbox/stateMachine';
import { compileQuery, type FieldReader } from './fakeQuery';

/** Where the fake's workitems live: plain objects, or columns for a million synthetic ones. */
export interface FakeStore {
  readonly size: number;
  readonly read: FieldReader;
  /** The record as the server would send it (may be invalid on purpose). */
  raw(index: number): unknown;
  /** Indexes sorted by createdAt, newest first. */
  newestFirst(): readonly number[];
  indexOf(workitemId: string): number | undefined;
}

export class ObjectStore implements FakeStore {
  private readonly records: Array<Record<string, unknown>>;
  private order: number[] | undefined;

  constructor(records: ReadonlyArray<object>) {
    this.records = records.map((record) => structuredClone(record) as Record<string, unknown>);
  }

  get size(): number {
    return this.records.length;
  }

  readonly read: FieldReader = (index, field) => this.records[index][field];

  raw(index: number): unknown {
    return structuredClone(this.records[index]);
  }

  newestFirst(): readonly number[] {
    this.order ??= this.records
      .map((_, index) => index)
      .sort((a, b) => Number(this.records[b].createdAt ?? 0) - Number(this.records[a].createdAt ?? 0));
    return this.order;
  }

  indexOf(workitemId: string): number | undefined {
    const index = this.records.findIndex((record) => record.workitemId === workitemId);
    return index < 0 ? undefined : index;
  }

  /** Changes a workitem in place, as live traffic would. */
  update(workitemId: string, patch: Record<string, unknown>): void {
    const index = this.indexOf(workitemId);
    if (index === undefined) {
      throw new Error(`no workitem ${workitemId}`);
    }
    Object.assign(this.records[index], patch);
    this.order = undefined;
  }

  add(record: object): void {
    this.records.push(structuredClone(record) as Record<string, unknown>);
    this.order = undefined;
  }
}

export interface FakeCall {
  /** `feed`: a search sorted by anything but `createdAt desc` (the model's change-feed requests). */
  readonly method: 'search' | 'feed' | 'count' | 'fetchWorkitem' | 'action' | 'listQueues';
  readonly q?: string;
  readonly start?: number;
  readonly rows?: number;
  readonly id?: string;
}

export interface FailureRule {
  method?: FakeCall['method'];
  /** Fails only requests whose q satisfies this. */
  when?: (call: FakeCall) => boolean;
  /** Usually an NcxError; any Error stands for a bug in the client. */
  error: Error;
  /** Unlimited when absent. */
  times?: number;
}

export class FakeWorkitemsApi implements WorkitemsApi {
  readonly calls: FakeCall[] = [];
  private readonly failures: FailureRule[] = [];
  private paused: { promise: Promise<void>; release: () => void } | undefined;

  constructor(readonly store: FakeStore) {}

  failWhen(rule: FailureRule): void {
    this.failures.push(rule);
  }

  clearFailures(): void {
    this.failures.length = 0;
  }

  /** Holds every request from now on until the returned function is called. */
  pause(): () => void {
    let release = (): void => undefined;
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.paused = { promise, release };
    return () => {
      this.paused = undefined;
      release();
    };
  }

  callsOf(method: FakeCall['method']): FakeCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  resetCalls(): void {
    this.calls.length = 0;
  }

  async search(params: SearchParams, options?: RequestOptions): Promise<SearchPage> {
    const rows = params.rows ?? 100;
    const start = params.start ?? 0;
    const byCreatedAt = params.sort === undefined || params.sort === 'createdAt desc';
    await this.begin({ method: byCreatedAt ? 'search' : 'feed', q: params.q, start, rows }, options);
    // Like a server without the change feed: the model must then fall back to re-counting.
    if (!byCreatedAt) {
      throw new NcxError('badRequest', `The fake sorts only by createdAt desc, not ${params.sort}`, { status: 400 });
    }
    const matching = this.matching(params.q);
    const slice = matching.slice(start, start + rows);
    const items: Workitem[] = [];
    const issues: ValidationIssue[] = [];
    slice.forEach((index, position) => {
      const raw = this.store.raw(index);
      const parsed = WorkitemSchema.safeParse(raw);
      if (parsed.success) {
        items.push(parsed.data);
        return;
      }
      const id = (raw as { workitemId?: unknown }).workitemId;
      for (const issue of parsed.error.issues) {
        issues.push({
          workitemId: typeof id === 'string' && id ? id : `#${position}`,
          path: issue.path.join('.'),
          expected: issue.message,
          received: JSON.stringify(issue.path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown>)?.[key], raw)) ?? 'undefined',
        });
      }
    });
    return { items, issues, count: slice.length, total: matching.length, start };
  }

  async *pages(params: Omit<SearchParams, 'start'>, options?: RequestOptions): AsyncIterable<SearchPage> {
    for (let start = 0; ; ) {
      const page = await this.search({ ...params, start }, options);
      yield page;
      start += page.count;
      if (page.count === 0 || start >= page.total) {
        return;
      }
    }
  }

  async count(q: string | undefined, options?: RequestOptions): Promise<number> {
    await this.begin({ method: 'count', q }, options);
    const predicate = compileQuery(q, this.store.read);
    let total = 0;
    for (let index = 0; index < this.store.size; index++) {
      if (predicate(index)) {
        total++;
      }
    }
    return total;
  }

  async fetchWorkitem(id: string, options?: RequestOptions): Promise<Workitem> {
    await this.begin({ method: 'fetchWorkitem', id }, options);
    const index = this.store.indexOf(id);
    if (index === undefined) {
      throw new NcxError('notFound', `Workitem ${id} does not exist`, { status: 404 });
    }
    return WorkitemSchema.parse(this.store.raw(index));
  }

  /** The sandbox's transition decides the next state; the catalog's answer kind decides what comes back. */
  async act<A extends WorkitemAction>(action: A, id: string, input: ActionInput<A>, options?: RequestOptions): Promise<Workitem | undefined> {
    actionRequests(action, id, input);
    await this.begin({ method: 'action', id }, options);
    if (!(this.store instanceof ObjectStore)) {
      throw new NcxError('badRequest', 'Synthetic workitems are read-only', { status: 400 });
    }
    const index = this.store.indexOf(id);
    const current = index === undefined ? undefined : (this.store.raw(index) as { state?: string });
    const state = TRANSITIONS[action].to ?? current?.state ?? 'active';
    const extra: Record<string, unknown> = 'queueId' in input ? { selectedQueue: input.queueId } : {};
    this.store.update(id, { state, currentStateName: state, ...extra });
    const answer = await this.fetchWorkitem(id, options);
    return actionSpec(action).answers === 'workitem' ? answer : undefined;
  }

  async listQueues(options?: RequestOptions): Promise<Queue[]> {
    await this.begin({ method: 'listQueues' }, options);
    return [{ _id: 'q_support', name: 'Support' }];
  }

  async listUsers(_q: string | undefined, options?: RequestOptions): Promise<User[]> {
    await this.begin({ method: 'listQueues' }, options);
    return [{ _id: 'jason.fontenot', firstName: 'Jason', lastName: 'Fontenot', presence: 'available' }];
  }

  async listDispositions(options?: RequestOptions): Promise<Disposition[]> {
    await this.begin({ method: 'listQueues' }, options);
    return [{ _id: 'disp_resolved', dispositionId: 'disp_resolved', name: 'Resolved' }];
  }

  async listCampaigns(options?: RequestOptions): Promise<Campaign[]> {
    await this.begin({ method: 'listQueues' }, options);
    return [{ _id: 'cmp_renewals', name: 'Renewals' }];
  }

  async transcript(): Promise<TranscriptObject | undefined> {
    return undefined;
  }

  async recording(): Promise<Recording> {
    throw new Error('the tree never fetches a recording');
  }

  private matching(q: string | undefined): number[] {
    const predicate = compileQuery(q, this.store.read);
    return this.store.newestFirst().filter((index) => predicate(index));
  }

  /** Records the call, answers asynchronously like a network would, and applies injected faults. */
  private async begin(call: FakeCall, options?: RequestOptions): Promise<void> {
    this.calls.push(call);
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.paused) {
      await this.paused.promise;
    }
    if (options?.signal?.aborted) {
      throw new NcxError('cancelled', 'Request cancelled');
    }
    const rule = this.failures.find(
      (candidate) => (candidate.method === undefined || candidate.method === call.method) && (candidate.when?.(call) ?? true),
    );
    if (rule) {
      if (rule.times !== undefined && --rule.times <= 0) {
        this.failures.splice(this.failures.indexOf(rule), 1);
      }
      throw rule.error;
    }
  }
}
