// Everything one detail panel does, without vscode: fetch, render, refresh while visible, point at
// changes, run actions, answer the page's messages. The panel manager plugs a real webview in;
// unit tests plug in a fake one. No method throws into its caller's event loop: failures are
// shown in the page and logged.
import { journeyQuery, JOURNEY_MAX_LEGS, JOURNEY_SORT } from '../api/journeyContract';
import { journeyView } from './viewModel/journey';
import type { HeaderStatus, PanelTenant } from './detail/header';
import { NO_NAMES, type NameLookup } from '../model/names/nameDirectory';
import { boundedStringify } from '../api/boundedJson';
import type { WorkitemAction } from '../api/domain';
import type { Queue, Workitem } from '../api/schemas';
import type { ValidationIssue, WorkitemsApi } from '../api/workitemsApi';
import type { L10n } from '../model/format/l10n';
import { formatTimeOfDay, type TimeFormat } from '../model/format/time';
import { deriveTimeline, type Timeline } from './viewModel/timeline';
import { availableActions } from '../model/workitemActions';
import { changedFields } from './viewModel/workitemDiff';
import { privacyMode } from '../model/privacy/privacyMode';
import { actionBusyLabel, actionLabel } from './actionLabels';
import { visibleJson } from './detail/sections';
import { TIMELINE_WINDOW } from './detail/timelineSection';
import { detailPageOf, renderDetailErrorHtml, renderDetailParts, type DetailHtmlInput } from './detailHtml';
import type { DetailSectionId } from './detail/sectionIds';
import { describeFetchError } from './fetchErrorText';
import { parseExtensionMessage, parseWebviewMessage, type DetailPageConfig, type ExtensionMessage } from './messages';
import { CoalescedRun, Poller } from './refreshScheduling';
import { realTimers, type Timers } from '../model/timers';
import { RenderReadiness } from './renderReadiness';
import { timelineRowViews } from './timelineRows';


/** The webview side of one panel, as the controller needs it. */
/** What an action run from the panel came to (the runner's report, as far as the panel needs it). */
export interface PanelActionResult {
  outcome: string;
  reason?: string;
}

export interface PanelHost {
  readonly cspSource: string;
  readonly assets: { scriptUri: string; styleUri: string; codiconsUri?: string };
  isVisible(): boolean;
  setHtml(html: string): void;
  postMessage(message: ExtensionMessage): PromiseLike<boolean>;
}

export interface PanelLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface DetailPanelControllerDeps {
  getApi(): WorkitemsApi;
  permissions(): readonly string[];
  /** Same code path as the commands; says what happened, with the reason on a refusal. */
  runAction(action: WorkitemAction, workitemId: string): Promise<PanelActionResult>;
  log: PanelLog;
  /** 0 = no auto-refresh. Read before every wait, so a settings change applies at once. */
  refreshIntervalMs(): number;
  l10n: L10n;
  time(): TimeFormat;
  now(): number;
  createNonce(): string;
  copyText(text: string): Promise<void>;
  /** Asked before the real data is copied while privacy mode is on; true = go ahead. */
  confirmUnmaskedCopy?(): Promise<boolean>;
  /** "Copy Link": the same command as the tree's. */
  copyLink?(workitemId: string): Promise<void>;
  /** Opens another workitem's panel (a leg of the journey). */
  openWorkitem?(workitemId: string): Promise<void>;
  /** Why actions are refused now (a protected tenant), and the way to allow them. */
  protection?: { lockedReason(): string | undefined; allow(): Promise<void> };
  /**
   * The tenant this panel's workitem belongs to, and the tenant the inspector is connected to now
   * (undefined while it is this one): a panel never reads or acts through another tenant's
   * connection, where the same id may name another workitem.
   */
  tenant?: { panel: PanelTenant; awayTo(): string | undefined };
  /** Watching: whether this workitem is watched, and a toggle (the panel draws again after it). */
  watch?: { isWatched(workitemId: string): boolean; toggle(workitemId: string, workitem: Workitem | undefined): Promise<void> };
  timers?: Timers;
  /** How long a visible page may take to post `ready`; default 30 s. */
  readyTimeoutMs?: number;
  /** The tenant's queues, when known (names and SLAs in the timeline picture). */
  queues?(): readonly Queue[];
  /** Queue, agent, disposition and campaign names for the header, timeline and picture. */
  names?: NameLookup;
}

