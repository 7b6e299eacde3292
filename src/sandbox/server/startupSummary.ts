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
    `  faults:    ${facts.allowFaults ? 'allowed (PUT / DELETE /__sandbox/faults)' : 'off'}`,
    `  tokens:    GET /provider/token-with-authorities with HTTP Basic; valid ${facts.tokenLifetimeSeconds} s`,
    '  users:',
    ...sandbox.users.map(
      (user) => `    ${`${user.username} / ${user.password}`.padEnd(width)}  ${user.permissions.join(', ')}`,
    ),
    `  started in ${facts.startupMs} ms; press Ctrl+C to stop.`,
  ];
}
