// Runs the bundled sandbox (dist/sandbox.js) as a child process and resolves once it listens.
// The extension uses this so a million-workitem data set never weighs on the extension host.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { urlOfReadyLine } from './readyLine';

export interface SandboxProcessOptions {
  /** Path of the bundled CLI (dist/sandbox.js). */
  script: string;
  port?: number;
  size?: number;
  seed?: number;
  dataDir?: string;
  traffic?: boolean;
  /** Living traffic this many times faster than real life (`--traffic-speed`). */
  trafficSpeed?: number;
  tokenLifetimeSeconds?: number;
  allowFaults?: boolean;
  /** The network it models (see cliArguments.ts): `--host`, `--tls`, `--latency`, `--jitter`, `--drop`, `--rate-limit`. */
  host?: string;
  tls?: boolean;
  latencyMs?: number;
  jitterMs?: number;
  dropRate?: number;
  rateLimit?: number;
  /** The Node binary; defaults to the current one (inside VS Code, Electron run as Node). */
  execPath?: string;
  /** Give up if the ready line has not come by then (a million workitems take a while). */
  startTimeoutMs?: number;
  /** Each line the child prints, for an output channel. */
  onOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface SandboxExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SandboxProcess {
  url: string;
  port: number;
  pid: number;
  /** Settles when the child has exited, for whatever reason. */
  exited: Promise<SandboxExit>;
  /** SIGTERM, then SIGKILL if the child has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<SandboxExit>;
  /** Sends a signal at once (tests use SIGKILL to simulate a crash). */
  kill(signal?: NodeJS.Signals): void;
}

const DEFAULT_START_TIMEOUT_MS = 180_000;
// Enough for the usage text, which the CLI prints after a wrong flag.
const STDERR_TAIL_LINES = 40;

export function sandboxArguments(options: SandboxProcessOptions): string[] {
  const args = [options.script, '--port', String(options.port ?? 0), '--exit-with-parent'];
  if (options.size !== undefined) args.push('--size', String(options.size));
  if (options.seed !== undefined) args.push('--seed', String(options.seed));
  if (options.dataDir !== undefined) args.push('--data', options.dataDir);
  if (options.traffic === false) args.push('--no-traffic');
  if (options.trafficSpeed !== undefined) args.push('--traffic-speed', String(options.trafficSpeed));
  if (options.tokenLifetimeSeconds !== undefined) args.push('--token-lifetime', String(options.tokenLifetimeSeconds));
  if (options.allowFaults) args.push('--allow-faults');
  if (options.host !== undefined) args.push('--host', options.host);
  if (options.tls) args.push('--tls');
  if (options.latencyMs !== undefined) args.push('--latency', String(options.latencyMs));
  if (options.jitterMs !== undefined) args.push('--jitter', String(options.jitterMs));
  if (options.dropRate !== undefined) args.push('--drop', String(options.dropRate));
  if (options.rateLimit !== undefined) args.push('--rate-limit', String(options.rateLimit));
  return args;
}

export function spawnSandboxProcess(options: SandboxProcessOptions): Promise<SandboxProcess> {
  const child = spawn(options.execPath ?? process.execPath, sandboxArguments(options), {
    // Lets an Electron binary act as plain Node; ignored by Node itself.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    // stdin stays open as a lifeline: the child exits when it closes (`--exit-with-parent`).
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const exited = new Promise<SandboxExit>((resolve) => {
    child.once('exit', (code, signal) => {
      // The lifeline pipe would otherwise keep this process's event loop alive.
      child.stdin.destroy();
      resolve({ code, signal });
    });
  });
  const stderrTail: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
    options.onOutput?.(line, 'stderr');
  });

  return new Promise<SandboxProcess>((resolve, reject) => {
    let settled = false;
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      const detail = stderrTail.length > 0 ? `\n${stderrTail.join('\n')}` : '';
      reject(new Error(`${message}${detail}`));
    };
    const timer = setTimeout(
      () => fail(`The sandbox did not start within ${options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS} ms.`),
      options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
    );
    child.once('error', (error) => fail(`The sandbox could not be started: ${error.message}`));
    void exited.then((exit) => fail(`The sandbox exited before it was ready (code ${exit.code}, signal ${exit.signal}).`));

    createInterface({ input: child.stdout }).on('line', (line) => {
      options.onOutput?.(line, 'stdout');
      const url = settled ? undefined : urlOfReadyLine(line);
      if (!url) return;
      settled = true;
      clearTimeout(timer);
      resolve(runningProcess(child, url, exited));
    });
  });
}

function runningProcess(child: ChildProcess, url: string, exited: Promise<SandboxExit>): SandboxProcess {
  let stopping: Promise<SandboxExit> | undefined;
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid ?? -1,
    exited,
    kill(signal: NodeJS.Signals = 'SIGKILL') {
      child.kill(signal);
    },
    stop(graceMs = 5000) {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          return exited;
        }
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        const exit = await exited;
        clearTimeout(timer);
        return exit;
      })();
      return stopping;
    },
  };
}
