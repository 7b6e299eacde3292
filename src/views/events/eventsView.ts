// The Events view: workitem changes as they happen, newest first (time, connection, workitem,
// old → new state, agent, queue). It renders coalesced (at most a few times a second), so 400
// changes a second cost a few renders, while the ring (src/model/live/eventTail.ts) takes in every
// change. Clicking a row opens the workitem. Server text reaches the rows through l10n.t/shown.
import type { NameLookup } from '../../model/names/nameDirectory';
import { shownTreeItem } from '../tree/treeItems';
import { ours } from '../../model/format/shownText';
import { VscodeUi } from '../../ui/vscodeUi';
import { createShownTreeView, type ShownTreeView } from '../../ui/shownViews';
import * as vscode from 'vscode';
import { COMMANDS, CONTEXT_KEYS, EVENTS_VIEW_ID, LIVE_COMMANDS } from '../../contributions';
import type { LiveService } from '../../live/liveService';
import { Coalescer } from '../../model/live/coalescer';
import { EventTail, TAIL_RENDER_GAP_MS, type TailEntry } from '../../model/live/eventTail';
import { TAIL_FILTER_FIELDS } from '../../model/live/tailFilter';
import { formatIso, formatTimeOfDay } from '../../model/format/time';
import { l10n } from '../../ui/l10n';
import { readSettings } from '../../ui/vscodeSettings';
import { escapeMarkdown } from '../tree/markdownText';
import { stateColorId } from '../tree/iconIds';

/** Renders at most this often (ms): a few per second. */

export interface EventsViewDeps {
  live: LiveService;
  /** The connection's host, shown on each row. */
  connection: () => string;
  /** Queue and agent names for the rows (ids alone while not known). */
  names: NameLookup;
}

export class EventsView implements vscode.TreeDataProvider<TailEntry>, vscode.Disposable {
  readonly tail: EventTail;
  private readonly changed = new vscode.EventEmitter<TailEntry | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: ShownTreeView<TailEntry>;
  private readonly render: Coalescer;
  private readonly disposables: vscode.Disposable[] = [];
  /** Renders done (for the benchmark: few, however many changes came). */
  renders = 0;
  /** The rows the view was last given, newest first. */
  private rows: TailEntry[] = [];

