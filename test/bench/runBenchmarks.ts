// `npm run bench`: every performance benchmark in one run, each figure printed beside the
// comparison measured in the same run, then a summary table. Exits 1 when a target is missed.
//
//   node --expose-gc out/test/bench/runBenchmarks.js [--only 1,3] [--size N] [--tail-minutes M]
//
// The million-workitem sandbox takes a while to start, so it is started once, in a child process,
// and shared by the benchmarks that need it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runClientThroughput } from './benchmarks/clientThroughput';
import { runDetailRender } from './benchmarks/detailRender';
import { runExtensionBudget } from './benchmarks/extensionBudget';
import { runLiveLatency } from './benchmarks/liveLatency';
import { runLiveTail } from './benchmarks/liveTail';
import { runSandboxSearch } from './benchmarks/sandboxSearch';
import { runSteadyState } from './benchmarks/steadyState';
import { runTreeFirstPaint } from './benchmarks/treeFirstPaint';
import { runRealNetwork } from './benchmarks/realNetwork';
import { runWorkbench } from './benchmarks/workbench';
import { runVscodeNetwork } from './benchmarks/vscodeNetwork';
import { runSeveralTenants } from './benchmarks/severalTenants';
import type { BenchContext } from './lib/context';
import { canMeasureHeap } from './lib/heap';
import { endRunningCommands } from './lib/processes';
import { printSummary, type BenchResult } from './lib/results';
import { startBenchSandbox, type BenchSandbox } from './lib/sandboxChild';
import { count } from './lib/stats';

const DEFAULT_SIZE = 1_000_000;
/** This run's folder, removed even when the run is interrupted. */
let removeOnInterrupt: string | undefined;

const BENCHMARKS: ReadonlyArray<{ id: string; title: string; run: (context: BenchContext) => Promise<BenchResult[]> }> = [
  { id: '1', title: '1 tree first paint', run: runTreeFirstPaint },
  { id: '2', title: '2 client throughput', run: runClientThroughput },
  { id: '3', title: '3 sandbox search', run: runSandboxSearch },
  { id: '4', title: '4 detail webview', run: runDetailRender },
  { id: '5', title: '5 extension', run: runExtensionBudget },
  { id: '6', title: '6 steady state', run: runSteadyState },
  { id: '7', title: '7 real network', run: runRealNetwork },
  { id: '8', title: '8 workbench', run: runWorkbench },
  { id: '9', title: '9 live latency', run: runLiveLatency },
  { id: '10', title: '10 live tail', run: runLiveTail },
  { id: '11', title: '11 real network in VS Code', run: runVscodeNetwork },
  { id: '12', title: '12 several tenants', run: runSeveralTenants },
];

const ArgsSchema = z.object({
  only: z
    .string()
    .optional()
    .transform((value) => (value === undefined ? undefined : new Set(value.split(',').map((id) => id.trim())))),
  size: z.coerce.number().int().min(1000).max(DEFAULT_SIZE).default(DEFAULT_SIZE),
  'tail-minutes': z.coerce.number().min(0.5).max(120).default(10),
});

function readArgs(): z.infer<typeof ArgsSchema> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { only: { type: 'string' }, size: { type: 'string' }, 'tail-minutes': { type: 'string' } },
    strict: true,
  });
  return ArgsSchema.parse(values);
}

async function main(): Promise<number> {
  const args = readArgs();
  if (!canMeasureHeap()) {
    console.error('Run with node --expose-gc: the memory figures need full collections.');
    return 2;
  }
  const selected = BENCHMARKS.filter((bench) => args.only === undefined || args.only.has(bench.id));
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workitem-bench-'));
  removeOnInterrupt = tempDir;
  const load = os.loadavg().map((value) => value.toFixed(2)).join(' ');
  console.log(
    `Workitem Inspector benchmarks: ${selected.map((bench) => bench.id).join(', ')}; ${os.cpus().length} cores, ` +
      `load average ${load}, node ${process.version}; shared sandbox of ${count(args.size)} workitems`,
  );

  let shared: Promise<BenchSandbox> | undefined;
  const context: BenchContext = {
    size: args.size,
    tailMinutes: args['tail-minutes'],
    tempDir,
    sandbox: () => {
      shared ??= startBenchSandbox({ size: args.size, traffic: false }).then((sandbox) => {
        console.log(`  (shared sandbox: ${count(sandbox.size)} workitems, child pid ${sandbox.pid}, ready in ${(sandbox.startupMs / 1000).toFixed(1)} s)`);
        return sandbox;
      });
      return shared;
    },
  };

  const started = performance.now();
  const results: BenchResult[] = [];
  try {
    for (const bench of selected) {
      try {
        results.push(...(await bench.run(context)));
      } catch (error) {
        console.error(`  ${bench.title} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        results.push({
          bench: bench.title,
          figure: 'failed',
          target: '—',
          comparison: '—',
          verdict: 'not measured',
          note: error instanceof Error ? error.message : String(error),
        });
      }
    }
  } finally {
    if (shared) {
      await (await shared.catch(() => undefined))?.stop();
    }
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
  printSummary(results);
  console.log(`Whole run: ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  return results.every((result) => result.verdict === 'met') ? 0 : 1;
}

// Sandboxes follow this process out by themselves (their lifeline is a pipe from it); commands
// that lead process groups of their own (the VS Code harness) are ended here.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    endRunningCommands();
    if (removeOnInterrupt !== undefined) {
      fs.rmSync(removeOnInterrupt, { recursive: true, force: true });
    }
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 2;
  },
);
