// 6. Steady state: the tree model against a living sandbox (traffic on, a smaller data set, its own
// child process), auto-refreshed by the real RefreshManager on a clock the benchmark moves. The
// cycles are paced in real time and the sandbox's traffic sped up to match, so each refresh
// interval sees as much life as ten seconds of a real tenant: real change in most cycles, not a
// quiet loop. With one state group and two of its channel groups expanded: the requests of each
// cycle (by kind), how the change feed fared (changes applied, fallbacks by reason, audits and
// corrections), whether the change events name exactly the rows that changed (checked against
// snapshots taken independently), the requests of a hidden view, the heap over 1,000 cycles, and
// at checkpoints every count on screen compared with a model built from scratch while traffic is
// paused.
import { WORKITEM_STATES } from '../../../src/api/domain';
import type { WorkitemsApi } from '../../../src/api/workitemsApi';
import { ROOT_ID } from '../../../src/model/groupKeys';
import { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import { RefreshManager } from '../../../src/views/tree/refreshManager';
import type { BenchContext } from '../lib/context';
import { CountingApi } from '../lib/countingApi';
import { ManualClock } from '../../support/manualClock';
import { liveHeapBytes } from '../lib/heap';
import { RequestCounter } from '../lib/requestCounter';
import { heading, say, verdictOf, type BenchResult } from '../lib/results';
import { startBenchSandbox, type BenchSandbox } from '../lib/sandboxChild';
import { changedIds, FakeView, isCoveredBy, snapshot, type Snapshot } from '../lib/shownTree';
import { bytes, count, median, ms, percentile } from '../lib/stats';

const BENCH = '6 steady state';
const SIZE = 20_000;
const INTERVAL_S = 10;
const WARM_UP_CYCLES = 20;
const CYCLES = 1000;
const HIDDEN_INTERVALS = 100;
const HEAP_GROWTH_TARGET = 5 * 1024 * 1024;
const EXPANDED_GROUPS = 3;
/** Real time a cycle takes at least (the rest is waited out), so traffic has time to happen. */
const CYCLE_REAL_MS = 25;
/**
 * Traffic this many times faster than real life: one refresh interval of the benchmark's clock
 * (10 s) then sees about what 10 s of a real tenant bring (400 at 25 ms a cycle).
 */
const TRAFFIC_SPEED = (INTERVAL_S * 1000) / CYCLE_REAL_MS;
/** Cycles after which counts are compared with a fresh model (and at the end); not at the heap's halfway mark. */
const DRIFT_CHECKPOINTS: ReadonlySet<number> = new Set([250, 750]);

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
    // An expanded group its parent no longer lists is held with no row of its own.
    const parsed: unknown = row === undefined || row.content === '' ? undefined : JSON.parse(row.content);
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

interface DriftCheck {
  groups: number;
  differing: string[];
  /** Whether the server's newest change stayed the same from the refresh to the end of the comparison. */
  quiet: boolean;
}

/**
 * Traffic is paused (the pause is answered once a tick under way is done), then the model's own
 * refresh brings it to the server's present and a model built from scratch is compared with it:
 * nothing moves in between, so every count must agree, however fast traffic ran before. The
 * newest change is looked at before and after, to prove the pause held.
 */
async function driftAgainstFresh(model: WorkitemTreeModel, sandbox: BenchSandbox, expanded: readonly string[]): Promise<DriftCheck> {
  const api = sandbox.client();
  await sandbox.setTraffic(false);
  try {
    const before = await newestChange(api);
    await model.refresh();
    const held = await snapshot(model, expanded);
    const fresh = new WorkitemTreeModel({ api });
    let compared;
    try {
      compared = countDifferences(held, await snapshot(fresh, expanded));
    } finally {
      fresh.dispose();
    }
    return { ...compared, quiet: (await newestChange(api)) === before };
  } finally {
    await sandbox.setTraffic(true);
  }
}

/** Whether a changed row is one of the expanded groups or a row listed under one. */
function inExpanded(id: string, expanded: readonly string[]): boolean {
  return expanded.some((group) => id === group || id.startsWith(`${group}/`));
}

const sleep = (msToWait: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, msToWait));

interface CycleResult {
  requests: number;
  counts: number;
  searches: number;
  /** Changed workitems the cycle's feed page applied. */
  applied: number;
  reportedIds: Set<string>;
  actual: Set<string>;
  /** What the requests were for: during the refresh, then while the view read what is on screen. */
  pattern: string;
  /** Ids reported while the view read what is on screen (not part of the cycle's events). */
  reportedWhileReading: number;
}

