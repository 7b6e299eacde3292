// 6. Steady state: the tree model against a living sandbox (traffic on, a smaller data set, its own
// child process), auto-refreshed by the real RefreshManager on a clock the benchmark moves. With
// one state group and two of its channel groups expanded: the requests of each cycle (by kind),
// how the change feed fared (fallbacks by reason, audits and corrections), whether the change
// events name exactly the rows that changed (checked against snapshots taken independently), the
// requests of a hidden view, the heap over 1,000 cycles, and at the end every count on screen
// compared with a model built from scratch.
import { WORKITEM_STATES } from '../../../src/api/domain';
import type { WorkitemsApi } from '../../../src/api/workitemsApi';
import { ROOT_ID } from '../../../src/model/groupKeys';
import { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import { RefreshManager } from '../../../src/views/tree/refreshManager';
import type { BenchContext } from '../lib/context';
import { CountingApi } from '../lib/countingApi';
import { FakeClock } from '../lib/fakeClock';
import { liveHeapBytes } from '../lib/heap';
import { RequestCounter } from '../lib/requestCounter';
import { heading, say, verdictOf, type BenchResult } from '../lib/results';
import { startBenchSandbox } from '../lib/sandboxChild';
import { changedIds, FakeView, isCoveredBy, snapshot, type Snapshot } from '../lib/shownTree';
import { bytes, count, ms } from '../lib/stats';

const BENCH = '6 steady state';
const SIZE = 20_000;
const INTERVAL_S = 10;
const WARM_UP_CYCLES = 20;
const CYCLES = 1000;
const HIDDEN_INTERVALS = 100;
const HEAP_GROWTH_TARGET = 5 * 1024 * 1024;
const EXPANDED_GROUPS = 3;
/** Tries at finding a quiet moment (no change on the server) to compare with a fresh model. */
const DRIFT_TRIES = 20;

/**
 * The busiest live state (most workitems, not yet dispositioned) with at least two channel groups,
 * and its two largest channels: where living traffic changes what is on screen most often.
 */
async function chooseExpanded(model: WorkitemTreeModel): Promise<string[]> {
  const roots = (await model.getChildren(ROOT_ID)).flatMap((node) => (node.kind === 'group' ? [node] : []));
  const candidates: Array<{ id: string; live: boolean; count: number; channels: Array<{ id: string; count: number }> }> = [];
  for (const state of WORKITEM_STATES) {
    const root = roots.find((node) => node.value === state);
    if (root === undefined) {
      continue;
    }
    const channels = (await model.getChildren(root.id)).flatMap((node) => (node.kind === 'group' ? [{ id: node.id, count: node.count }] : []));
    await model.setExpanded(root.id, false);
    if (channels.length >= EXPANDED_GROUPS - 1) {
      candidates.push({ id: root.id, live: state !== 'dispositioned', count: root.count, channels });
    }
  }
  const best = candidates.sort((a, b) => Number(b.live) - Number(a.live) || b.count - a.count)[0];
  if (best === undefined) {
    throw new Error('no state group with two channel groups to expand');
  }
  const leaves = [...best.channels].sort((a, b) => b.count - a.count).slice(0, EXPANDED_GROUPS - 1);
  return [best.id, ...leaves.map((leaf) => leaf.id)];
}

/** Group rows whose count differs between two snapshots of the same expanded groups. */
function countDifferences(held: Snapshot, fresh: Snapshot): { groups: number; differing: string[] } {
  const countOf = (row: { content: string } | undefined): number | undefined => {
    const parsed: unknown = row === undefined ? undefined : JSON.parse(row.content);
    return typeof parsed === 'object' && parsed !== null && 'count' in parsed && typeof parsed.count === 'number' ? parsed.count : undefined;
  };
  const groups = [...new Set([...held.keys(), ...fresh.keys()])].filter((id) => held.get(id)?.kind === 'group' || fresh.get(id)?.kind === 'group');
  const differing = groups.filter((id) => countOf(held.get(id)) !== countOf(fresh.get(id)));
  return { groups: groups.length, differing: differing.map((id) => `${id}: ${countOf(held.get(id)) ?? '-'} vs ${countOf(fresh.get(id)) ?? '-'}`) };
}

/** The server's newest change, to tell whether anything changed between two moments. */
async function newestChange(api: WorkitemsApi): Promise<number | undefined> {
  const page = await api.search({ sort: 'modifiedAt desc', rows: 1 });
  return page.items[0]?.modifiedAt;
}

/**
 * Refreshes the model and builds a fresh one between two looks at the server's newest change; when
 * both looks agree nothing moved meanwhile, so the two must show the same counts.
 */
async function driftAgainstFresh(
  model: WorkitemTreeModel,
  api: WorkitemsApi,
  expanded: readonly string[],
): Promise<{ groups: number; differing: string[]; tries: number; quiet: boolean }> {
  let last = { groups: 0, differing: [] as string[] };
  for (let tries = 1; tries <= DRIFT_TRIES; tries++) {
    const before = await newestChange(api);
    await model.refresh();
    const held = await snapshot(model, expanded);
    const fresh = new WorkitemTreeModel({ api });
    try {
      last = countDifferences(held, await snapshot(fresh, expanded));
    } finally {
      fresh.dispose();
    }
    if ((await newestChange(api)) === before) {
      return { ...last, tries, quiet: true };
    }
  }
  return { ...last, tries: DRIFT_TRIES, quiet: false };
}

export async function runSteadyState(_context: BenchContext): Promise<BenchResult[]> {
  heading(`${BENCH}: tree model + RefreshManager against a living sandbox (traffic on, ${count(SIZE)} workitems, own child process)`);
  const sandbox = await startBenchSandbox({ size: SIZE, traffic: true });
  const counter = new RequestCounter();
  const api = new CountingApi(sandbox.client(counter.onRequest));
  const model = new WorkitemTreeModel({ api });
  const view = new FakeView();
  const clock = new FakeClock();
  let inflight: Promise<void> = Promise.resolve();
  const manager = new RefreshManager({
    view,
    intervalSeconds: () => INTERVAL_S,
    refresh: () => (inflight = model.refresh()),
    timers: clock,
    now: clock.now,
  });
  const reported: string[][] = [];
  const subscription = model.onDidChange((change) => reported.push([...change.nodeIds]));
  try {
    const expanded = await chooseExpanded(model);
    for (const id of expanded) {
      await model.getChildren(id);
    }
    let shown = await snapshot(model, expanded);
    say(`expanded: ${expanded.join(', ')} (${shown.size - 1} rows on screen)`);

    /** One interval of the clock: the manager's timer fires, its refresh runs against the sandbox. */
    const cycle = async (): Promise<{ requests: number; counts: number; searches: number; reportedIds: Set<string>; actual: Set<string> }> => {
      const mark = counter.count;
      const calls = api.snapshot();
      reported.length = 0;
      clock.advance(INTERVAL_S * 1000);
      await inflight;
      // The manager schedules its next wait once the refresh has settled.
      await new Promise((resolve) => setImmediate(resolve));
      const reportedIds = new Set(reported.flat());
      const next = await snapshot(model, expanded);
      const actual = changedIds(shown, next);
      shown = next;
      return {
        requests: counter.since(mark),
        counts: api.tally.counts - calls.counts,
        searches: api.tally.searches - calls.searches,
        reportedIds,
        actual,
      };
    };

    for (let i = 0; i < WARM_UP_CYCLES; i++) {
      await cycle();
    }
    const heapBefore = liveHeapBytes();
    const started = performance.now();
    const statsBefore = model.stats();
    let requests = 0;
    let counts = 0;
    let searches = 0;
    let maxRequests = 0;
    let cyclesWithChanges = 0;
    let reportedTotal = 0;
    let overReported = 0;
    let missed = 0;
    let eventsWithoutChange = 0;
    let heapHalfway = 0;
    for (let i = 0; i < CYCLES; i++) {
      if (i === CYCLES / 2) {
        heapHalfway = liveHeapBytes();
      }
      const result = await cycle();
      requests += result.requests;
      counts += result.counts;
      searches += result.searches;
      maxRequests = Math.max(maxRequests, result.requests);
      if (result.actual.size > 0) {
        cyclesWithChanges++;
      } else if (result.reportedIds.size > 0) {
        eventsWithoutChange++;
      }
      reportedTotal += result.reportedIds.size;
      overReported += [...result.reportedIds].filter((id) => !result.actual.has(id)).length;
      missed += [...result.actual].filter((id) => !isCoveredBy(id, result.reportedIds)).length;
    }
    const elapsed = performance.now() - started;
    const heapAfter = liveHeapBytes();
    const growth = heapAfter - heapBefore;
    const perCycle = requests / CYCLES;
    const visibleGroups = [...shown.values()].filter((row) => row.kind === 'group').length;
    const stats = model.stats();
    const fallbacks = Object.entries(stats.fallbacks).map(([reason, times]) => [reason, times - (statsBefore.fallbacks[reason as keyof typeof stats.fallbacks] ?? 0)] as const);
    const fellBack = fallbacks.reduce((sum, [, times]) => sum + times, 0);
    say(
      `${count(CYCLES)} refresh cycles in ${ms(elapsed)} (${ms(elapsed / CYCLES)} each): ${perCycle.toFixed(2)} requests per cycle (max ${maxRequests}), ` +
        `= ${(counts / CYCLES).toFixed(2)} counts + ${(searches / CYCLES).toFixed(2)} searches (feed pages, row refills); ${visibleGroups} groups on screen, ${EXPANDED_GROUPS} expanded`,
    );
    say(
      `change feed: ${stats.feedPages - statsBefore.feedPages} pages applied; ${fellBack} cycles fell back to a full re-count` +
        `${fellBack > 0 ? ` (${fallbacks.filter(([, times]) => times > 0).map(([reason, times]) => `${reason} ${times}`).join(', ')})` : ''}` +
        `${stats.feedStopped ? `; feed stopped: ${stats.feedStopped}` : ''}; ` +
        `audits: ${stats.audits - statsBefore.audits} counts, ${stats.compared - statsBefore.compared} compared, ${stats.corrections - statsBefore.corrections} corrected`,
    );
    say(`per expanded group: ${(perCycle / EXPANDED_GROUPS).toFixed(2)} requests per cycle (max ${(maxRequests / EXPANDED_GROUPS).toFixed(2)})`);
    say(
      `change events: ${cyclesWithChanges} cycles with changes on screen, ${reportedTotal} ids reported; ${overReported} reported without having changed, ` +
        `${missed} changes not reported, ${eventsWithoutChange} events in cycles without changes ` +
        `(traffic moves in real time, about once a second, while the cycles run back to back)`,
    );
    say(
      `heap over ${count(CYCLES)} cycles: ${bytes(heapBefore)} → ${bytes(heapHalfway)} after ${CYCLES / 2} → ${bytes(heapAfter)} ` +
        `(${growth >= 0 ? '+' : ''}${bytes(growth)}: first half ${bytes(heapHalfway - heapBefore)}, second half ${bytes(heapAfter - heapHalfway)})`,
    );

    // Hidden: the manager must not refresh at all.
    view.setVisible(false);
    const hiddenMark = counter.count;
    let hiddenRefreshes = 0;
    const hiddenSubscription = model.onDidLoad(() => hiddenRefreshes++);
    for (let i = 0; i < HIDDEN_INTERVALS; i++) {
      clock.advance(INTERVAL_S * 1000);
      await inflight;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const hiddenRequests = counter.since(hiddenMark);
    hiddenSubscription.dispose();
    const timersWhileHidden = clock.scheduled;
    view.setVisible(true);
    await inflight;
    const comeBackMark = counter.count;
    clock.advance(0);
    await inflight;
    const comeBackRequests = counter.since(comeBackMark);
    say(
      `view hidden for ${HIDDEN_INTERVALS} intervals (${HIDDEN_INTERVALS * INTERVAL_S} s of clock): ${hiddenRequests} requests, ${hiddenRefreshes} loads, ${timersWhileHidden} timers pending; ` +
        `shown again: refreshed at once with ${comeBackRequests} requests`,
    );

    // At the end: every count on screen against a model built from scratch.
    const drift = await driftAgainstFresh(model, sandbox.client(), expanded);
    say(
      `drift: ${drift.differing.length} of ${drift.groups} groups` +
        `${drift.quiet ? ` (compared in a quiet moment, try ${drift.tries})` : ` (no quiet moment in ${drift.tries} tries: traffic moved during the comparison)`}` +
        `${drift.differing.length > 0 ? `: ${drift.differing.join('; ')}` : ''}`,
    );

    const requestsMet = perCycle <= EXPANDED_GROUPS && maxRequests <= EXPANDED_GROUPS;
    return [
      {
        bench: '6 refresh requests',
        figure: `${perCycle.toFixed(2)} requests/cycle (max ${maxRequests}), ${EXPANDED_GROUPS} groups expanded (${(counts / CYCLES).toFixed(2)} counts + ${(searches / CYCLES).toFixed(2)} searches)`,
        target: `≤ 1 per expanded group, mean and max (≤ ${EXPANDED_GROUPS})`,
        comparison: `${visibleGroups} groups on screen; one feed page a cycle, an audit count every third; ${fellBack} fallbacks, ${stats.corrections - statsBefore.corrections} corrections`,
        verdict: verdictOf(requestsMet),
        ...(requestsMet
          ? {}
          : {
              note: `fallbacks: ${fallbacks.map(([reason, times]) => `${reason} ${times}`).join(', ') || 'none'}; a fallback re-counts every group on screen`,
            }),
      },
      {
        bench: '6 drift',
        figure: `${drift.differing.length} of ${drift.groups} groups differ from a fresh model`,
        target: '0',
        comparison: drift.quiet ? `compared in a quiet moment (try ${drift.tries})` : `no quiet moment in ${drift.tries} tries`,
        verdict: verdictOf(drift.quiet && drift.differing.length === 0),
      },
      {
        bench: '6 change events',
        figure: `${overReported} over-reported, ${missed} missed of ${reportedTotal} ids in ${cyclesWithChanges} changing cycles`,
        target: 'only changed nodes',
        comparison: `${eventsWithoutChange} events in ${CYCLES - cyclesWithChanges} unchanged cycles`,
        verdict: verdictOf(overReported === 0 && missed === 0 && eventsWithoutChange === 0 && cyclesWithChanges > 0),
      },
      {
        bench: '6 hidden view',
        figure: `${hiddenRequests} requests over ${HIDDEN_INTERVALS} intervals`,
        target: '0 requests',
        comparison: `visible: ${perCycle.toFixed(1)} per interval; on showing again ${comeBackRequests}`,
        verdict: verdictOf(hiddenRequests === 0 && comeBackRequests > 0),
      },
      {
        bench: '6 heap over cycles',
        figure: `${growth >= 0 ? '+' : ''}${bytes(growth)} over ${count(CYCLES)} cycles`,
        target: `< ${bytes(HEAP_GROWTH_TARGET)}`,
        comparison: `heap ${bytes(heapBefore)} → ${bytes(heapAfter)}`,
        verdict: verdictOf(growth < HEAP_GROWTH_TARGET),
      },
    ];
  } finally {
    subscription.dispose();
    manager.dispose();
    model.dispose();
    await sandbox.stop();
  }
}
