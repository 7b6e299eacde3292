// Benchmark 10: the event tail under 400× living traffic. The sandbox (a child process, journal on
// disk) runs its traffic 400 times faster than real life; the extension's own live pieces take
// it in — the events socket through LiveChangeStream, the Events view's ring (EventTail) and its
// coalesced repaint — for `--tail-minutes` (10 by default). Then the changes seen are compared with
// the sandbox's journal, workitem by workitem: every journal line is one change the socket
// announces, so each workitem must have been seen exactly as often as the journal changed it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWsSocket } from '../../../src/live/wsSocket';
import { Coalescer } from '../../../src/model/live/coalescer';
import { EventTail, TAIL_RENDER_GAP_MS } from '../../../src/model/live/eventTail';
import type { LiveChange } from '../../../src/model/live/liveChange';
import { LiveChangeStream } from '../../../src/model/live/liveChangeStream';
import { parseJournal } from '../../../src/sandbox/persistence/journal';
import { JOURNAL_FILE } from '../../../src/sandbox/persistence/dataDir';
import type { BenchContext } from '../lib/context';
import { canMeasureHeap, liveHeapBytes } from '../lib/heap';
import { heading, say, verdictOf, type BenchResult } from '../lib/results';
import { startBenchSandbox } from '../lib/sandboxChild';
import { count } from '../lib/stats';

const BENCH = '10 live tail';
const SPEED = 400;
const RING = 2000;
const HEAP_SAMPLE_MS = 30_000;
/** Heap may grow this much from the first minute's reading to the last: the ring is full by then. */
const HEAP_BOUND_BYTES = 20 * 1024 * 1024;

function journalEntriesOf(dataDir: string): ReturnType<typeof parseJournal>['entries'] {
  const file = path.join(dataDir, JOURNAL_FILE);
  return parseJournal(file, fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '').entries;
}

function workitemOf(entry: ReturnType<typeof journalEntriesOf>[number]): string {
  return entry.kind === 'apply' ? entry.workitemId : entry.workitem.workitemId;
}

