// Runs a command to completion with its output captured (for the build, vsce and the harness),
// killing its whole process group if it outlives its time.
import { spawn } from 'node:child_process';

/** Process groups of the commands still running, for an interrupted benchmark to end. */
const running = new Set<number>();

function endGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Ends every command still running (their own process groups do not hear the terminal's Ctrl+C). */
export function endRunningCommands(): void {
  for (const pid of running) {
    endGroup(pid);
  }
  running.clear();
}

export interface Finished {
  status: number | null;
  output: string;
  ms: number;
}

export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<Finished> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout ends everything it started (a harness run starts a
      // VS Code server and a browser).
      detached: true,
    });
    const pid = child.pid;
    if (pid !== undefined) {
      running.add(pid);
    }
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const timer = setTimeout(() => {
      if (pid !== undefined) {
        endGroup(pid);
      }
    }, options.timeoutMs);
    const settle = (): void => {
      clearTimeout(timer);
      if (pid !== undefined) {
        running.delete(pid);
      }
    };
    child.once('error', (error) => {
      settle();
      reject(error);
    });
    child.once('close', (status) => {
      settle();
      resolve({ status, output: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started });
    });
  });
}

/** The last lines of a command's output, for a failure message. */
export function tail(output: string, lines = 15): string {
  return output.trimEnd().split('\n').slice(-lines).join('\n');
}