/** What a panel shows, for tests (they cannot look inside the webview's iframe). */
export interface DetailPanelSnapshot {
  workitemId: string;
  /** `none` until the first fetch finished. */
  kind: 'none' | 'workitem' | 'error';
  /** Increases with every render: a load of the whole page (with a fresh nonce) or a patch of it. */
  renderId: number;
  /** The page of the latest render posted `ready`. */
  ready: boolean;
  state?: string;
  modifiedAt?: number;
  eventCount: number;
  /** Timeline rows rendered into the page (a bounded window). */
  timelineRows: number;
  /** Action buttons shown. */
  actions: WorkitemAction[];
  checkedAt?: number;
  changedAt?: number;
  changedFields: string[];
  banner?: Banner;
  busy: WorkitemAction | null;
  issues: number;
  /** The tenant the panel belongs to (its header names it). */
  tenant?: string;
  /** Shown while the inspector is connected to another tenant (see awayReason). */
  away?: string;
}

interface Banner {
  message: string;
  retryable: boolean;
  kind?: string;
  /** A fetch error clears on the next good fetch; an action error stays until the next render. */
  source: 'fetch' | 'action';
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class DetailPanelController {
  private issues: readonly ValidationIssue[];
  private kind: DetailPanelSnapshot['kind'] = 'none';
  private workitem?: Workitem;
  private json?: string;
  private fingerprint?: string;
  private timeline?: Timeline;
  private allowed: WorkitemAction[] = [];
  private checkedAt?: number;
  /** Since when the server could not be reached while the workitem shown stayed as last read. */
  private offlineSince?: number;
  /** The away reason the page shows now (see awayReason). */
  private shownAway: string | undefined;
  private changedAt?: number;
  private changed: string[] = [];
  private banner?: Banner;
  private busy: WorkitemAction | null = null;
  private abort?: AbortController;
  private disposed = false;
  private visible: boolean;
  private errorPageMessage?: string;
  /** The render whose HTML the webview holds (what it shows again after a reload). */
  private loadedRenderId = 0;
  /** The page has said it is ready since it was loaded, so it can take patches. */
  private patchable = false;
  /** The workitem changed while its page was still loading: it is patched once the page is ready. */
  private redrawWhenReady = false;
  /** The markup of each section the page shows now, to send only the ones that change. */
  private pageSections = new Map<DetailSectionId, string>();
  private readonly readiness: RenderReadiness;
  private readonly fetches = new CoalescedRun(() => this.fetchAndShow());
  private readonly poller: Poller;

  constructor(
    readonly workitemId: string,
    private readonly host: PanelHost,
    private readonly deps: DetailPanelControllerDeps,
    issues: readonly ValidationIssue[] = [],
  ) {
    this.issues = issues;
    const timers = deps.timers ?? realTimers;
    this.readiness = new RenderReadiness(timers);
    this.poller = new Poller(timers);
    this.visible = host.isVisible();
  }

  /** First fetch and render; resolves once the page posted `ready` (at once if hidden). */
  async load(): Promise<void> {
    await this.refresh();
    this.schedulePoll();
  }

  /** Re-fetches; a call during a fetch is served by one more fetch after it, never by a stale one. */
  refresh(): Promise<void> {
    return this.disposed ? Promise.resolve() : this.fetches.run();
  }

  setIssues(issues: readonly ValidationIssue[]): void {
    this.issues = issues;
    if (this.kind === 'workitem') {
      this.renderWorkitem();
    }
  }

  /** Resolves when the latest render's page posted `ready`, or at once when there is none to wait for. */
  whenReady(): Promise<void> {
    if (this.disposed || this.kind === 'none' || !this.host.isVisible()) {
      return Promise.resolve();
    }
    const { l10n } = this.deps;
    return this.readiness.wait(
      this.deps.readyTimeoutMs ?? 30_000,
      () => new Error(l10n.t('The panel of workitem {0} did not finish loading.', this.workitemId)),
    );
  }

  /** Call on every view-state change; only a change of visibility does something. */
  visibilityChanged(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    this.poller.cancel();
    if (!visible) {
      // A hidden webview's document is discarded; shown again, it loads anew and posts `ready` again.
      this.readiness.forget();
      this.patchable = false;
    }
    if (visible && !this.disposed) {
      // A hidden panel was not polled: catch up at once, then resume the rhythm.
      this.track(this.refresh().then(() => this.schedulePoll()), 'refresh on show');
    }
  }

  /** Handles one message from the page; invalid ones are logged and dropped. */
  handleMessage(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.deps.log.warn(`Detail panel ${this.workitemId}: ignored an invalid message (${parsed.problem}).`);
      return;
    }
    const message = parsed.message;
    try {
      switch (message.type) {
        case 'ready':
          this.onReady(message.renderId);
          return;
        case 'runAction':
          this.track(this.runAction(message.action), `action ${message.action}`);
          return;
        case 'copyId':
          this.track(this.copy('id'), 'copy id');
          return;
        case 'copyJson':
          this.track(this.copy('json'), 'copy JSON');
          return;
        case 'copyLink':
          this.track(this.deps.copyLink?.(this.workitemId) ?? Promise.resolve(), 'copy link');
          return;
        case 'toggleWatch':
          this.track(this.toggleWatch(), 'watch');
          return;
        case 'journey':
          this.track(this.sendJourney(), 'journey');
          return;
        case 'transcript':
          this.track(this.sendTranscript(), 'transcript');
          return;
        case 'allowActions':
          this.track(this.deps.protection?.allow() ?? Promise.resolve(), 'allow actions');
          return;
        case 'openWorkitem':
          this.track(this.deps.openWorkitem?.(message.workitemId) ?? Promise.resolve(), 'open workitem');
          return;
        case 'refresh':
          this.track(this.refresh(), 'refresh');
          return;
        case 'timelinePage':
          this.sendTimelinePage(message.offset, message.limit);
          return;
        case 'rawJson':
          if (this.workitem) this.post({ type: 'rawJson', text: visibleJson(privacyMode.view(this.workitem)) });
          return;
        case 'scriptError':
          this.deps.log.warn(`Detail panel ${this.workitemId}: script error in the page: ${message.message}`);
          return;
        default: {
          const unhandled: never = message;
          this.deps.log.warn(`Detail panel ${this.workitemId}: unhandled message ${JSON.stringify(unhandled)}`);
        }
      }
    } catch (error) {
      this.deps.log.error(`Detail panel ${this.workitemId}: handling ${message.type} failed: ${errorText(error)}`);
    }
  }

