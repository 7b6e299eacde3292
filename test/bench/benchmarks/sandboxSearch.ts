// 3. The sandbox's search under load (autocannon, programmatic, against the shared sandbox in its
// child process) on the queries the tree sends: the count of each state (rows=0) and the first
// page of 100 of each non-empty state+channel group. Beside it, the same queries answered by a
// linear scan of the same data set (same seed and size, generated in this process) with the
// sandbox's own compiled query, and by the indexed store in this process. A third set is the
// tree's once-per-refresh "what changed" query: modifiedAt at or after a moment shortly before the
// newest change (a handful of workitems), least recently modified first.
import autocannon from 'autocannon';
import { z } from 'zod';
import { CHANNEL_TYPES, WORKITEM_STATES } from '../../../src/api/domain';
import { PATHS } from '../../../src/api/paths';
import type { Workitem } from '../../../src/api/schemas';
import { ITEM_SORT } from '../../../src/model/workitemTreeModel';
import { groupQuery } from '../../../src/model/groupQueries';
import { generateDataset } from '../../../src/sandbox/data';
import { createStore } from '../../../src/sandbox/store';
import type { BenchContext } from '../lib/context';
import { MODIFIED_ASC, compilePredicate, scanCount, scanPage, type ScanOrder } from '../lib/linearScan';
import { heading, say, verdictOf, type BenchResult } from '../lib/results';
import { BENCH_SEED, type BenchSandbox } from '../lib/sandboxChild';
import { count, median, ms, ratio } from '../lib/stats';

const BENCH = '3 sandbox search';
const PAGE_ROWS = 100;
const CONNECTIONS = 10;
const WARM_UP_S = 2;
const DURATION_S = 8;
const P99_TARGET_MS = 10;
const RPS_TARGET = 3000;
const RATIO_TARGET = 100;
/** Each query is scanned this many times; the median counts. */
const SCAN_REPEATS = 3;
const INDEXED_REPEATS = 50;
/** The "changes since" moment is the modifiedAt of this many most recently modified workitems. */
const RECENT_CHANGES = 20;
const CHANGES_ROWS = 200;
const CHANGES_SORT = 'modifiedAt asc';

const LoadResultSchema = z.object({
  latency: z.object({ p50: z.number(), p99: z.number(), average: z.number(), max: z.number() }),
  requests: z.object({ average: z.number(), total: z.number() }),
  duration: z.number(),
  errors: z.number(),
  timeouts: z.number(),
  non2xx: z.number(),
});
type LoadResult = z.infer<typeof LoadResultSchema>;

interface TreeQuery {
  label: string;
  q: string;
  rows: number;
  sort?: string;
  /** The same query for the data set generated in this process, when it names a moment. */
  localQ?: string;
  scanOrder?: ScanOrder;
}

function searchPath(query: TreeQuery): string {
  const params = new URLSearchParams({ q: query.q, rows: String(query.rows), start: '0' });
  if (query.sort !== undefined) {
    params.set('sort', query.sort);
  }
  return `${PATHS.search('workitem')}?${params.toString()}`;
}

function stateQuery(state: string): string {
  const q = groupQuery(undefined, [{ dimension: 'state', value: state }]);
  if (q === undefined) {
    throw new Error('a state group has a query');
  }
  return q;
}

/** The tree's queries: counts of each state, and the first page of every non-empty leaf group. */
async function treeQueries(sandbox: BenchSandbox): Promise<{ counts: TreeQuery[]; pages: TreeQuery[] }> {
  const client = sandbox.client();
  const counts = WORKITEM_STATES.map((state) => ({ label: `state:${state}`, q: stateQuery(state), rows: 0 }));
  const pages: TreeQuery[] = [];
  for (const state of WORKITEM_STATES) {
    for (const channel of CHANNEL_TYPES) {
      const q = groupQuery(undefined, [
        { dimension: 'state', value: state },
        { dimension: 'channel', value: channel },
      ]);
      if (q !== undefined && (await client.count(q)) > 0) {
        pages.push({ label: `${state}/${channel}`, q, rows: PAGE_ROWS, sort: ITEM_SORT });
      }
    }
  }
  return { counts, pages };
}

