// Benchmark 9: change-to-delivery latency of live changes, the events socket against the change
// feed (read every 2 s, as the fallback does), in the same run: 1,000 hold/unhold actions sent over
// HTTP to an in-process sandbox, each timed from just before its request to the moment each stream
// hands the change on (what the tree nudge, the Events view and open panels react to).
import { signIn } from '../../../src/api/auth';
import { NcxClient } from '../../../src/api/client';
import { openWsSocket } from '../../../src/live/wsSocket';
import type { LiveChange } from '../../../src/model/live/liveChange';
import { LiveChangeStream } from '../../../src/model/live/liveChangeStream';
import { startSandbox } from '../../../src/sandbox/server/startSandbox';
import type { BenchContext } from '../lib/context';
import { heading, say, verdictOf, type BenchResult } from '../lib/results';
import { ms, percentile, ratio } from '../lib/stats';

const BENCH = '9 live latency';
const CHANGES = 1000;
const FEED_INTERVAL_MS = 2000;

export async function runLiveLatency(_context: BenchContext): Promise<BenchResult[]> {
  heading(BENCH);
  const sandbox = await startSandbox({ size: 2000 });
  try {
    const grant = await signIn({ loginUrl: sandbox.url, username: 'admin', password: 'admin-password' });
    const api = new NcxClient({ location: grant.location, token: () => grant.token, retries: 0 });
    const sentAt = new Map<string, number>();
    const latencies = { socket: [] as number[], feed: [] as number[] };
    const follow = (via: 'socket' | 'feed'): LiveChangeStream => {
      const stream = new LiveChangeStream({
        api,
        location: grant.location,
        token: () => grant.token,
        openSocket: via === 'socket' ? openWsSocket : () => {
          throw new Error('no socket: feed only');
        },
        feedIntervalMs: FEED_INTERVAL_MS,
        backoff: { firstMs: 3_600_000, maxMs: 3_600_000 },
      });
      stream.onDidChange((changes: readonly LiveChange[]) => {
        const now = performance.now();
        for (const change of changes) {
          const sent = sentAt.get(`${change.workitemId}>${change.newState}#${change.at}`) ?? sentAt.get(`${change.workitemId}>${change.newState}`);
          if (sent !== undefined) latencies[via].push(now - sent);
        }
      });
      return stream;
    };
    const socket = follow('socket');
    const feed = follow('feed');
    await Promise.all([socket.start(), feed.start()]);
    const active = sandbox.store.search({ q: 'state:active AND channelType:voice', rows: 50, start: 0 }).objects.map((w) => w.workitemId);
    let done = 0;
    while (done < CHANGES) {
      for (const id of active) {
        if (done >= CHANGES) break;
        const holding = sandbox.store.get(id)?.state === 'active';
        // One change per workitem in flight: the key (id and new state) then names one change.
        sentAt.set(`${id}>${holding ? 'hold' : 'active'}`, performance.now());
        await api.act(holding ? 'hold' : 'unhold', id, {});
        done++;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    await new Promise((resolve) => setTimeout(resolve, FEED_INTERVAL_MS * 2));
    socket.dispose();
    feed.dispose();
    const p = (samples: number[], q: number): number => percentile(samples, q);
    say(`socket: ${latencies.socket.length} changes, p50 ${ms(p(latencies.socket, 50))}, p99 ${ms(p(latencies.socket, 99))}`);
    say(`feed (every ${FEED_INTERVAL_MS / 1000} s): ${latencies.feed.length} changes, p50 ${ms(p(latencies.feed, 50))}, p99 ${ms(p(latencies.feed, 99))}`);
    const socketP99 = p(latencies.socket, 99);
    return [
      {
        bench: BENCH,
        figure: `socket p50 ${ms(p(latencies.socket, 50))}, p99 ${ms(socketP99)} over ${latencies.socket.length} changes`,
        target: 'p99 <= 250 ms with the socket',
        comparison: `feed p50 ${ms(p(latencies.feed, 50))}, p99 ${ms(p(latencies.feed, 99))} (${ratio(p(latencies.feed, 50) / Math.max(0.001, p(latencies.socket, 50)))})`,
        verdict: verdictOf(socketP99 <= 250 && latencies.socket.length >= CHANGES * 0.99),
        note: 'Measured to the moment the stream hands a change on (the tree then runs one feed cycle, an open panel one fetch).',
      },
    ];
  } finally {
    await sandbox.stop();
  }
}
