// The Watched view: the workitems of the current tenant being watched, each with what it was last
// seen doing (state, agent, queue by name); a click opens it, "Stop Watching" ends a watch. The
// watches themselves (and what ends them) live in src/model/live/watchList.ts.
import * as vscode from 'vscode';
import { COMMANDS, WATCHED_VIEW_ID } from '../../contributions';
import { formatTimeOfDay } from '../../model/format/time';
import type { Watch, WatchList } from '../../model/live/watchList';
import type { NameLookup } from '../../model/names/nameDirectory';
import { createShownTreeView, type ShownTreeView } from '../../ui/shownViews';
import { l10n } from '../../ui/l10n';
import { stateColorId } from '../tree/iconIds';
import { escapeMarkdown } from '../tree/markdownText';
import { shownTreeItem } from '../tree/treeItems';

export const WATCH_CONTEXT_VALUE = 'watch;';

export interface WatchedViewDeps {
  list: WatchList;
  /** The tenant whose watches are shown (the current connection's). */
  tenant: () => string;
  names: NameLookup;
}

export class WatchedView implements vscode.TreeDataProvider<Watch>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Watch | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: ShownTreeView<Watch>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: WatchedViewDeps) {
    this.view = createShownTreeView(WATCHED_VIEW_ID, this);
    const list = deps.list.onDidChange(() => this.refresh());
    this.disposables.push(this.view, this.changed, new vscode.Disposable(() => list.dispose()));
    this.refresh();
  }

  /** Draws the list again (watches changed, the connection changed, names arrived). */
  refresh(): void {
    const count = this.deps.list.of(this.deps.tenant()).length;
    this.view.setDescription(count === 0 ? undefined : l10n.t('{0} watched', count));
    this.changed.fire(undefined);
  }

  getChildren(element?: Watch): Watch[] {
    return element ? [] : [...this.deps.list.of(this.deps.tenant())];
  }

  getTreeItem(watch: Watch): vscode.TreeItem {
    const { names } = this.deps;
    const seen = watch.seen;
    const agent = seen?.agentUsername ? (names.nameOf('agent', seen.agentUsername) ?? seen.agentUsername) : undefined;
    const queue = seen?.selectedQueue ? (names.nameOf('queue', seen.selectedQueue) ?? seen.selectedQueue) : undefined;
    const item = shownTreeItem(
      {
        label: l10n.t('{0}', watch.workitemId),
        description: l10n.t('{0}', [seen?.state ?? l10n.t('not seen yet'), agent, queue].filter(Boolean).join(' · ')),
      },
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = `watch:${watch.tenant}:${watch.workitemId}`;
    const color = seen ? stateColorId(seen.state) : undefined;
    item.iconPath = new vscode.ThemeIcon('eye', color ? new vscode.ThemeColor(color) : undefined);
    const tooltip = new vscode.MarkdownString(
      [
        `**${escapeMarkdown(watch.workitemId)}**`,
        escapeMarkdown(l10n.t('Watched since {0} on {1}', formatTimeOfDay(watch.since, { locale: vscode.env.language }), watch.tenant)),
        seen?.selectedQueue ? escapeMarkdown(l10n.t('Queue: {0}', names.labelOf('queue', seen.selectedQueue))) : '',
        seen?.agentUsername ? escapeMarkdown(l10n.t('Agent: {0}', names.labelOf('agent', seen.agentUsername))) : '',
        escapeMarkdown(l10n.t('Its next changes raise a notification; the watch ends when it is dispositioned.')),
      ]
        .filter(Boolean)
        .join('  \n'),
    );
    tooltip.isTrusted = false;
    item.tooltip = tooltip;
    item.command = { command: COMMANDS.openDetails, title: l10n.t('Open Details'), arguments: [watch.workitemId] };
    item.contextValue = WATCH_CONTEXT_VALUE;
    return item;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
