// 12. Several tenants open at once in the Workitems view: five sandboxes in child processes of their
// own (different seeds), each behind a modelled network of 40 ms each way, as tenants across the
// internet are. Each is read the way the view reads a tenant not in use: its own client from its
// stored session (TenantClients) and its own tree (TenantBranches). Measured: the first paint of all
// five opened together against the first paint of one (target ≤ 1.3×), against painting the five
// one after another (the naive way), and the live heap each further tenant adds (target < 5 MB),
// against what the first one takes.
import { signIn } from '../../../src/api/auth';
import { NcxClient } from '../../../src/api/client';
import { TenantClients } from '../../../src/connection/tenantClients';
import { readTokenClaims } from '../../../src/connection/tokenClaims';
import type { GroupModelNode } from '../../../src/model/modelNodes';
import { spawnSandboxProcess, type SandboxProcess } from '../../../src/sandbox';
import { parseBranchNodeId, TenantBranches } from '../../../src/views/tree/tenantBranches';
import { MemorySessionStore } from '../../unit/connection/helpers/memorySessionStore';
import type { BenchContext } from '../lib/context';
import { liveHeapBytes } from '../lib/heap';
import { heading, say, verdictOf, type BenchResult } from '../lib/results';
import { SANDBOX_SCRIPT } from '../lib/sandboxChild';
import { bytes, count, median, ms, ratio, timed } from '../lib/stats';

const BENCH = '12 several tenants';
const TENANTS = 5;
const SIZE = 20_000;
const LATENCY_MS = 40;
const WARM_UP = 2;
const SAMPLES = 7;
const PAINT_RATIO_TARGET = 1.3;
const HEAP_PER_TENANT_TARGET = 5 * 1024 * 1024;

interface Tenant {
  name: string;
  child: SandboxProcess;
}

const PAGE_SIZE = 100;

function tenantClients(sessions: MemorySessionStore, onRequest: () => void): TenantClients {
  return new TenantClients({
    sessions,
    buildClient: (args) => new NcxClient({ ...args, retries: 0, timeoutMs: 60_000, onRequest }),
    authScheme: () => 'bearer',
    allowInsecureHttp: () => false,
    readClaims: readTokenClaims,
  });
}

/** A tenant's tree as a reader leaves it: its counts, its largest state, that state's largest channel's first page. */
async function openTree(branches: TenantBranches, name: string): Promise<void> {
  let rows = await branches.children(name);
  for (let depth = 0; depth < 2; depth++) {
    const largest = rows.filter((row): row is GroupModelNode => row.kind === 'group').sort((a, b) => b.count - a.count)[0];
    if (largest === undefined) throw new Error(`${name}: no group to open at depth ${depth}`);
    rows = await branches.children(name, parseBranchNodeId(largest.id)?.modelId ?? '');
  }
  if (!rows.some((row) => row.kind === 'workitem')) throw new Error(`${name}: the opened group listed no workitems`);
}

function branchesOver(clients: TenantClients): TenantBranches {
  return new TenantBranches({
    apiFor: (tenant) => clients.apiFor(tenant),
    options: () => ({ groupBy: 'stateChannel', pageSize: PAGE_SIZE, changeFeed: true }),
    onChange: () => undefined,
  });
}

/** Opens the tenants' rows together, as a reader opening five rows in a row does; checks each painted. */
async function paint(branches: TenantBranches, names: readonly string[]): Promise<number> {
  const painted = await Promise.all(names.map((name) => branches.children(name)));
  painted.forEach((rows, index) => {
    const total = rows.reduce((sum, row) => sum + (row.kind === 'group' ? (row as GroupModelNode).count : 0), 0);
    if (total !== SIZE) throw new Error(`${names[index]} painted ${total} workitems, not ${SIZE}: ${JSON.stringify(rows.slice(0, 2))}`);
  });
  return painted.length;
}

async function timedPaints(clients: TenantClients, names: readonly string[], oneAfterAnother = false): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < WARM_UP + SAMPLES; i++) {
    const branches = branchesOver(clients);
    const { ms: elapsed } = await timed(async () => {
      if (!oneAfterAnother) return paint(branches, names);
      for (const name of names) await paint(branches, [name]);
      return names.length;
    });
    branches.dispose();
    if (i >= WARM_UP) samples.push(elapsed);
  }
  return median(samples);
}

