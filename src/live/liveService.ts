// Follows the current connection's workitem changes (src/model/live/liveChangeStream.ts) and
// hands them on: each change carries the workitem as it is after it, so the tree moves it in the
// counts and rows it holds and an open panel shows it, with no request (coalesced); the event tail
// and watches listen to `onDidChange`.
import * as vscode from 'vscode';
import type { Connection } from '../connection/connection';
import type { Log } from '../log/log';
import { Coalescer } from '../model/live/coalescer';
import { LIVE_SHOW_GAP_MS } from '../model/live/liveShowing';
import type { LiveChange } from '../model/live/liveChange';
import { LiveChangeStream, type LiveMode, type SocketFactory } from '../model/live/liveChangeStream';
import type { WorkitemsApi } from '../api/workitemsApi';
import type { Workitem } from '../api/schemas';
import { readSettings } from '../ui/vscodeSettings';
import { openWsSocket } from './wsSocket';


export interface LiveServiceDeps {
  connection: Connection;
  api: WorkitemsApi;
  log: Log;
  /**
   * Shows pushed workitems (each as it is after its change, oldest first) in the counts and rows
   * the tree holds; false when it cannot (its change feed does not keep the counts: a filter, no
   * watermark yet), and a refresh cycle has to.
   */
  showInTree: (workitems: readonly Workitem[]) => boolean;
  /** One ordinary refresh cycle of the tree (a change-feed page, or a re-count where there is none). */
  refreshTree: () => Promise<void>;
  /** Shows these workitems in their open panels, as they are now (no request). */
  showInPanels: (workitems: readonly Workitem[]) => void;
  openSocket?: SocketFactory;
}

/**
 * A tree that cannot show pushed changes by itself refreshes at most this often because of them:
 * each refresh costs it requests (a re-count of what is on screen when a filter is set).
 */
const REFRESH_GAP_MS = 2000;

export class LiveService implements vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<readonly LiveChange[]>();
  private readonly modes = new vscode.EventEmitter<LiveMode>();
  readonly onDidChange = this.changes.event;
  readonly onDidChangeMode = this.modes.event;
  private stream: LiveChangeStream | undefined;
  private readonly treeNudge: Coalescer;
  /** Pushed changes the tree could not show by itself: a refresh cycle, at most every REFRESH_GAP_MS. */
  private readonly treeRefresh: Coalescer;
  /** Pushed workitems the tree has not shown yet, the newest version of each, in the order they changed. */
  private readonly forTree = new Map<string, Workitem>();
  private readonly forPanels = new Map<string, Workitem>();
  private readonly panelNudge: Coalescer;
  private readonly disposables: vscode.Disposable[] = [];
  private generation = 0;
  /** When a change was last handed on (for the benchmarks' latency probes). */
  lastDelivered: { change: LiveChange; at: number } | undefined;

  constructor(private readonly deps: LiveServiceDeps) {
    this.treeRefresh = new Coalescer(() => deps.refreshTree(), REFRESH_GAP_MS, undefined, undefined, (error) =>
      deps.log.warn(`Live refresh of the tree failed: ${String(error)}`),
    );
    this.treeNudge = new Coalescer(
      () => {
        if (!deps.showInTree(drain(this.forTree))) this.treeRefresh.request();
      },
      LIVE_SHOW_GAP_MS,
      undefined,
      undefined,
      (error) => deps.log.warn(`Showing live changes in the tree failed: ${String(error)}`),
    );
    this.panelNudge = new Coalescer(() => deps.showInPanels(drain(this.forPanels)), LIVE_SHOW_GAP_MS, undefined, undefined, (error) =>
      deps.log.warn(`Showing live changes in the panels failed: ${String(error)}`),
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
    this.treeRefresh.dispose();
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
    for (const change of changes) {
      // In feed mode the tree's own refresh read these from the feed already.
      if (change.via === 'socket') keepNewest(this.forTree, change.workitem);
      keepNewest(this.forPanels, change.workitem);
    }
    if (this.forTree.size > 0) this.treeNudge.request();
    this.panelNudge.request();
    this.changes.fire(changes);
  }
}

/** Keeps the newest version of each workitem, moved to the end (the order in which they changed). */
function keepNewest(pending: Map<string, Workitem>, workitem: Workitem): void {
  const held = pending.get(workitem.workitemId);
  if (held !== undefined && (held.modifiedAt ?? 0) > (workitem.modifiedAt ?? 0)) return;
  pending.delete(workitem.workitemId);
  pending.set(workitem.workitemId, workitem);
}

function drain(pending: Map<string, Workitem>): Workitem[] {
  const workitems = [...pending.values()];
  pending.clear();
  return workitems;
}
