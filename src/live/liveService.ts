// Follows the current connection's workitem changes (src/model/live/liveChangeStream.ts) and
// hands them on: the tree runs a feed cycle at once (coalesced), an open panel of a changed
// workitem fetches it again, and the event tail and watches listen to `onDidChange`.
import * as vscode from 'vscode';
import type { Connection } from '../connection/connection';
import type { Log } from '../log/log';
import { Coalescer } from '../model/live/coalescer';
import type { LiveChange } from '../model/live/liveChange';
import { LiveChangeStream, type LiveMode, type SocketFactory } from '../model/live/liveChangeStream';
import type { WorkitemsApi } from '../api/workitemsApi';
import { readSettings } from '../ui/vscodeSettings';
import { openWsSocket } from './wsSocket';

// The tree runs at most one feed cycle per this many ms because of pushed changes. Each nudge costs the tree one request and re-renders its rows (a tooltip being read closes): on a busy
// tenant pushed changes come several a second, so the tree follows them at most every 2 s.
const TREE_NUDGE_GAP_MS = 2000;

export interface LiveServiceDeps {
  connection: Connection;
  api: WorkitemsApi;
  log: Log;
  /** Runs one refresh cycle of the tree (its change feed applies what changed). */
  refreshTree: () => Promise<void>;
  /** Fetches again the open panels of these workitems. */
  refreshPanels: (workitemIds: readonly string[]) => Promise<void>;
  openSocket?: SocketFactory;
}

export class LiveService implements vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<readonly LiveChange[]>();
  private readonly modes = new vscode.EventEmitter<LiveMode>();
  readonly onDidChange = this.changes.event;
  readonly onDidChangeMode = this.modes.event;
  private stream: LiveChangeStream | undefined;
  private readonly treeNudge: Coalescer;
  private readonly panelIds = new Set<string>();
  private readonly panelNudge: Coalescer;
  private readonly disposables: vscode.Disposable[] = [];
  private generation = 0;
  /** When a change was last handed on (for the benchmarks' latency probes). */
  lastDelivered: { change: LiveChange; at: number } | undefined;

  constructor(private readonly deps: LiveServiceDeps) {
    this.treeNudge = new Coalescer(() => deps.refreshTree(), TREE_NUDGE_GAP_MS, undefined, undefined, (error) =>
      deps.log.warn(`Live refresh of the tree failed: ${String(error)}`),
    );
    this.panelNudge = new Coalescer(
      () => {
        const ids = [...this.panelIds];
        this.panelIds.clear();
        return deps.refreshPanels(ids);
      },
      TREE_NUDGE_GAP_MS,
    );
    this.disposables.push(
      this.changes,
      this.modes,
      deps.connection.onDidChangeState((state) => {
        if (state.status === 'connected' && this.stream === undefined) void this.restart();
        if (state.status !== 'connected' && state.status !== 'connecting') this.stopStream();
      }),
      deps.connection.onDidChangeConnection(() => void this.restart()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('workitemInspector.live.events')) void this.restart();
      }),
    );
    if (deps.connection.state.status === 'connected') void this.restart();
  }

  get mode(): LiveMode {
    return this.stream?.mode ?? 'stopped';
  }

  /** Reads the change feed now (a refresh by hand also catches up what the socket may have missed). */
  catchUp(): Promise<void> {
    return this.stream?.catchUp() ?? Promise.resolve();
  }

  async restart(): Promise<void> {
    this.stopStream();
    const generation = ++this.generation;
    if (!readSettings()['live.events']) {
      return;
    }
    let endpoint;
    try {
      endpoint = await this.deps.connection.liveEndpoint();
    } catch (error) {
      this.deps.log.info(`Live changes not started: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (generation !== this.generation) return;
    const stream = new LiveChangeStream({
      api: this.deps.api,
      location: endpoint.location,
      token: endpoint.token,
      authScheme: endpoint.authScheme,
      openSocket: this.deps.openSocket ?? openWsSocket,
      log: (message) => this.deps.log.info(message),
    });
    this.stream = stream;
    stream.onDidChangeMode((mode) => {
      this.deps.log.info(`Live changes: ${mode}`);
      this.modes.fire(mode);
    });
    stream.onDidChange((changes) => this.handOn(changes));
    await stream.start();
  }

  dispose(): void {
    this.generation++;
    this.stopStream();
    this.treeNudge.dispose();
    this.panelNudge.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private stopStream(): void {
    this.stream?.dispose();
    this.stream = undefined;
  }

  private handOn(changes: readonly LiveChange[]): void {
    const last = changes[changes.length - 1];
    if (last) this.lastDelivered = { change: last, at: Date.now() };
    // In feed mode the tree's own refresh reads the same feed on its schedule.
    if (this.stream?.mode === 'socket') {
      this.treeNudge.request();
    }
    for (const change of changes) this.panelIds.add(change.workitemId);
    this.panelNudge.request();
    this.changes.fire(changes);
  }
}
