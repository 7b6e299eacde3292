// 11. The extension over a real network inside the real VS Code of the harness: the real-network
// suite (test/integration/realNetwork.test.ts) run for several rounds per configuration
// (`http.proxySupport` at its default and off, and through a CONNECT proxy), each step's network
// share in round trips (100 ms each way; the same step against a twin tenant without delay
// subtracted, so the workbench's own time is left out). Medians against the issue's targets.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchContext } from '../lib/context';
import { runCommand, tail } from '../lib/processes';
import { heading, say, verdictOf, type BenchResult } from '../lib/results';
import { REPO_ROOT } from '../lib/sandboxChild';
import { median, ms } from '../lib/stats';
import { NetworkFigureSchema, type NetworkFigure } from '../vscode/networkFigures';

const BENCH = '11 real network in VS Code';
const ROUNDS = 5;
const HARNESS_TIMEOUT_S = 600;
const SUITE = 'a real network in VS Code';

const FIRST_PAINT_AFTER_SIGN_IN = 'first paint after sign-in';

/** A round's share of each step, with the first paint after the sign-in taken apart from it. */
function sharesOf(round: NetworkFigure): Record<string, number> {
  const together = round.shares['sign-in + first paint'];
  const signIn = round.shares['sign-in'];
  return together === undefined || signIn === undefined ? round.shares : { ...round.shares, [FIRST_PAINT_AFTER_SIGN_IN]: together - signIn };
}

/** The steps held to a target (the suite's names), with the issue's target in round trips. */
const TARGETS: ReadonlyArray<{ step: string; target: number; label: string }> = [
  // No connection yet: the sign-in's own request on a cold connection (TCP, TLS: 3 RTT), then the
  // first paint's parallel counts, most of them on new connections (3 RTT).
  { step: 'sign-in + first paint', target: 6, label: 'sign-in + first paint (cold connections)' },
  // The issue's cold first paint: what the paint adds to the sign-in, whose connection is the only
  // one open (the others are opened cold, TCP and TLS through the delay).
  { step: FIRST_PAINT_AFTER_SIGN_IN, target: 3.5, label: "first paint, cold (after the sign-in's own request)" },
  { step: 'first paint, warm', target: 1.5, label: 'first paint, warm (the tree started over)' },
  { step: 'open a state group', target: 1.5, label: 'open a state group' },
  { step: 'open a channel group (rows)', target: 1.5, label: 'open a channel group (rows)' },
  { step: 'open a panel', target: 1.5, label: 'open a panel' },
  { step: 'an action', target: 1.5, label: 'an action' },
  { step: 'refresh cycle', target: 1.2, label: 'refresh cycle' },
];

async function runSuite(outFile: string): Promise<NetworkFigure[]> {
  const finished = await runCommand('bash', [path.join(REPO_ROOT, 'scripts', 'harness', 'vscode-harness.sh'), 'test'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      WORKITEM_TEST_GREP: SUITE,
      WORKITEM_TEST_TIMEOUT_MS: String(HARNESS_TIMEOUT_S * 1000),
      WORKITEM_HARNESS_TIMEOUT_S: String(HARNESS_TIMEOUT_S),
      WORKITEM_NETWORK_ROUNDS: String(ROUNDS),
      WORKITEM_NETWORK_FIGURES: outFile,
    },
    timeoutMs: (HARNESS_TIMEOUT_S + 90) * 1000,
  });
  if (finished.status !== 0 || !fs.existsSync(outFile)) {
    throw new Error(`the harness run failed (status ${finished.status}):\n${tail(finished.output, 25)}`);
  }
  say(`harness run: ${ms(finished.ms)} (VS Code server, Chromium, the real-network suite × ${ROUNDS} rounds)`);
  return fs
    .readFileSync(outFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => NetworkFigureSchema.parse(JSON.parse(line)));
}

export async function runVscodeNetwork(context: BenchContext): Promise<BenchResult[]> {
  heading(`${BENCH}: the extension in the harness's VS Code, HTTPS with 100 ms each way, ${ROUNDS} rounds per configuration`);
  if (!fs.existsSync(path.join(REPO_ROOT, 'out', 'test', 'integration', 'realNetwork.test.js'))) {
    throw new Error('compile the tests first (npm run compile-tests): out/test/integration/realNetwork.test.js is missing');
  }
  const figures = await runSuite(path.join(context.tempDir, 'network-figures.jsonl'));
  const configurations = [...new Set(figures.map((figure) => figure.configuration))];
  const results: BenchResult[] = [];
  for (const configuration of configurations) {
    const rounds = figures.filter((figure) => figure.configuration === configuration);
    const [first] = rounds;
    if (!first) continue;
    const perConnection = first.requests / Math.max(1, first.connections);
    say(
      `${configuration}: ${first.requests} requests over ${first.connections} TCP connections (${perConnection.toFixed(1)} per connection), ` +
        `${first.handshakes} full TLS handshakes${first.tunnels > 0 ? `, ${first.tunnels} proxy tunnels` : ''}`,
    );
    const signIn = rounds.map((round) => round.shares['sign-in'] ?? Number.NaN);
    say(`  sign-in alone (a cold connection: TCP, TLS, the request): median ${median(signIn).toFixed(2)} RTT`);
    for (const { step, target, label } of TARGETS) {
      const shares = rounds.map((round) => sharesOf(round)[step]).filter((share): share is number => share !== undefined);
      if (shares.length === 0) continue;
      const value = median(shares);
      const met = value <= target;
      say(`  ${label}: median ${value.toFixed(2)} RTT (rounds ${shares.map((share) => share.toFixed(1)).join(', ')}; target ≤ ${target}: ${met ? 'met' : 'missed'})`);
      results.push({
        bench: `${BENCH}: ${configuration}: ${label}`,
        figure: `${value.toFixed(2)} RTT (median of ${shares.length})`,
        target: `≤ ${target} RTT`,
        comparison: `rounds ${Math.min(...shares).toFixed(1)}–${Math.max(...shares).toFixed(1)} RTT`,
        verdict: verdictOf(met),
      });
    }
    results.push({
      bench: `${BENCH}: ${configuration}: connections`,
      figure: `${first.requests} requests over ${first.connections} connections, ${first.handshakes} full TLS handshakes`,
      target: '≥ 3 requests per connection',
      comparison: 'a connection per request: 1 per connection',
      verdict: verdictOf(perConnection >= 3),
    });
  }
  if (results.length === 0) throw new Error('the suite wrote no figures');
  return results;
}
