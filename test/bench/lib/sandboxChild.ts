// The sandbox the benchmarks measure against: the bundled CLI (dist/sandbox.js) in a child process,
// as the extension runs it, so the benchmark's own load generation and timing never share its
// event loop. One admin token per sandbox; clients are made with a request counter attached.
import * as path from 'node:path';
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
  stop(): Promise<void>;
}

export interface BenchSandboxOptions {
  size: number;
  traffic: boolean;
}

export async function startBenchSandbox(options: BenchSandboxOptions): Promise<BenchSandbox> {
  const started = performance.now();
  const child: SandboxProcess = await spawnSandboxProcess({
    script: SANDBOX_SCRIPT,
    port: 0,
    size: options.size,
    seed: BENCH_SEED,
    traffic: options.traffic,
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
      stop: async () => {
        await child.stop();
      },
    };
  } catch (error) {
    await child.stop();
    throw error;
  }
}
