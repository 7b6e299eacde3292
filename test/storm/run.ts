// The storm: the sandbox as a child process with a fresh data directory, N concurrent actions and
// searches for a few seconds, then every invariant over every workitem; then a second storm during
// which the child is killed (SIGKILL), a restart from the data directory, and the check that every
// acknowledged action survived. Loopback only; bounded in actions and time. Prints the counts and
// exits non-zero on any violation.
//
//   node out/test/storm/run.js [--actions 2000] [--seconds 5] [--concurrency 32] [--targets 60]
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { NcxClient } from '../../src/api/client';
import type { Workitem } from '../../src/api/schemas';
import type { SandboxProcess } from '../../src/sandbox/server/sandboxProcess';
import { readAll, signedInClients, startChild, type ChildOptions } from './childSandbox';
import { historyViolations, workitemViolations } from './invariants';
import { seededRandom, type Random } from './random';
import { runStorm, type StormRecord } from './storm';
import { parseStormOptions, type StormOptions } from './stormOptions';

const FINISHED_STATES = new Set(['terminated', 'dispositioned']);

interface PhaseResult {
  violations: string[];
  found: number;
}

function log(line: string): void {
  process.stdout.write(`storm: ${line}\n`);
}

/** Live workitems to aim at, mostly talking or held calls (the ones hold and unhold toggle), so that actions collide. */
function chooseTargets(all: ReadonlyMap<string, Workitem>, count: number, random: Random): string[] {
  const live = [...all.values()].filter((workitem) => !FINISHED_STATES.has(workitem.state));
  const toggling = (workitem: Workitem): boolean => workitem.channelType === 'voice' && (workitem.state === 'active' || workitem.state === 'hold');
  const voice = live.filter(toggling);
  const other = live.filter((workitem) => !toggling(workitem));
  const chosen = new Set<string>();
  while (chosen.size < Math.min(count, live.length)) {
    const pool = voice.length > 0 && (random.next() < 0.8 || other.length === 0) ? voice : other;
    chosen.add(random.pick(pool).workitemId);
  }
  return [...chosen];
}

/** Every invariant over every workitem, and each target's history against what was acknowledged. */
function checkPhase(before: ReadonlyMap<string, Workitem>, after: ReadonlyMap<string, Workitem>, record: StormRecord, targets: readonly string[]): PhaseResult {
  const violations = [...record.unexpected];
  if (after.size !== before.size) {
    violations.push(`${before.size} workitems before, ${after.size} after`);
  }
  for (const workitem of after.values()) {
    violations.push(...workitemViolations(workitem));
  }
  const targeted = new Set(targets);
  for (const [id, workitem] of before) {
    if (!targeted.has(id) && !isDeepStrictEqual(after.get(id), workitem)) {
      violations.push(`${id} changed, though no action was sent to it`);
    }
  }
  let found = 0;
  for (const id of targets) {
    const initial = before.get(id);
    const final = after.get(id);
    if (initial === undefined || final === undefined) {
      violations.push(`${id} disappeared`);
      continue;
    }
    const acks = record.acknowledged.filter((ack) => ack.workitemId === id);
    const check = historyViolations(initial, final, acks, record.unknown.get(id) ?? 0);
    violations.push(...check.violations);
    found += check.found;
  }
  return { violations, found };
}

function describe(record: StormRecord): string {
  const unknown = [...record.unknown.values()].reduce((sum, count) => sum + count, 0);
  return (
    `${record.sent} actions sent, ${record.acknowledged.length} acknowledged, ${record.refused} refused (409)` +
    `${unknown > 0 ? `, ${unknown} cut off` : ''}; ${record.searches} searches`
  );
}

