// The sandbox as a child process on a loopback port, with a data directory, and clients signed in
// to it as the two users who may act (two people working the same tenant).
import * as path from 'node:path';
import { signIn } from '../../src/api/auth';
import { NcxClient } from '../../src/api/client';
import type { Workitem } from '../../src/api/schemas';
import { spawnSandboxProcess, type SandboxProcess } from '../../src/sandbox/server/sandboxProcess';

/** The CLI as compiled next to this script (the bundled dist/sandbox.js is the same code). */
const CLI_SCRIPT = path.resolve(__dirname, '../../src/sandbox/cli.js');
const USERS = [
  { username: 'admin', password: 'admin-password' },
  { username: 'agent', password: 'agent-password' },
] as const;

export interface ChildOptions {
  dataDir: string;
  size: number;
  seed: number;
}

export function startChild(options: ChildOptions, onStderr: (line: string) => void): Promise<SandboxProcess> {
  return spawnSandboxProcess({
    script: CLI_SCRIPT,
    port: 0,
    size: options.size,
    seed: options.seed,
    dataDir: options.dataDir,
    // Living traffic would add events no storm request explains.
    traffic: false,
    startTimeoutMs: 60_000,
    onOutput: (line, stream) => {
      if (stream === 'stderr') {
        onStderr(line);
      }
    },
  });
}

export async function signedInClients(url: string): Promise<NcxClient[]> {
  return Promise.all(
    USERS.map(async (user) => {
      const grant = await signIn({ loginUrl: url, ...user, timeoutMs: 10_000 });
      return new NcxClient({ location: grant.location, token: () => grant.token, retries: 0, timeoutMs: 15_000 });
    }),
  );
}

/** Every workitem, by id (read page by page once the storm has passed). */
export async function readAll(client: NcxClient): Promise<Map<string, Workitem>> {
  const all = new Map<string, Workitem>();
  for await (const page of client.pages({ rows: 1000, sort: 'createdAt asc' })) {
    for (const workitem of page.items) {
      all.set(workitem.workitemId, workitem);
    }
  }
  return all;
}
