// What the CLI prints after its ready line: where the data lives, who can sign in, what is there.
import { WORKITEM_STATES } from '../../api/domain';
import type { RunningSandbox } from './startSandbox';

export interface SummaryFacts {
  dataDir?: string;
  traffic: boolean;
  /** Omitted: real-life pace. */
  trafficSpeed?: number;
  allowFaults: boolean;
  tokenLifetimeSeconds: number;
  startupMs: number;
  network?: {
    caPath?: string;
    latencyMs: number;
    jitterMs: number;
    dropRate: number;
    rateLimit?: number;
  };
}

function networkLines(facts: SummaryFacts): string[] {
  const network = facts.network;
  if (!network) return [];
  const lines: string[] = [];
  if (network.caPath) {
    lines.push(`  tls:       on; trust the CA in ${network.caPath} (e.g. NODE_EXTRA_CA_CERTS or the CA file setting)`);
  }
  if (network.latencyMs > 0 || network.jitterMs > 0 || network.dropRate > 0) {
    lines.push(
      `  network:   +${network.latencyMs} ms each way (±${network.jitterMs} ms), ${network.dropRate * 100}% of connections dropped or stalled`,
    );
  }
  if (network.rateLimit !== undefined) {
    lines.push(`  rate:      at most ${network.rateLimit} requests a second per token (then 429 with Retry-After)`);
  }
  return lines;
}

function countsByState(sandbox: RunningSandbox): string {
  return WORKITEM_STATES.map((state) => {
    try {
      return `${state} ${sandbox.store.search({ q: `state:${state}`, rows: 0, start: 0 }).total}`;
    } catch {
      return `${state} ?`;
    }
  }).join(', ');
}

function trafficLine(facts: SummaryFacts): string {
  if (!facts.traffic) {
    return 'off';
  }
  const speed = facts.trafficSpeed ?? 1;
  return speed === 1 ? 'on (workitems arrive and move every few seconds)' : `on, ${speed} times faster than real life`;
}

export function startupSummary(sandbox: RunningSandbox, facts: SummaryFacts): string[] {
  const storage = facts.dataDir
    ? `journal in ${facts.dataDir} (${sandbox.replayed} entries replayed)`
    : 'in memory (lost on exit)';
  const width = Math.max(...sandbox.users.map((user) => `${user.username} / ${user.password}`.length));
  return [
    `  data:      ${sandbox.store.size} workitems (seed ${sandbox.seed}, size ${sandbox.size}), ${storage}`,
    `  by state:  ${countsByState(sandbox)}`,
    `  queues:    ${sandbox.store.queues().map((queue) => queue._id).join(', ')}`,
    `  traffic:   ${trafficLine(facts)}`,
    ...networkLines(facts),
    `  faults:    ${facts.allowFaults ? 'allowed (PUT / DELETE /__sandbox/faults)' : 'off'}`,
    `  tokens:    GET /provider/token-with-authorities with HTTP Basic; valid ${facts.tokenLifetimeSeconds} s`,
    '  users:',
    ...sandbox.users.map(
      (user) => `    ${`${user.username} / ${user.password}`.padEnd(width)}  ${user.permissions.join(', ')}`,
    ),
    `  started in ${facts.startupMs} ms; press Ctrl+C to stop.`,
  ];
}
