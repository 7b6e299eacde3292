// A sandbox in a process of its own, for measurements taken inside VS Code: started in the
// extension host, a sandbox (and the delay its network profile adds) shares that event loop with
// the extension being measured, so whatever work it does shows up as the extension's time.
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { SandboxOptions } from '../../src/sandbox';
import { ChildAnswerSchema, ChildReadySchema, type ChildAnswer, type ChildQuestion, type ServerCounters } from './forkedSandboxMessages';

/** A question without its id (each member of the union on its own). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Question = WithoutId<ChildQuestion>;

export interface ForkedSandbox {
  url: string;
  caPath: string | undefined;
  counters(): Promise<ServerCounters>;
  search(q: string | undefined, rows: number, start?: number): Promise<{ total: number; ids: string[] }>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/** Options must be plain data (they travel as JSON): no clocks, schedulers or loggers. */
export async function startForkedSandbox(options: Omit<SandboxOptions, 'now' | 'trafficTimings' | 'trafficScheduler' | 'log'>): Promise<ForkedSandbox> {
  const child: ChildProcess = fork(path.join(__dirname, 'sandboxChild.js'), [JSON.stringify(options)], {
    // Inside VS Code the current binary is Electron: this makes it plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ url: string; caPath?: string | undefined }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the forked sandbox did not start in time')), START_TIMEOUT_MS);
    child.once('message', (message: unknown) => {
      clearTimeout(timer);
      resolve(ChildReadySchema.parse(message));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the forked sandbox exited with ${String(code)} before it was ready`));
    });
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (answer: ChildAnswer) => void; reject: (error: Error) => void }>();
  child.on('message', (message: unknown) => {
    const answer = ChildAnswerSchema.safeParse(message);
    if (!answer.success) return;
    waiting.get(answer.data.id)?.resolve(answer.data);
    waiting.delete(answer.data.id);
  });
  // A child that died answers nothing: its questions fail instead of waiting forever.
  child.once('exit', (code) => {
    for (const { reject } of waiting.values()) reject(new Error(`the forked sandbox exited (${String(code)}) before answering`));
    waiting.clear();
  });
  const ask = (question: Question): Promise<ChildAnswer> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      child.send({ ...question, id }, (error) => error && reject(error));
    });
  };
  return {
    url: ready.url,
    caPath: ready.caPath,
    counters: async () => {
      const { counters } = await ask({ kind: 'counters' });
      if (!counters) throw new Error('the forked sandbox gave no counters');
      return counters;
    },
    search: async (q, rows, start = 0) => {
      const { search } = await ask({ kind: 'search', rows, start, ...(q === undefined ? {} : { q }) });
      if (!search) throw new Error('the forked sandbox gave no search answer');
      return search;
    },
    stop: async () => {
      if (child.exitCode === null && child.connected) child.send({ kind: 'stop', id: 0 });
      const killed = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killed);
    },
  };
}