function changesSinceQuery(since: number): TreeQuery {
  return { label: 'changes since', q: `modifiedAt:>=${since}`, rows: CHANGES_ROWS, sort: CHANGES_SORT, scanOrder: MODIFIED_ASC };
}

/** The modifiedAt of the RECENT_CHANGES-th most recently modified workitem. */
function recentMoment(newestFirst: readonly Workitem[]): number {
  const times = newestFirst.map((workitem) => workitem.modifiedAt).filter((time): time is number => time !== undefined);
  const moment = times[times.length - 1];
  if (moment === undefined) {
    throw new Error('no workitem of the data set has a modifiedAt');
  }
  return moment;
}

async function load(sandbox: BenchSandbox, queries: readonly TreeQuery[], duration: number): Promise<LoadResult> {
  const raw = await autocannon({
    url: sandbox.url,
    connections: CONNECTIONS,
    duration,
    headers: { authorization: `Bearer ${sandbox.token}`, accept: 'application/json' },
    requests: queries.map((query) => ({ method: 'GET', path: searchPath(query) })),
  });
  const result = LoadResultSchema.parse(raw);
  if (result.errors > 0 || result.non2xx > 0 || result.timeouts > 0) {
    throw new Error(`the load run had ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`);
  }
  return result;
}

interface ScanFigures {
  /** Median ms of one query, by linear scan. */
  scanMs: number;
  /** Median ms of one query, indexed store in this process. */
  indexedMs: number;
  totalsAgree: boolean;
}

function scanFigures(
  workitems: readonly Workitem[],
  store: ReturnType<typeof createStore>,
  queries: readonly TreeQuery[],
  sandboxTotals: ReadonlyMap<string, number>,
): ScanFigures {
  const scanTimes: number[] = [];
  const indexedTimes: number[] = [];
  let totalsAgree = true;
  for (const query of queries) {
    const q = query.localQ ?? query.q;
    const predicate = compilePredicate(q);
    const perQuery: number[] = [];
    let total = 0;
    for (let repeat = 0; repeat < SCAN_REPEATS; repeat++) {
      const started = performance.now();
      total = query.rows === 0 ? scanCount(workitems, predicate) : scanPage(workitems, predicate, query.rows, query.scanOrder).total;
      perQuery.push(performance.now() - started);
    }
    scanTimes.push(median(perQuery));
    if (sandboxTotals.get(query.q) !== total) {
      totalsAgree = false;
    }
    const indexed: number[] = [];
    for (let repeat = 0; repeat < INDEXED_REPEATS; repeat++) {
      const started = performance.now();
      store.search({ q, rows: query.rows, start: 0, ...(query.sort ? { sort: query.sort } : {}) });
      indexed.push(performance.now() - started);
    }
    indexedTimes.push(median(indexed.slice(INDEXED_REPEATS / 5)));
  }
  return { scanMs: median(scanTimes), indexedMs: median(indexedTimes), totalsAgree };
}