export async function runLiveTail(context: BenchContext): Promise<BenchResult[]> {
  heading(BENCH);
  const minutes = context.tailMinutes;
  const dataDir = fs.mkdtempSync(path.join(context.tempDir, 'tail-'));
  const streamLog: string[] = [];
  const sandbox = await startBenchSandbox({ size: 5000, traffic: true, trafficSpeed: SPEED, testHooks: true, dataDir });
  const stream = new LiveChangeStream({
    api: sandbox.client(),
    location: sandbox.url,
    token: () => sandbox.token,
    openSocket: openWsSocket,
    feedIntervalMs: 2000,
    log: (message) => streamLog.push(message),
  });
  const tail = new EventTail(RING);
  let renders = 0;
  let shownRows = 0;
  const render = new Coalescer(() => {
    renders += 1;
    shownRows = tail.shown().length;
  }, TAIL_RENDER_GAP_MS);
  // What was seen goes to a file, not to this heap: the heap readings are of the live pieces only.
  const seenFile = path.join(dataDir, 'seen.tsv');
  const seen = fs.openSync(seenFile, 'a');
  let deliveries = 0;
  const subscription = stream.onDidChange((changes: readonly LiveChange[]) => {
    fs.writeSync(seen, changes.map((change) => `${change.workitemId}\t${change.key}\n`).join(''));
    deliveries += changes.length;
    tail.push(changes, 'sandbox', () => undefined);
    render.request();
  });
  const heap: number[] = [];
  try {
    // Traffic waits while the stream connects and catches up (its first feed page brings changes
    // from before it started); what it saw until then is not part of the run.
    await sandbox.setTraffic(false);
    await stream.start();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const journalStart = journalEntriesOf(dataDir).length;
    const seenBefore = deliveries;
    await sandbox.setTraffic(true);
    const started = performance.now();
    const endAt = started + minutes * 60_000;
    while (performance.now() < endAt) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(HEAP_SAMPLE_MS, endAt - performance.now())));
      if (canMeasureHeap()) heap.push(liveHeapBytes());
      say(`${((performance.now() - started) / 60_000).toFixed(1)} min: ${count(deliveries)} changes, ${renders} renders, mode ${stream.mode}`);
    }
    await sandbox.setTraffic(false);
    const seconds = (performance.now() - started) / 1000;
    // The last announcements are on their way: wait until the stream has them all, or 10 s.
    const expected = new Map<string, number>();
    let journalChanges = 0;
    for (const entry of journalEntriesOf(dataDir).slice(journalStart)) {
      expected.set(workitemOf(entry), (expected.get(workitemOf(entry)) ?? 0) + 1);
      journalChanges += 1;
    }
    // On a loaded machine the reader may trail the writer: it is given until its count stops
    // moving for 10 s (at most 5 minutes), so what is counted as missed is lost, not late.
    const settleStarted = performance.now();
    let lastCount = -1;
    let stillSince = performance.now();
    while (deliveries - seenBefore < journalChanges && performance.now() - stillSince < 10_000 && performance.now() - settleStarted < 300_000) {
      if (deliveries !== lastCount) {
        lastCount = deliveries;
        stillSince = performance.now();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const trailedMs = performance.now() - settleStarted;
    fs.closeSync(seen);
    const seenKeys = new Set<string>();
    const seenPerWorkitem = new Map<string, number>();
    let duplicates = 0;
    for (const line of fs.readFileSync(seenFile, 'utf8').split('\n').slice(seenBefore)) {
      const [workitemId, key] = line.split('\t');
      if (workitemId === undefined || key === undefined) continue;
      if (seenKeys.has(key)) {
        duplicates += 1;
        continue;
      }
      seenKeys.add(key);
      seenPerWorkitem.set(workitemId, (seenPerWorkitem.get(workitemId) ?? 0) + 1);
    }
    let missed = 0;
    let unexpected = 0;
    for (const workitemId of new Set([...expected.keys(), ...seenPerWorkitem.keys()])) {
      const want = expected.get(workitemId) ?? 0;
      const got = seenPerWorkitem.get(workitemId) ?? 0;
      missed += Math.max(0, want - got);
      unexpected += Math.max(0, got - want);
    }
    const rate = journalChanges / seconds;
    const rendersPerSecond = renders / seconds;
    const firstHeap = heap[Math.min(1, heap.length - 1)];
    const lastHeap = heap[heap.length - 1];
    const growth = firstHeap !== undefined && lastHeap !== undefined ? lastHeap - firstHeap : undefined;
    say(`journal: ${count(journalChanges)} changes in ${seconds.toFixed(0)} s (${rate.toFixed(0)}/s); seen ${count(seenKeys.size)} (${count(deliveries - seenBefore)} deliveries)`);
    say(`missed ${missed}, seen but not in the journal ${unexpected}, delivered twice ${duplicates}; ring holds ${tail.size}, view showed ${shownRows}`);
    say(`renders: ${renders} (${rendersPerSecond.toFixed(1)}/s for ${rate.toFixed(0)} changes/s)`);
    if (growth !== undefined) say(`heap after the first ${HEAP_SAMPLE_MS / 1000} s → at the end: ${(growth / 1024 / 1024).toFixed(1)} MB`);
    if (streamLog.length > 0) say(`the stream said (${streamLog.length} lines): ${[...new Set(streamLog)].slice(0, 5).join(' | ')}`);
    say(`the reader trailed the journal by ${(trailedMs / 1000).toFixed(1)} s when traffic stopped; stream mode at the end: ${stream.mode}`);
    return [
      {
        bench: BENCH,
        figure: `${count(journalChanges)} changes over ${minutes} min at ${rate.toFixed(0)}/s: ${missed} missed, ${duplicates + unexpected} duplicated`,
        target: '0 missed, 0 duplicated against the journal',
        comparison: `renders ${rendersPerSecond.toFixed(1)}/s (${(rate / Math.max(rendersPerSecond, 0.001)).toFixed(0)} changes per render); heap growth ${growth === undefined ? 'not measured' : `${(growth / 1024 / 1024).toFixed(1)} MB`}`,
        verdict: verdictOf(
          journalChanges > 0 && missed === 0 && duplicates === 0 && unexpected === 0 && rendersPerSecond <= 1000 / TAIL_RENDER_GAP_MS + 0.5 &&
            (growth === undefined || growth < HEAP_BOUND_BYTES),
        ),
        note: `The Events view's ring of ${RING} and its repaint every ${TAIL_RENDER_GAP_MS} ms at most; heap bound ${HEAP_BOUND_BYTES / 1024 / 1024} MB.`,
      },
    ];
  } finally {
    try {
      fs.closeSync(seen);
    } catch {
      // Closed already after the run.
    }
    subscription.dispose();
    render.dispose();
    stream.dispose();
    await sandbox.stop();
  }
}