  constructor(private readonly deps: EventsViewDeps) {
    this.tail = new EventTail(readSettings()['events.ringSize']);
    this.view = createShownTreeView(EVENTS_VIEW_ID, this);
    this.render = new Coalescer(() => this.renderNow(), TAIL_RENDER_GAP_MS);
    this.disposables.push(
      this.view,
      this.changed,
      deps.live.onDidChange((changes) => {
        this.tail.push(changes, deps.connection(), (queueId) => deps.names.nameOf('queue', queueId));
        if (!this.tail.paused) this.render.request();
      }),
      deps.live.onDidChangeMode(() => this.render.request()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('workitemInspector.events.ringSize')) {
          this.tail.resize(readSettings()['events.ringSize']);
          this.render.request();
        }
      }),
      vscode.commands.registerCommand(LIVE_COMMANDS.eventsFilter, () => this.askFilter()),
      vscode.commands.registerCommand(LIVE_COMMANDS.eventsClearFilter, () => this.setFilter(undefined)),
      vscode.commands.registerCommand(LIVE_COMMANDS.eventsPause, () => this.setPaused(true)),
      vscode.commands.registerCommand(LIVE_COMMANDS.eventsResume, () => this.setPaused(false)),
      vscode.commands.registerCommand(LIVE_COMMANDS.eventsClear, () => {
        this.tail.clear();
        this.render.request();
      }),
    );
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.eventsPaused, false);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.eventsFiltered, false);
    this.renderNow();
  }

  /** What the view shows now, newest first (for tests). */
  shownRows(): readonly TailEntry[] {
    return this.rows;
  }

  setFilter(query: string | undefined): string | undefined {
    const unknown = this.tail.setFilter(query);
    if (unknown === undefined) {
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.eventsFiltered, this.tail.query !== undefined);
      this.render.request();
    }
    return unknown;
  }

  setPaused(paused: boolean): void {
    if (paused) this.tail.pause();
    else this.tail.resume();
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.eventsPaused, paused);
    this.render.request();
  }

  getChildren(element?: TailEntry): TailEntry[] {
    return element ? [] : this.rows;
  }

  getTreeItem(entry: TailEntry): vscode.TreeItem {
    const { change } = entry;
    const locale = vscode.env.language;
    const time = formatTimeOfDay(change.at, { locale });
    const transition = change.oldState === undefined ? l10n.t('new → {0}', change.newState) : l10n.t('{0} → {1}', change.oldState, change.newState);
    const item = shownTreeItem({ label: l10n.t('{0}  {1}  {2}', time, change.workitemId, transition) }, vscode.TreeItemCollapsibleState.None);
    item.id = `event:${entry.seq}`;
    const agentId = change.workitem.agentUsername;
    // The row is short: names alone; the tooltip says `Name (id)`.
    const agent = this.deps.names.nameOf('agent', agentId) ?? agentId;
    const queue = entry.queueName ?? change.workitem.selectedQueue;
    item.description = l10n.t('{0} · {1} · {2}', agent ?? '—', queue ?? '—', entry.connection);
    const color = stateColorId(change.newState);
    item.iconPath = new vscode.ThemeIcon('circle-filled', color ? new vscode.ThemeColor(color) : undefined);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(
      [
        `**${escapeMarkdown(change.workitemId)}** ${escapeMarkdown(change.oldState ?? '∅')} → ${escapeMarkdown(change.newState)}`,
        `${escapeMarkdown(l10n.t('At'))}: ${escapeMarkdown(formatIso(change.at))}`,
        `${escapeMarkdown(l10n.t('Agent'))}: ${escapeMarkdown(agentId ? this.deps.names.labelOf('agent', agentId) : '—')}`,
        `${escapeMarkdown(l10n.t('Queue'))}: ${escapeMarkdown(change.workitem.selectedQueue ? this.deps.names.labelOf('queue', change.workitem.selectedQueue) : '—')}`,
        `${escapeMarkdown(l10n.t('Channel'))}: ${escapeMarkdown(change.workitem.channelType)}`,
        `${escapeMarkdown(l10n.t('Connection'))}: ${escapeMarkdown(entry.connection)}`,
        change.action ? `${escapeMarkdown(l10n.t('Action'))}: ${escapeMarkdown(change.action)}` : '',
        escapeMarkdown(change.via === 'socket' ? l10n.t('Pushed by the events socket') : l10n.t('Read from the change feed')),
      ]
        .filter(Boolean)
        .join('  \n'),
    );
    item.tooltip = tooltip;
    item.command = { command: COMMANDS.openDetails, title: l10n.t('Open Details'), arguments: [change.workitemId] };
    item.contextValue = 'workitemEvent';
    return item;
  }

  dispose(): void {
    this.render.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private renderNow(): void {
    this.renders++;
    this.rows = this.tail.shown();
    const mode = this.deps.live.mode;
    const modeText = mode === 'socket' ? l10n.t('live') : mode === 'feed' ? l10n.t('polling') : mode === 'connecting' ? l10n.t('connecting') : l10n.t('off');
    this.view.setDescription(this.tail.paused
      ? l10n.t('{0} · paused · {1} of {2}', modeText, this.rows.length, this.tail.size)
      : this.tail.query !== undefined
        ? l10n.t('{0} · {1} of {2} match {3}', modeText, this.rows.length, this.tail.size, this.tail.query)
        : l10n.t('{0} · {1}', modeText, this.tail.size));
    this.view.setMessage(this.rows.length === 0 ? l10n.t('No changes yet. Changes appear here as they happen.') : undefined);
    this.changed.fire(undefined);
  }

  private async askFilter(): Promise<void> {
    const value = await new VscodeUi().input({
      title: l10n.t('Filter Events'),
      value: this.tail.query ?? '',
      prompt: l10n.t('Words, or field:value with * as wildcard; fields: {0}', TAIL_FILTER_FIELDS.join(', ')),
      placeholder: ours('state:hold agent:jason*'),
      validate: (text) => {
        const unknown = new EventTail(1).setFilter(text);
        return unknown === undefined ? undefined : l10n.t('Unknown field "{0}"; use one of {1}.', unknown, TAIL_FILTER_FIELDS.join(', '));
      },
    });
    if (value !== undefined) this.setFilter(value);
  }
}