  snapshot(): DetailPanelSnapshot {
    const snapshot: DetailPanelSnapshot = {
      workitemId: this.workitemId,
      kind: this.kind,
      renderId: this.readiness.renderId,
      ready: this.kind !== 'none' && this.readiness.ready,
      eventCount: this.timeline?.entries.length ?? 0,
      timelineRows: Math.min(this.timeline?.entries.length ?? 0, TIMELINE_WINDOW),
      actions: [...this.allowed],
      changedFields: [...this.changed],
      busy: this.busy,
      issues: this.issues.length,
    };
    if (this.workitem) {
      snapshot.state = this.workitem.state;
      if (this.workitem.modifiedAt !== undefined) snapshot.modifiedAt = this.workitem.modifiedAt;
    }
    if (this.checkedAt !== undefined) snapshot.checkedAt = this.checkedAt;
    if (this.changedAt !== undefined) snapshot.changedAt = this.changedAt;
    if (this.banner) snapshot.banner = { ...this.banner };
    if (this.deps.tenant) snapshot.tenant = this.deps.tenant.panel.name;
    if (this.shownAway !== undefined) snapshot.away = this.shownAway;
    return snapshot;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.poller.cancel();
    this.abort?.abort();
    this.readiness.releaseAll();
  }

  // ── fetching and rendering ────────────────────────────────────────────────────────────────