async function storm(options: StormOptions): Promise<string[]> {
  const random = seededRandom(options.seed);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ncx-storm-'));
  const child: ChildOptions = { dataDir, size: options.size, seed: options.seed };
  const stderr: string[] = [];
  const running: SandboxProcess[] = [];
  const start = async (): Promise<SandboxProcess> => {
    const sandbox = await startChild(child, (line) => stderr.push(line));
    running.push(sandbox);
    return sandbox;
  };
  const plan = (clients: readonly NcxClient[], targets: readonly string[], queues: readonly string[]) => ({
    clients,
    targets,
    queues,
    random,
    maxActions: options.actions,
    maxMs: options.seconds * 1000,
    concurrency: options.concurrency,
    checkWorkitem: workitemViolations,
  });
  try {
    // Phase 1: a storm against a sandbox that stays up; every outcome is known.
    const first = await start();
    let clients = await signedInClients(first.url);
    const [reader] = clients;
    if (!reader) throw new Error('no client');
    const queues = (await reader.listQueues()).map((queue) => queue._id);
    const initial = await readAll(reader);
    const targets = chooseTargets(initial, options.targets, random);
    log(`sandbox pid ${first.pid} at ${first.url}, ${initial.size} workitems, ${targets.length} targets, ${options.concurrency} at once`);
    const calm = await runStorm(plan(clients, targets, queues));
    const afterCalm = await readAll(reader);
    const phase1 = checkPhase(initial, afterCalm, calm, targets);
    log(`phase 1: ${describe(calm)}; ${phase1.found} of ${calm.acknowledged.length} acknowledged found; ${phase1.violations.length} violations`);

    // Phase 2: the same, but the child is SIGKILLed in the middle; then restarted from its data.
    const targets2 = chooseTargets(afterCalm, options.targets, random);
    const killAfter = Math.max(10, Math.floor(options.actions / 3));
    const stormy = await runStorm({
      ...plan(clients, targets2, queues),
      interruptWhen: (record, elapsedMs) => record.sent >= killAfter || elapsedMs > (options.seconds * 1000) / 2,
      interrupt: () => first.kill('SIGKILL'),
    });
    const exit = await first.exited;
    const second = await start();
    clients = await signedInClients(second.url);
    const [rereader] = clients;
    if (!rereader) throw new Error('no client');
    const afterKill = await readAll(rereader);
    const phase2 = checkPhase(afterCalm, afterKill, stormy, targets2);
    log(
      `phase 2: ${describe(stormy)}; killed with ${exit.signal ?? exit.code} while ${stormy.inFlightAtInterrupt} requests were in flight; ` +
        `after the restart ${phase2.found} of ${stormy.acknowledged.length} acknowledged found; ${phase2.violations.length} violations`,
    );
    // The restarted sandbox still answers actions, with tokens issued before the kill.
    const probe = await runStorm({ ...plan(clients, targets2, queues), maxActions: 50 });
    const violations = [...phase1.violations, ...phase2.violations, ...probe.unexpected.map((problem) => `after restart: ${problem}`)];
    if (stormy.inFlightAtInterrupt === 0) {
      violations.push('the kill did not land in the middle of the storm (no request was in flight)');
    }
    log(`totals: ${calm.sent + stormy.sent} actions sent, ${calm.acknowledged.length + stormy.acknowledged.length} acknowledged, ` +
      `${stormy.acknowledged.length} acknowledged in the killed storm, ${phase2.found} found after the kill`);
    if (violations.length > 0 && stderr.length > 0) {
      log(`sandbox stderr (last lines):\n${stderr.slice(-10).join('\n')}`);
    }
    return violations;
  } finally {
    await Promise.all(running.map((sandbox) => sandbox.stop()));
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

storm(parseStormOptions(process.argv.slice(2))).then(
  (violations) => {
    for (const violation of violations.slice(0, 30)) {
      log(`VIOLATION ${violation}`);
    }
    log(violations.length === 0 ? 'OK: no violation' : `FAILED: ${violations.length} violations`);
    process.exitCode = violations.length === 0 ? 0 : 1;
  },
  (error: unknown) => {
    log(`could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 2;
  },
);