export async function runSeveralTenants(_context: BenchContext): Promise<BenchResult[]> {
  heading(`${BENCH}: ${TENANTS} sandboxes of ${count(SIZE)} workitems, ${LATENCY_MS} ms each way, read as tenants not in use`);
  const tenants: Tenant[] = [];
  try {
    const children = await Promise.all(
      Array.from({ length: TENANTS }, (_, index) =>
        spawnSandboxProcess({ script: SANDBOX_SCRIPT, port: 0, size: SIZE, seed: 11 + index, traffic: false, latencyMs: LATENCY_MS, startTimeoutMs: 240_000 }),
      ),
    );
    children.forEach((child, index) => tenants.push({ name: `tenant-${index + 1}`, child }));
    const sessions = new MemorySessionStore();
    for (const tenant of tenants) {
      const grant = await signIn({ loginUrl: tenant.child.url, username: 'admin', password: 'admin-password' });
      await sessions.set(tenant.name, { loginUrl: tenant.child.url, location: grant.location, token: grant.token, username: 'admin' });
    }
    let requests = 0;
    const clients = tenantClients(sessions, () => (requests += 1));
    const names = tenants.map((tenant) => tenant.name);
    const [first] = names;
    if (first === undefined) throw new Error('no tenant started');

    const oneMs = await timedPaints(clients, [first]);
    const mark = requests;
    const allMs = await timedPaints(clients, names);
    const requestsPerPaint = (requests - mark) / (WARM_UP + SAMPLES);
    const sequentialMs = await timedPaints(clients, names, true);
    const paintRatio = allMs / oneMs;
    say(`first paint of one tenant: median ${ms(oneMs)} over ${SAMPLES} fresh trees (after ${WARM_UP} warm-up), a round trip is ${ms(2 * LATENCY_MS)}`);
    say(`first paint of ${TENANTS} opened together: median ${ms(allMs)}, ${requestsPerPaint.toFixed(0)} requests — ${ratio(paintRatio)} one tenant's (target ≤ ${PAINT_RATIO_TARGET}×)`);
    say(`the naive way, ${TENANTS} painted one after another: median ${ms(sequentialMs)} — ${ratio(sequentialMs / oneMs)} one tenant's`);

    // Heap: nothing open, one tenant open, all open, each as a reader leaves it (its client and
    // connection pool, its counts, its largest state opened down to a page of rows), kept alive.
    const heapClients = tenantClients(sessions, () => undefined);
    const base = liveHeapBytes();
    const held = branchesOver(heapClients);
    await openTree(held, first);
    const withOne = liveHeapBytes();
    for (const name of names.slice(1)) await openTree(held, name);
    const withAll = liveHeapBytes();
    const firstTenant = withOne - base;
    const perFurther = (withAll - withOne) / (TENANTS - 1);
    const rowsHeld = names.reduce((sum, name) => sum + (held.modelOf(name)?.rootStatus().kind === 'loaded' ? 1 : 0), 0);
    held.dispose();
    heapClients.dispose();
    say(`live heap with ${rowsHeld} tenants open (counts, a state, a page of ${PAGE_SIZE} rows each): the first tenant adds ${bytes(firstTenant)}; each further tenant ${bytes(perFurther)} (target < ${bytes(HEAP_PER_TENANT_TARGET)})`);
    clients.dispose();

    return [
      {
        bench: BENCH,
        figure: `${TENANTS} together ${ms(allMs)}: ${ratio(paintRatio)} one tenant's`,
        target: `≤ ${PAINT_RATIO_TARGET}× one tenant's`,
        comparison: `one tenant ${ms(oneMs)}; one after another ${ms(sequentialMs)} (${ratio(sequentialMs / oneMs)})`,
        verdict: verdictOf(paintRatio <= PAINT_RATIO_TARGET),
      },
      {
        bench: '12 heap per tenant',
        figure: `${bytes(perFurther)} per further tenant`,
        target: `< ${bytes(HEAP_PER_TENANT_TARGET)}`,
        comparison: `first tenant ${bytes(firstTenant)}`,
        verdict: verdictOf(perFurther < HEAP_PER_TENANT_TARGET),
      },
    ];
  } finally {
    await Promise.all(tenants.map((tenant) => tenant.child.stop()));
  }
}