export async function runSandboxSearch(context: BenchContext): Promise<BenchResult[]> {
  heading(`${BENCH}: autocannon (${CONNECTIONS} connections, ${DURATION_S} s per query set) against the sandbox child process, ${count(context.size)} workitems`);
  const sandbox = await context.sandbox();
  const { counts, pages } = await treeQueries(sandbox);
  const recent = await sandbox.client().search({ rows: RECENT_CHANGES, sort: 'modifiedAt desc' });
  const changes = changesSinceQuery(recentMoment(recent.items));
  say(`queries: ${counts.length} state counts (rows=0), e.g. q=${counts[0].q}; ${pages.length} non-empty state+channel first pages of ${PAGE_ROWS}, sort=${ITEM_SORT}`);
  say(`changes since: q=${changes.q}, rows=${CHANGES_ROWS}, sort=${CHANGES_SORT} (the ${RECENT_CHANGES} most recently modified workitems, and ties)`);

  const loads: Array<{ name: string; queries: readonly TreeQuery[]; result: LoadResult }> = [];
  const sets: ReadonlyArray<[string, readonly TreeQuery[]]> = [
    ['counts', counts],
    ['first pages', pages],
    ['changes since', [changes]],
  ];
  for (const [name, queries] of sets) {
    await load(sandbox, queries, WARM_UP_S);
    const result = await load(sandbox, queries, DURATION_S);
    loads.push({ name, queries, result });
    say(
      `${name}: ${count(result.requests.average)} requests/s, latency p50 ${ms(result.latency.p50)}, p99 ${ms(result.latency.p99)}, max ${ms(result.latency.max)} ` +
        `(${count(result.requests.total)} requests in ${result.duration} s)`,
    );
  }

  // The same data set in this process: same seed and size, so the same workitems (their clock
  // differs by the seconds between the two starts, which no query here looks at).
  const client = sandbox.client();
  const sandboxTotals = new Map<string, number>();
  for (const query of [...counts, ...pages, changes]) {
    sandboxTotals.set(query.q, await client.count(query.q));
  }
  let started = performance.now();
  const dataset = generateDataset({ seed: BENCH_SEED, size: sandbox.size, now: Date.now() });
  const generatedMs = performance.now() - started;
  started = performance.now();
  const store = createStore(dataset);
  const indexedInMs = performance.now() - started;
  say(`same data set generated in this process in ${ms(generatedMs)}, indexed in ${ms(indexedInMs)}`);
  // This data set's clock is seconds later than the sandbox's: its own moment, found the same way.
  changes.localQ = changesSinceQuery(recentMoment(store.search({ rows: RECENT_CHANGES, start: 0, sort: 'modifiedAt desc' }).objects)).q;

  const results: BenchResult[] = [];
  for (const { name, queries, result } of loads) {
    const figures = scanFigures(dataset.workitems, store, queries, sandboxTotals);
    const scanPerSecond = 1000 / figures.scanMs;
    const throughputRatio = result.requests.average / scanPerSecond;
    const engineRatio = figures.scanMs / figures.indexedMs;
    say(
      `${name}: linear scan (compiled predicate over ${count(dataset.workitems.length)} workitems${name === 'counts' ? '' : ', matches sorted and sliced'}) ` +
        `median ${ms(figures.scanMs)} per query = ${count(scanPerSecond)} queries/s; indexed store in this process ${ms(figures.indexedMs)} per query; ` +
        `totals ${figures.totalsAgree ? 'agree with the sandbox' : 'DIFFER from the sandbox'}`,
    );
    say(`${name}: sandbox over HTTP serves ${ratio(throughputRatio)} the linear scan's queries per second; the index alone answers ${ratio(engineRatio)} faster`);
    const met = result.latency.p99 <= P99_TARGET_MS && result.requests.average >= RPS_TARGET && throughputRatio >= RATIO_TARGET;
    results.push({
      bench: `3 search: ${name}`,
      figure: `${count(result.requests.average)} req/s, p99 ${ms(result.latency.p99)} (${CONNECTIONS} connections)`,
      target: `p99 ≤ ${P99_TARGET_MS} ms, ≥ ${count(RPS_TARGET)} req/s, ≥ ${RATIO_TARGET}× scan`,
      comparison: `linear scan ${ms(figures.scanMs)}/query = ${count(scanPerSecond)}/s: ${ratio(throughputRatio)} (index alone ${ms(figures.indexedMs)}: ${ratio(engineRatio)})`,
      verdict: verdictOf(met),
    });
  }
  return results;
}
