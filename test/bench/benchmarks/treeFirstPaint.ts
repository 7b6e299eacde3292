// 1. First paint of the tree model over a real client and the shared sandbox: from a fresh model
// to the root groups with their counts, against the naive way (fetch every page of the search,
// then group). Then expanding one state group and one of its channel groups to the first page.
import type { SearchPage, WorkitemsApi } from '../../../src/api/workitemsApi';
import { SEARCH_MAX_ROWS } from '../../../src/api/paths';
import { groupIdOf, ROOT_ID } from '../../../src/model/groupKeys';
import type { ModelNode } from '../../../src/model/modelNodes';
import { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import type { BenchContext } from '../lib/context';
import { RequestCounter } from '../lib/requestCounter';
import { heading, say, verdictOf, type BenchResult } from '../lib/results';
import { count, median, ms, ratio, timed } from '../lib/stats';

const BENCH = '1 tree first paint';
const WARM_UP = 3;
const SAMPLES = 15;
const FIRST_PAINT_TARGET_MS = 25;
const FIRST_PAINT_MAX_REQUESTS = 12;
const EXPAND_TARGET_MS = 30;
/** Pages of the naive walk actually fetched; the rest is extrapolated from them. */
const NAIVE_SAMPLED_PAGES = 20;

interface Paint {
  ms: number;
  requests: number;
  groups: ModelNode[];
  total: number;
}

async function firstPaint(api: WorkitemsApi, counter: RequestCounter): Promise<Paint> {
  const model = new WorkitemTreeModel({ api });
  try {
    const mark = counter.count;
    const { ms: elapsed, value: groups } = await timed(() => model.getChildren(ROOT_ID));
    const status = model.rootStatus();
    if (status.kind !== 'loaded') {
      throw new Error(`the root did not load: ${JSON.stringify(status)}`);
    }
    return { ms: elapsed, requests: counter.since(mark), groups, total: status.total };
  } finally {
    model.dispose();
  }
}

interface Expansion {
  ms: number;
  requests: number;
  items: number;
}

/** Root, then `state`, then its largest channel group: the time and requests after the root. */
async function expand(api: WorkitemsApi, counter: RequestCounter, state: string): Promise<Expansion> {
  const model = new WorkitemTreeModel({ api });
  try {
    await model.getChildren(ROOT_ID);
    const stateId = groupIdOf([{ dimension: 'state', value: state }]);
    const mark = counter.count;
    const started = performance.now();
    const channels = await model.getChildren(stateId);
    const largest = channels
      .flatMap((node) => (node.kind === 'group' ? [node] : []))
      .sort((a, b) => b.count - a.count)[0];
    if (largest === undefined) {
      throw new Error(`state ${state} has no channel groups`);
    }
    const rows = await model.getChildren(largest.id);
    const elapsed = performance.now() - started;
    const items = rows.filter((node) => node.kind === 'workitem').length;
    if (items === 0) {
      throw new Error(`${largest.id} listed no workitems`);
    }
    return { ms: elapsed, requests: counter.since(mark), items };
  } finally {
    model.dispose();
  }
}

/** Groups a page's workitems by state and channel, as the naive tree would before showing counts. */
function groupInto(counts: Map<string, number>, page: SearchPage): void {
  for (const item of page.items) {
    const key = `${item.state}/${item.channelType}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
}

/**
 * The naive first paint: every page of the unfiltered search, grouped locally. Walking a million
 * workitems takes minutes, so pages spread evenly over the whole result are fetched and grouped,
 * and the per-page time is multiplied by the number of pages the walk would need.
 */
async function naiveEstimate(api: WorkitemsApi, total: number): Promise<{ ms: number; pages: number; sampledMsPerPage: number }> {
  const pages = Math.max(1, Math.ceil(total / SEARCH_MAX_ROWS));
  const sampled = Math.min(NAIVE_SAMPLED_PAGES, pages);
  const counts = new Map<string, number>();
  const times: number[] = [];
  for (let i = 0; i < sampled; i++) {
    const start = Math.floor((i * pages) / sampled) * SEARCH_MAX_ROWS;
    const { ms: elapsed } = await timed(async () => {
      groupInto(counts, await api.search({ start, rows: SEARCH_MAX_ROWS }));
    });
    times.push(elapsed);
  }
  const perPage = times.reduce((sum, time) => sum + time, 0) / times.length;
  return { ms: perPage * pages, pages, sampledMsPerPage: perPage };
}

export async function runTreeFirstPaint(context: BenchContext): Promise<BenchResult[]> {
  heading(`${BENCH}: WorkitemTreeModel over NcxClient, sandbox of ${count(context.size)} workitems`);
  const sandbox = await context.sandbox();
  const counter = new RequestCounter();
  const api = sandbox.client(counter.onRequest);

  for (let i = 0; i < WARM_UP; i++) {
    await firstPaint(api, counter);
  }
  const paints: Paint[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    paints.push(await firstPaint(api, counter));
  }
  const paintMs = median(paints.map((paint) => paint.ms));
  const requests = Math.max(...paints.map((paint) => paint.requests));
  const last = paints[paints.length - 1];
  const groupSum = last.groups.reduce((sum, node) => sum + (node.kind === 'group' ? node.count : 0), 0);
  say(`first paint: median ${ms(paintMs)} over ${SAMPLES} fresh models (after ${WARM_UP} warm-up), ${requests} HTTP requests`);
  say(`root groups: ${last.groups.map((node) => (node.kind === 'group' ? `${node.value} ${count(node.count)}` : node.kind)).join(', ')}`);
  say(`counts add up: ${count(groupSum)} of ${count(last.total)} workitems`);

  const naive = await naiveEstimate(api, last.total);
  const naiveRatio = naive.ms / paintMs;
  say(
    `naive way (every page of 1,000, then group): ${naive.pages} requests; ${NAIVE_SAMPLED_PAGES} pages spread over the result measured at ${ms(naive.sampledMsPerPage)} each, ` +
      `extrapolated to ${naive.pages} pages: ~${ms(naive.ms)} — ${ratio(naiveRatio)} the counts-first paint`,
  );

  const expansions: Array<{ state: string; ms: number; requests: number; items: number }> = [];
  for (const state of ['dispositioned', 'active']) {
    for (let i = 0; i < WARM_UP; i++) {
      await expand(api, counter, state);
    }
    const samples: Expansion[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      samples.push(await expand(api, counter, state));
    }
    const expansion = {
      state,
      ms: median(samples.map((sample) => sample.ms)),
      requests: Math.max(...samples.map((sample) => sample.requests)),
      items: samples[0].items,
    };
    expansions.push(expansion);
    say(`expand state:${state} then its largest channel group to ${expansion.items} rows: median ${ms(expansion.ms)} more, ${expansion.requests} requests`);
  }
  const worstExpansion = Math.max(...expansions.map((expansion) => expansion.ms));

  const paintMet = paintMs <= FIRST_PAINT_TARGET_MS && requests <= FIRST_PAINT_MAX_REQUESTS && groupSum === last.total;
  return [
    {
      bench: BENCH,
      figure: `median ${ms(paintMs)}, ${requests} requests (${count(context.size)} workitems)`,
      target: `≤ ${FIRST_PAINT_TARGET_MS} ms, ≤ ${FIRST_PAINT_MAX_REQUESTS} requests`,
      comparison: `naive walk ~${ms(naive.ms)}, ${naive.pages} requests (extrapolated from ${NAIVE_SAMPLED_PAGES} pages): ${ratio(naiveRatio)}`,
      verdict: verdictOf(paintMet),
      ...(groupSum !== last.total ? { note: `root group counts add up to ${groupSum}, not ${last.total}` } : {}),
    },
    {
      bench: '1 expand state+channel',
      figure: `+${ms(worstExpansion)} (worst of ${expansions.map((expansion) => `${expansion.state} ${ms(expansion.ms)}`).join(', ')})`,
      target: `≤ ${EXPAND_TARGET_MS} ms more`,
      comparison: `first paint ${ms(paintMs)}; ${expansions.map((expansion) => `${expansion.requests} requests`).join(' / ')}`,
      verdict: verdictOf(worstExpansion <= EXPAND_TARGET_MS),
    },
  ];
}
