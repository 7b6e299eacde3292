// The sandbox the benchmarks measure against: the bundled CLI (dist/sandbox.js) in a child process,
// as the extension runs it, so the benchmark's own load generation and timing never share its
// event loop. One admin token per sandbox; clients are made with a request counter attached.
import * as path from 'node:path';
import { z } from 'zod';
import { signIn } from '../../../src/api/auth';
import { NcxClient } from '../../../src/api/client';
import type { RequestLogEntry } from '../../../src/api/http';
import { spawnSandboxProcess, type SandboxProcess } from '../../../src/sandbox';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const SANDBOX_SCRIPT = path.join(REPO_ROOT, 'dist', 'sandbox.js');
export const BENCH_SEED = 1;

export interface BenchSandbox {
  readonly url: string;
  readonly size: number;
  readonly traffic: boolean;
  readonly token: string;
  readonly startupMs: number;
  readonly pid: number;
  client(onRequest?: (entry: RequestLogEntry) => void): NcxClient;
  /**
   * Pauses or resumes living traffic (needs `testHooks`); a pause is answered once a tick under
   * way has made its changes, so nothing moves on the server until traffic resumes.
   */
  setTraffic(running: boolean): Promise<void>;
  stop(): Promise<void>;
}

export interface BenchSandboxOptions {
  size: number;
  traffic: boolean;
  /** Living traffic this many times faster than real life (default: real life). */
  trafficSpeed?: number;
  /** Serves the sandbox's test hooks (fault injection, traffic pause). */
  testHooks?: boolean;
  /** Keeps the journal here (a benchmark may compare what it saw with it). */
  dataDir?: string;
}

const TRAFFIC_HOOK = '/__sandbox/traffic';
const TrafficAnswerSchema = z.object({ running: z.boolean() });

async function putTraffic(url: string, running: boolean): Promise<void> {
  const response = await fetch(`${url}${TRAFFIC_HOOK}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ running }),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`PUT ${TRAFFIC_HOOK} answered ${response.status}: ${text.slice(0, 200)}`);
  }
  const answer = TrafficAnswerSchema.parse(JSON.parse(text));
  if (answer.running !== running) {
    throw new Error(`PUT ${TRAFFIC_HOOK} left traffic ${answer.running ? 'running' : 'paused'}`);
  }
}

export async function startBenchSandbox(options: BenchSandboxOptions): Promise<BenchSandbox> {
  const started = performance.now();
  const child: SandboxProcess = await spawnSandboxProcess({
    script: SANDBOX_SCRIPT,
    port: 0,
    size: options.size,
    seed: BENCH_SEED,
    traffic: options.traffic,
    ...(options.trafficSpeed !== undefined ? { trafficSpeed: options.trafficSpeed } : {}),
    allowFaults: options.testHooks ?? false,
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    startTimeoutMs: 240_000,
  });
  const startupMs = performance.now() - started;
  try {
    const { token } = await signIn({ loginUrl: child.url, username: 'admin', password: 'admin-password' });
    return {
      url: child.url,
      size: options.size,
      traffic: options.traffic,
      token,
      startupMs,
      pid: child.pid,
      client: (onRequest) =>
        new NcxClient({
          location: child.url,
          token: () => token,
          // A benchmark wants to see a failure, not have it hidden behind a retry.
          retries: 0,
          timeoutMs: 60_000,
          ...(onRequest ? { onRequest } : {}),
        }),
      setTraffic: (running) => putTraffic(child.url, running),
      stop: async () => {
        await child.stop();
      },
    };
  } catch (error) {
    await child.stop();
    throw error;
  }
}