export async function runSteadyState(_context: BenchContext): Promise<BenchResult[]> {
  heading(
    `${BENCH}: tree model + RefreshManager against a living sandbox (traffic ${TRAFFIC_SPEED}× real life, ${count(SIZE)} workitems, own child process)`,
  );
  const sandbox = await startBenchSandbox({ size: SIZE, traffic: true, trafficSpeed: TRAFFIC_SPEED, testHooks: true });
  const counter = new RequestCounter();
  const api = new CountingApi(sandbox.client(counter.onRequest));
  const model = new WorkitemTreeModel({ api });
  const view = new FakeView();
  const clock = new ManualClock(0);
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

    /**
     * One interval of the clock: the manager's timer fires, its refresh runs against the sandbox;
     * then the rest of CYCLE_REAL_MS is waited out while traffic goes on.
     */
    let cycleStarted = performance.now();
    const cycle = async (): Promise<CycleResult> => {
      await sleep(Math.max(0, cycleStarted + CYCLE_REAL_MS - performance.now()));
      cycleStarted = performance.now();
      const mark = counter.count;
      const calls = api.snapshot();
      const feedBefore = model.stats().feedChanges;
      reported.length = 0;
      api.log.length = 0;
      clock.advance(INTERVAL_S * 1000);
      await inflight;
      // The manager schedules its next wait once the refresh has settled.
      await new Promise((resolve) => setImmediate(resolve));
      const reportedIds = new Set(reported.flat());
      const refreshKinds = api.log.splice(0).join(',');
      reported.length = 0;
      const next = await snapshot(model, expanded);
      const readingKinds = api.log.splice(0).join(',');
      const reportedWhileReading = new Set(reported.flat()).size;
      const actual = changedIds(shown, next);
      shown = next;
      return {
        requests: counter.since(mark),
        counts: api.tally.counts - calls.counts,
        searches: api.tally.searches - calls.searches,
        applied: model.stats().feedChanges - feedBefore,
        reportedIds,
        actual,
        pattern: `${refreshKinds || '-'} | ${readingKinds || '-'}`,
        reportedWhileReading,
      };
    };

    const drifts: DriftCheck[] = [];
    /** Between cycles, with traffic paused; what is on screen afterwards is the next cycle's "before". */
    const checkDrift = async (): Promise<void> => {
      drifts.push(await driftAgainstFresh(model, sandbox, expanded));
      shown = await snapshot(model, expanded);
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
    const appliedPerCycle: number[] = [];
    let cyclesWithChanges = 0;
    let cyclesWithExpandedChanges = 0;
    let reportedTotal = 0;
    let overReported = 0;
    let missed = 0;
    let eventsWithoutChange = 0;
    let heapHalfway = 0;
    let pausedMs = 0;
    const patterns = new Map<string, number>();
    let reportedWhileReading = 0;
    const missedSamples: string[] = [];
    for (let i = 0; i < CYCLES; i++) {
      if (i === CYCLES / 2) {
        heapHalfway = liveHeapBytes();
      }
      if (DRIFT_CHECKPOINTS.has(i)) {
        const pauseStarted = performance.now();
        await checkDrift();
        pausedMs += performance.now() - pauseStarted;
      }
      const result = await cycle();
      requests += result.requests;
      counts += result.counts;
      searches += result.searches;
      maxRequests = Math.max(maxRequests, result.requests);
      patterns.set(result.pattern, (patterns.get(result.pattern) ?? 0) + 1);
      reportedWhileReading += result.reportedWhileReading;
      appliedPerCycle.push(result.applied);
      if (result.actual.size > 0) {
        cyclesWithChanges++;
      } else if (result.reportedIds.size > 0) {
        eventsWithoutChange++;
      }
      if ([...result.actual].some((id) => inExpanded(id, expanded))) {
        cyclesWithExpandedChanges++;
      }
      reportedTotal += result.reportedIds.size;
      overReported += [...result.reportedIds].filter((id) => !result.actual.has(id)).length;
      const missedIds = [...result.actual].filter((id) => !isCoveredBy(id, result.reportedIds));
      missed += missedIds.length;
      if (missedIds.length > 0 && missedSamples.length < 5) {
        missedSamples.push(`cycle ${i}: ${missedIds.join(', ')} (reported ${[...result.reportedIds].join(', ') || 'nothing'}; requests ${result.pattern})`);
      }
    }
    const elapsed = performance.now() - started - pausedMs;
    const heapAfter = liveHeapBytes();
    const growth = heapAfter - heapBefore;
    const perCycle = requests / CYCLES;
    const visibleGroups = [...shown.values()].filter((row) => row.kind === 'group').length;
    const stats = model.stats();
    const fallbacks = Object.entries(stats.fallbacks).map(([reason, times]) => [reason, times - (statsBefore.fallbacks[reason as keyof typeof stats.fallbacks] ?? 0)] as const);
    const fellBack = fallbacks.reduce((sum, [, times]) => sum + times, 0);
    const applied = appliedPerCycle.reduce((sum, changes) => sum + changes, 0);
    const cyclesApplying = appliedPerCycle.filter((changes) => changes > 0).length;
    say(
      `${count(CYCLES)} refresh cycles in ${ms(elapsed)} (${ms(elapsed / CYCLES)} each, paced at ≥ ${CYCLE_REAL_MS} ms: ` +
        `about ${((elapsed / CYCLES) * TRAFFIC_SPEED / 1000).toFixed(1)} s of traffic each): ${perCycle.toFixed(2)} requests per cycle (max ${maxRequests}), ` +
        `= ${(counts / CYCLES).toFixed(2)} counts + ${(searches / CYCLES).toFixed(2)} searches (feed pages, audits, row refills); ${visibleGroups} groups on screen, ${EXPANDED_GROUPS} expanded`,
    );
    say(
      `change feed: ${count(applied)} changed workitems applied by ${stats.feedPages - statsBefore.feedPages} pages ` +
        `(${(applied / CYCLES).toFixed(1)} per cycle, median ${median(appliedPerCycle)}, p90 ${percentile(appliedPerCycle, 90)}, max ${Math.max(...appliedPerCycle)}; ` +
        `${cyclesApplying} of ${CYCLES} cycles applied changes); ${fellBack} cycles fell back to a full re-count` +
        `${fellBack > 0 ? ` (${fallbacks.filter(([, times]) => times > 0).map(([reason, times]) => `${reason} ${times}`).join(', ')})` : ''}` +
        `${stats.feedStopped ? `; feed stopped: ${stats.feedStopped}` : ''}; ` +
        `audits: ${stats.audits - statsBefore.audits} counts, ${stats.compared - statsBefore.compared} compared, ${stats.corrections - statsBefore.corrections} corrected`,
    );
    say(
      `requests by cycle (refresh | view reading the tree): ` +
        [...patterns].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([pattern, times]) => `${times}× [${pattern}]`).join('; ') +
        `; ${reportedWhileReading} ids reported while the view read the tree`,
    );
    say(`per expanded group: ${(perCycle / EXPANDED_GROUPS).toFixed(2)} requests per cycle (max ${(maxRequests / EXPANDED_GROUPS).toFixed(2)})`);
    say(
      `change events: ${cyclesWithChanges} cycles with changes on screen, ${cyclesWithExpandedChanges} with changes in the expanded groups; ` +
        `${reportedTotal} ids reported; ${overReported} reported without having changed, ${missed} changes not reported, ` +
        `${eventsWithoutChange} events in cycles without changes${missedSamples.length > 0 ? `; missed: ${missedSamples.join('; ')}` : ''}`,
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
    const timersWhileHidden = clock.pendingCount;
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

    // At the end too: every count on screen against a model built from scratch.
    await checkDrift();
    const differing = drifts.reduce((sum, drift) => sum + drift.differing.length, 0);
    const allQuiet = drifts.every((drift) => drift.quiet);
    const driftGroups = drifts[0]?.groups ?? 0;
    say(
      `drift (traffic paused, model refreshed, then compared with a fresh model) after cycles ${[...DRIFT_CHECKPOINTS].join(', ')} and at the end: ` +
        drifts.map((drift) => `${drift.differing.length} of ${drift.groups} groups${drift.quiet ? '' : ' (the server moved during the comparison)'}`).join('; ') +
        `${differing > 0 ? `: ${drifts.flatMap((drift) => drift.differing).join('; ')}` : ''}`,
    );

    const requestsMet = perCycle <= EXPANDED_GROUPS && maxRequests <= EXPANDED_GROUPS;
    return [
      {
        bench: '6 refresh requests',
        figure: `${perCycle.toFixed(2)} requests/cycle (max ${maxRequests}), ${EXPANDED_GROUPS} groups expanded (${(counts / CYCLES).toFixed(2)} counts + ${(searches / CYCLES).toFixed(2)} searches)`,
        target: `≤ 1 per expanded group, mean and max (≤ ${EXPANDED_GROUPS})`,
        comparison:
          `${(applied / CYCLES).toFixed(1)} changes applied per cycle (${cyclesApplying} of ${CYCLES} cycles), traffic ${TRAFFIC_SPEED}×; ` +
          `${visibleGroups} groups on screen; ${fellBack} fallbacks, ${stats.corrections - statsBefore.corrections} corrections`,
        verdict: verdictOf(requestsMet),
        ...(requestsMet
          ? {}
          : {
              note: `fallbacks: ${fallbacks.map(([reason, times]) => `${reason} ${times}`).join(', ') || 'none'}; a fallback re-counts every group on screen`,
            }),
      },
      {
        bench: '6 drift',
        figure: `${differing} of ${driftGroups} groups differ from a fresh model, ${drifts.length} checks`,
        target: '0',
        comparison: allQuiet ? 'traffic paused for each comparison; the server did not move' : 'the server moved during a comparison',
        verdict: verdictOf(allQuiet && differing === 0 && drifts.length > 0),
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
