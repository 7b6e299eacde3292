// Loaded by the real VS Code's extension host as its tests module (the harness's run() contract),
// for benchmark 5: times the extension's activation (loading the bundle, then activate()), then
// checks that nothing is fetched while the Workitems view stays hidden, and that requests do go
// out once it is shown (so a count of zero means something). Run against an empty extension of
// the same id, it gives the extension host's own share of an activation. The figures go to the
// JSON file named by WORKITEM_BENCH_OUT; the bench reads them from there.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import * as fs from 'node:fs';
import type { ClientRequest } from 'node:http';
import { Session } from 'node:inspector';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import { VIEW_CONTAINER_ID } from '../../../src/contributions';
import type { ActivationFigures } from './activationFigures';

const EXTENSION_ID = 'workitem-inspector.workitem-inspector';
/** Long enough for anything activation scheduled (timers, deferred promises) to have gone out. */
const HIDDEN_WAIT_MS = 3000;
const SHOWN_TIMEOUT_MS = 60_000;
/** The NCX API's path prefixes (src/api/paths.ts): the requests the extension makes. */
const API_PATH = /^\/(data\/api|users\/api|provider)\//;

const EnvironmentSchema = z.object({
  WORKITEM_BENCH_OUT: z.string().min(1),
  /** When set, a CPU profile of the activation is written there (for finding what costs). */
  WORKITEM_BENCH_PROFILE: z.string().min(1).optional(),
});
/** What the real extension's activate() returns (an empty stand-in returns nothing). */
const ExportsSchema = z.object({
  connection: z.object({ state: z.object({ status: z.string() }) }),
});
const ManifestSchema = z.object({ main: z.string() });
/**
 * VS Code's performance marks in the extension host (`vs/base/common/performance` keeps them on a
 * global so every copy of the module shares them); it marks the moments around each activate() call.
 */
const PerformanceMarksSchema = z.object({
  getMarks: z.custom<() => unknown>((value) => typeof value === 'function'),
});
const MarkListSchema = z.array(z.object({ name: z.string(), startTime: z.number() }));
const RequestEventSchema = z.object({ request: z.custom<ClientRequest>((value) => typeof value === 'object' && value !== null) });

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function post(session: Session, method: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    session.post(method, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Runs `task` under the V8 profiler, writing the profile to `file`. */
async function profiled<T>(file: string, task: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  try {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.start');
    const value = await task();
    const result = z.object({ profile: z.unknown() }).parse(await post(session, 'Profiler.stop'));
    fs.writeFileSync(file, JSON.stringify(result.profile));
    return value;
  } finally {
    session.disconnect();
  }
}

/** Every HTTP request this process starts, as `METHOD host/path`, from the moment of the call. */
function recordRequests(): { lines: string[]; stop(): void } {
  const lines: string[] = [];
  const onRequest = (message: unknown): void => {
    const parsed = RequestEventSchema.safeParse(message);
    if (parsed.success) {
      const request = parsed.data.request;
      lines.push(`${request.method} ${request.host}${request.path.split('?')[0]}`);
    }
  };
  subscribe('http.client.request.start', onRequest);
  return { lines, stop: () => unsubscribe('http.client.request.start', onRequest) };
}

const isApiRequest = (line: string): boolean => API_PATH.test(line.slice(line.indexOf('/')));

/** Milliseconds between VS Code's marks around the extension's activate() call. */
function activateCallSpan(extensionId: string): number {
  const holder = PerformanceMarksSchema.parse(Reflect.get(globalThis, 'MonacoPerformanceMarks'));
  const marks = MarkListSchema.parse(holder.getMarks());
  const at = (name: string): number => {
    const found = marks.filter((mark) => mark.name === `code/extHost/${name}/${extensionId}`).at(-1);
    if (found === undefined) {
      throw new Error(`VS Code left no ${name} mark for ${extensionId}`);
    }
    return found.startTime;
  };
  return at('didActivateExtension') - at('willActivateExtension');
}

async function activateTimed(extension: vscode.Extension<unknown>): Promise<{ loadMs: number; activateMs: number; activateCallMs: number }> {
  const main = path.join(extension.extensionPath, ManifestSchema.parse(extension.packageJSON).main);
  // Loading the bundle first, through the require the extension host itself uses (it then finds
  // the module cached), splits the time between loading the code and activating.
  const load = createRequire(__filename);
  const loading = performance.now();
  load(main);
  const loadMs = performance.now() - loading;
  const activating = performance.now();
  await extension.activate();
  const activateMs = performance.now() - activating;
  return { loadMs, activateMs, activateCallMs: activateCallSpan(extension.id) };
}

export async function run(): Promise<void> {
  const { WORKITEM_BENCH_OUT: outFile, WORKITEM_BENCH_PROFILE: profileFile } = EnvironmentSchema.parse(process.env);
  const requests = recordRequests();
  const apiRequests = (): string[] => requests.lines.filter(isApiRequest);
  try {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    if (!extension) {
      throw new Error(`${EXTENSION_ID} is not loaded`);
    }
    const wasActive = extension.isActive;
    const { loadMs, activateMs, activateCallMs } = profileFile
      ? await profiled(profileFile, () => activateTimed(extension))
      : await activateTimed(extension);

    await sleep(HIDDEN_WAIT_MS);
    const api = ExportsSchema.safeParse(extension.exports);
    const statusHidden = api.success ? api.data.connection.state.status : 'none';
    const requestsHidden = apiRequests().length;

    let firstRequestAfterShownMs: number | null = null;
    let statusShown = 'none';
    if (api.success) {
      const shownAt = performance.now();
      await vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER_ID}`);
      while (apiRequests().length === 0 && performance.now() - shownAt < SHOWN_TIMEOUT_MS) {
        await sleep(50);
      }
      firstRequestAfterShownMs = apiRequests().length > 0 ? performance.now() - shownAt : null;
      await sleep(1000);
      statusShown = ExportsSchema.parse(extension.exports).connection.state.status;
    }
    const figures: ActivationFigures = {
      wasActive,
      activationMs: loadMs + activateCallMs,
      loadMs,
      activateCallMs,
      activateMs,
      hiddenWaitMs: HIDDEN_WAIT_MS,
      statusHidden,
      requestsHidden,
      statusShown,
      requestsShown: apiRequests().length,
      firstRequestAfterShownMs,
      sampleRequests: apiRequests().slice(0, 5),
      otherRequests: requests.lines.filter((line) => !isApiRequest(line)).slice(0, 5),
    };
    fs.writeFileSync(outFile, JSON.stringify(figures, null, 2));
    console.log(`[bench] activation ${figures.activationMs.toFixed(1)} ms; API requests hidden ${requestsHidden}, shown ${figures.requestsShown}`);
  } finally {
    requests.stop();
  }
}