  private async fetchAndShow(): Promise<void> {
    if (this.awayReason() !== undefined) {
      // Kept as last read; it says why it is not read again (renderWorkitem disables its actions).
      if (this.kind !== 'workitem') this.showFetchError(new Error(this.awayReason()));
      else if (this.shownAway !== this.awayReason()) this.renderWorkitem();
      return;
    }
    const abort = new AbortController();
    this.abort = abort;
    let rendered: boolean;
    try {
      const workitem = await this.api().fetchWorkitem(this.workitemId, { signal: abort.signal });
      rendered = !this.disposed && this.show(workitem);
    } catch (error) {
      rendered = !this.disposed && this.showFetchError(error);
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
    if (rendered) {
      await this.whenReady();
    }
  }

  /** Returns whether the page was rendered again (it was if anything it shows changed). */
  private show(workitem: Workitem): boolean {
    const now = this.deps.now();
    this.checkedAt = now;
    this.offlineSince = undefined;
    if (this.banner?.source === 'fetch') this.banner = undefined;
    const json = boundedStringify(workitem).text;
    const fingerprint = `${json}\n${this.deps.permissions().join(' ')}\n${privacyMode.enabled}`;
    if (this.kind === 'workitem' && fingerprint === this.fingerprint && this.shownAway === undefined) {
      this.postStatus();
      return false;
    }
    if (this.kind === 'workitem' && this.workitem && json !== this.json) {
      this.changed = changedFields(this.workitem, workitem);
      this.changedAt = now;
    }
    this.workitem = workitem;
    this.json = json;
    this.fingerprint = fingerprint;
    this.timeline = deriveTimeline(privacyMode.view(workitem).timeEvents, { now, createdAt: workitem.createdAt });
    this.renderWorkitem();
    return true;
  }

  /** The other workitems of this one's conversation, one search, drawn on one axis. */
  private async sendJourney(): Promise<void> {
    const query = this.workitem ? journeyQuery(this.workitem) : undefined;
    if (!this.workitem || query === undefined) {
      this.post({ type: 'journey', legs: [], message: this.deps.l10n.t('This workitem is not linked to others.') });
      return;
    }
    try {
      const page = await this.api().search({ q: query, rows: JOURNEY_MAX_LEGS, sort: JOURNEY_SORT });
      const legs = page.items.some((item) => item.workitemId === this.workitemId) ? page.items : [this.workitem, ...page.items];
      const view = journeyView({ legs: legs.map((leg) => privacyMode.view(leg)), currentId: this.workitemId, names: this.deps.names ?? NO_NAMES, time: this.deps.time(), now: this.deps.now() });
      const more = page.total > page.items.length ? this.deps.l10n.t('{0} more not shown.', page.total - page.items.length) : undefined;
      this.post({ type: 'journey', legs: view, ...(more !== undefined ? { message: more } : {}) });
    } catch (error) {
      this.post({ type: 'journey', legs: [], message: this.deps.l10n.t('The journey could not be read: {0}', errorText(error)) });
    }
  }

  /** Transcript and recordings, read when asked; never while privacy mode is on. */
  private async sendTranscript(): Promise<void> {
    const { l10n } = this.deps;
    if (privacyMode.enabled || !this.workitem) {
      this.post({ type: 'transcript', lines: [], recordings: [], message: l10n.t('Transcript and recording are hidden while privacy mode is on.') });
      return;
    }
    try {
      const api = this.api();
      const found = await api.transcript(this.workitem);
      if (!found) {
        this.post({ type: 'transcript', lines: [], recordings: [], message: l10n.t('The server has no transcript or recording for this workitem.') });
        return;
      }
      const recordings: Array<{ id: string; src: string }> = [];
      const problems: string[] = [];
      for (const ref of found.callRecordingData ?? []) {
        try {
          const recording = await api.recording(ref.url);
          recordings.push({ id: ref.id, src: `data:${recording.contentType.toLowerCase()};base64,${Buffer.from(recording.bytes).toString('base64')}` });
        } catch (error) {
          problems.push(l10n.t('Recording {0} could not be played: {1}', ref.id, errorText(error)));
        }
      }
      const lines = (found.transcriptionMessages ?? []).map((line) => {
        const agent = line.participant === 'agent' || (line.participant === undefined && line.userId !== undefined);
        const who = agent
          ? line.userId ? (this.deps.names ?? NO_NAMES).labelOf('agent', line.userId) : l10n.t('Agent')
          : l10n.t('Customer');
        return {
          when: line.timestamp === undefined ? '' : formatTimeOfDay(line.timestamp, this.deps.time()),
          speaker: who,
          agent,
          text: line.text,
          ...(line.timestamp !== undefined ? { at: line.timestamp } : {}),
          ...(agent && line.userId !== undefined ? { laneId: line.userId } : {}),
        };
      });
      this.post({
        type: 'transcript',
        ...(found.summary !== undefined ? { summary: found.summary } : {}),
        ...(found.voicemailTranscript !== undefined ? { voicemail: found.voicemailTranscript } : {}),
        lines,
        recordings,
        ...(problems.length > 0 ? { message: problems.join(' ') } : {}),
      });
    } catch (error) {
      this.post({ type: 'transcript', lines: [], recordings: [], message: l10n.t('The transcript could not be read: {0}', errorText(error)) });
    }
  }

  private async toggleWatch(): Promise<void> {
    await this.deps.watch?.toggle(this.workitemId, this.workitem);
    this.redraw();
  }

  /** Draws the workitem held again (names changed, watched or not); nothing is fetched. */
  redraw(): void {
    if (!this.disposed && this.kind === 'workitem') this.renderWorkitem();
  }

  /**
   * Draws the workitem held. A page that is loaded and ready gets only the sections that changed
   * (it keeps its scroll, zoom, opened sections and loaded rows); otherwise the whole page loads.
   */
  private renderWorkitem(): void {
    if (!this.workitem || !this.timeline) return;
    const visible = this.host.isVisible();
    if (this.kind === 'workitem' && !this.patchable && visible && this.loadedRenderId === this.readiness.renderId && !this.readiness.ready) {
      // Loading the page again would start its load over (and lose the frame a reader holds): the
      // change waits for the page's `ready`, then goes as a patch.
      this.redrawWhenReady = true;
      return;
    }
    this.redrawWhenReady = false;
    const permissions = this.deps.permissions();
    const patch = this.kind === 'workitem' && this.patchable && visible;
    const renderId = this.readiness.nextRender();
    this.kind = 'workitem';
    this.allowed = availableActions(this.workitem, permissions).allowed;
    if (this.banner?.source === 'action') this.banner = undefined;
    const locked = this.deps.protection?.lockedReason();
    const away = this.awayReason();
    this.shownAway = away;
    const status: HeaderStatus = {
      ...(locked !== undefined ? { locked } : {}),
      ...(away !== undefined ? { away } : {}),
      ...(this.deps.tenant ? { tenant: this.deps.tenant.panel } : {}),
      changedFields: this.changed,
      ...(this.deps.watch ? { watched: this.deps.watch.isWatched(this.workitemId) } : {}),
    };
    if (this.checkedAt !== undefined) status.checkedAt = this.checkedAt;
    if (this.changedAt !== undefined) status.changedAt = this.changedAt;
    const input: DetailHtmlInput = {
      ...this.host.assets,
      workitem: privacyMode.view(this.workitem),
      issues: this.issues,
      permissions,
      now: this.deps.now(),
      // A patch keeps the loaded page and its script: only a load needs a fresh nonce.
      nonce: patch ? '' : this.deps.createNonce(),
      cspSource: this.host.cspSource,
      l10n: this.deps.l10n,
      time: this.deps.time(),
      renderId,
      timeline: this.timeline,
      status,
      workitemJson: privacyMode.enabled ? undefined : this.json,
      queues: this.deps.queues?.() ?? [],
      names: this.deps.names ?? NO_NAMES,
      privacyOn: privacyMode.enabled,
    };
    const parts = renderDetailParts(input);
    const previous = this.pageSections;
    this.pageSections = new Map(parts.sections.map((section) => [section.id, section.html.value]));
    if (patch) {
      this.sendPatch(renderId, parts.config, previous);
      return;
    }
    this.loadedRenderId = renderId;
    this.patchable = false;
    this.host.setHtml(detailPageOf(parts, input));
  }

  /** The sections that changed since the page last drew them; the whole page again if it cannot take them. */
  private sendPatch(renderId: number, config: DetailPageConfig, previous: ReadonlyMap<DetailSectionId, string>): void {
    const message: ExtensionMessage = {
      type: 'patch',
      renderId,
      config,
      order: [...this.pageSections.keys()],
      sections: [...this.pageSections].filter(([id, markup]) => previous.get(id) !== markup).map(([id, markup]) => ({ id, html: markup })),
    };
    const checked = parseExtensionMessage(message);
    if (!checked.ok) {
      this.deps.log.error(`Detail panel ${this.workitemId}: not sending a patch: ${checked.problem}`);
      this.reload();
      return;
    }
    this.host.postMessage(checked.message).then(
      (delivered) => {
        if (!delivered) this.reload();
      },
      (error: unknown) => {
        this.deps.log.debug(`Detail panel ${this.workitemId}: could not post a patch (${errorText(error)}); loading the page anew.`);
        this.reload();
      },
    );
  }

  /** Loads the whole page again (a patch could not reach it, or it came back from an older load). */
  private reload(): void {
    if (this.disposed || this.kind !== 'workitem') return;
    this.patchable = false;
    this.renderWorkitem();
  }

  /** Returns whether the page was rendered again (the first failure, or a different one, before any success). */
  private showFetchError(error: unknown): boolean {
    const text = describeFetchError(error, this.workitemId, this.deps.l10n);
    this.deps.log.warn(`Detail panel ${this.workitemId}: fetch failed (${text.kind ?? 'error'}): ${errorText(error)}`);
    this.checkedAt = this.deps.now();
    if (this.kind === 'workitem' && (text.kind === 'network' || text.kind === 'timeout')) {
      // A lost link: the workitem stays as last read, and the banner says since when.
      this.offlineSince ??= this.checkedAt;
      text.message = this.deps.l10n.t('Offline since {0} — retrying. {1}', formatTimeOfDay(this.offlineSince, this.deps.time()), text.message);
    }
    this.banner = { message: text.message, retryable: text.retryable, source: 'fetch' };
    if (text.kind !== undefined) this.banner.kind = text.kind;
    if (this.kind === 'workitem') {
      // Keep what the user was reading; say above it that it may be out of date.
      this.post({ type: 'error', message: text.message, retryable: text.retryable });
      return false;
    }
    if (this.kind === 'error' && this.errorPageMessage === text.message) {
      // The same failure again (e.g. while polling): no reload of the page, just the new check time.
      this.postStatus();
      return false;
    }
    this.errorPageMessage = text.message;
    const renderId = this.readiness.nextRender();
    this.kind = 'error';
    this.allowed = [];
    this.loadedRenderId = renderId;
    this.patchable = false;
    this.pageSections = new Map();
    this.host.setHtml(
      renderDetailErrorHtml({
        ...this.host.assets,
        workitemId: this.workitemId,
        message: text.message,
        retryable: text.retryable,
        issues: [...this.issues, ...(text.issues ?? [])],
        nonce: this.deps.createNonce(),
        cspSource: this.host.cspSource,
        l10n: this.deps.l10n,
        time: this.deps.time(),
        now: this.deps.now(),
        renderId,
        ...(this.deps.tenant ? { tenant: this.deps.tenant.panel } : {}),
      }),
    );
    return true;
  }

  /** The connection's API, only while it is this panel's tenant's. */
  private api(): WorkitemsApi {
    const away = this.awayReason();
    if (away !== undefined) throw new Error(away);
    return this.deps.getApi();
  }

  /** Why this panel is not read or acted on now: the inspector is connected to another tenant. */
  private awayReason(): string | undefined {
    const tenant = this.deps.tenant;
    const current = tenant?.awayTo();
    return tenant === undefined || current === undefined
      ? undefined
      : this.deps.l10n.t('{0} belongs to {1}; the inspector is connected to {2} now. Connect to {1} again to refresh it or act on it.', this.workitemId, tenant.panel.name, current);
  }

  // ── page messages ─────────────────────────────────────────────────────────────────────────

  private onReady(renderId: number): void {
    if (!this.readiness.markReady(renderId)) {
      this.deps.log.debug(`Detail panel ${this.workitemId}: ready from an old render (${renderId}).`);
      // The webview loaded its HTML again (shown after being hidden, moved) and lost the patches
      // made since: it shows an older workitem than the one held.
      if (renderId === this.loadedRenderId && this.kind === 'workitem') this.reload();
      return;
    }
    this.patchable = true;
    if (this.redrawWhenReady && this.kind === 'workitem') {
      this.renderWorkitem();
      return;
    }
    // The page may be a reload of an earlier render (shown again after being hidden): bring it up to date.
    this.postStatus();
    if (this.busy !== null) {
      this.post({ type: 'busy', action: this.busy, label: actionBusyLabel(this.busy, this.deps.l10n) });
    }
  }

  private async runAction(action: WorkitemAction): Promise<void> {
    if (this.busy !== null) {
      this.deps.log.info(`Detail panel ${this.workitemId}: ${action} ignored while ${this.busy} runs.`);
      return;
    }
    // The page may only ask for what it was offered: a stale or forged message must not act.
    const away = this.awayReason();
    if (away !== undefined) {
      this.deps.log.warn(`Detail panel ${this.workitemId}: ${action} not sent: ${away}`);
      return;
    }
    if (!this.allowed.includes(action)) {
      this.deps.log.warn(`Detail panel ${this.workitemId}: ${action} is not offered for this workitem; ignored.`);
      return;
    }
    this.busy = action;
    this.post({ type: 'busy', action, label: actionBusyLabel(action, this.deps.l10n) });
    const { l10n } = this.deps;
    let failure: string | undefined;
    try {
      // The runner shows the answer here (showAnswer) or reads the workitem once: no refresh of our own.
      const result = await this.deps.runAction(action, this.workitemId);
      if ((result.outcome === 'refused' || result.outcome === 'failed') && result.reason) {
        failure = l10n.t('{0} failed: {1}', actionLabel(action, l10n), result.reason);
      }
    } catch (error) {
      failure = l10n.t('{0} failed: {1}', actionLabel(action, l10n), errorText(error));
    } finally {
      this.busy = null;
      this.post({ type: 'busy', action: null });
    }
    if (failure !== undefined) {
      this.banner = { message: failure, retryable: false, source: 'action' };
      this.post({ type: 'error', message: failure, retryable: false });
    }
  }

  /** Shows the workitem an action answered, as a fetch would have. */
  showAnswer(workitem: Workitem): void {
    if (this.disposed || workitem.workitemId !== this.workitemId) return;
    // A version older than the one shown (a pushed change overtaken by a fetch) changes nothing.
    if ((workitem.modifiedAt ?? 0) < (this.workitem?.modifiedAt ?? 0)) return;
    const banner = this.banner;
    if (this.show(workitem)) {
      // A refusal's banner outlives the render it came with only when it is about this answer.
      if (banner?.source === 'action') this.banner = undefined;
    }
  }

  private async copy(what: 'id' | 'json'): Promise<void> {
    if (what === 'json' && !this.workitem) return;
    if (what === 'json' && privacyMode.enabled && !(await this.deps.confirmUnmaskedCopy?.())) return;
    await this.deps.copyText(what === 'id' ? this.workitemId : boundedStringify(this.workitem, { indent: 2 }).text);
    const { l10n } = this.deps;
    const status = what === 'id' ? l10n.t('ID copied') : l10n.t('JSON copied');
    this.post({ type: 'copied', what, status });
  }

  private sendTimelinePage(offset: number, limit: number): void {
    if (!this.timeline) return;
    const rows = timelineRowViews(this.timeline, offset, limit, { now: this.deps.now(), time: this.deps.time(), names: this.deps.names ?? NO_NAMES });
    this.post({ type: 'timelinePage', offset, total: this.timeline.entries.length, rows });
  }

  private postStatus(): void {
    if (this.checkedAt === undefined) return;
    const { l10n } = this.deps;
    const status = l10n.t('Checked at {0}', formatTimeOfDay(this.checkedAt, this.deps.time()));
    const banner = this.banner ? { message: this.banner.message, retryable: this.banner.retryable } : null;
    this.post({ type: 'update', workitemId: this.workitemId, checkedAt: this.checkedAt, status, banner });
  }

  /**
   * Only to a page that said it is ready: earlier messages could reach a page that has no listener
   * yet. Checked against the contract the page's script trusts (it renders what it is sent), so a
   * value the types let through (a NaN, a row past the page size) is logged here, not drawn there.
   */
  private post(message: ExtensionMessage): void {
    if (this.disposed || !this.readiness.ready) return;
    const checked = parseExtensionMessage(message);
    if (!checked.ok) {
      this.deps.log.error(`Detail panel ${this.workitemId}: not sending ${message.type}: ${checked.problem}`);
      return;
    }
    this.host.postMessage(checked.message).then(undefined, (error: unknown) => {
      this.deps.log.debug(`Detail panel ${this.workitemId}: could not post ${message.type}: ${errorText(error)}`);
    });
  }

  // ── polling ───────────────────────────────────────────────────────────────────────────────

  private schedulePoll(): void {
    this.poller.cancel();
    const interval = this.deps.refreshIntervalMs();
    if (this.disposed || interval <= 0 || !this.host.isVisible()) return;
    this.poller.schedule(interval, () => {
      this.track(this.refresh().then(() => this.schedulePoll()), 'auto-refresh');
    });
  }

  private track(work: Promise<void>, what: string): void {
    work.catch((error: unknown) => {
      this.deps.log.error(`Detail panel ${this.workitemId}: ${what} failed: ${errorText(error)}`);
    });
  }
}
