// How each kind of row looks: label, description, icon, tooltip, click command, contextValue.
import * as vscode from 'vscode';
import type { Workitem } from '../../api/schemas';
import { COMMANDS } from '../../contributions';
import { OTHER_GROUP_VALUE } from '../../model/groupKeys';
import type {
  EmptyModelNode,
  ErrorModelNode,
  GroupModelNode,
  IssuesModelNode,
  LoadMoreModelNode,
  WorkitemModelNode,
} from '../../model/modelNodes';
import { ageOf, workitemLabel, type Age } from '../../model/workitemText';
import {
  EMPTY_CONTEXT_VALUE,
  ISSUES_CONTEXT_VALUE,
  LOAD_MORE_CONTEXT_VALUE,
  errorContextValue,
  groupContextValue,
  workitemContextValue,
} from './contextValues';
import { BUSY_ICON, channelIconId, STATE_GROUP_ICON, stateColorId, UNKNOWN_VALUE_ICON } from './iconIds';
import { escapeMarkdown } from './markdownText';
import { shown, type Shown } from '../../model/format/shownText';
import { l10n } from '../../ui/l10n';
import type { NameLookup, NamedKind } from '../../model/names/nameDirectory';
import { pastSlaMs, waitingSince } from '../../model/live/queueSla';

/** A waiting workitem past its queue's SLA: its icon in the editor's warning colour. */
const SLA_BREACH_COLOR = 'editorWarning.foreground';

// Tree labels and descriptions render `$(icon)` syntax, and tooltips are shown as text or Markdown:
// every row's texts are `Shown` (our sentences through `l10n.t`, a server's words through `shown`),
// and the rows are made by `shownTreeItem` only, so a raw string cannot become a label.
interface RowText {
  label: Shown;
  description?: Shown;
  /** Markdown tooltips are escaped with `escapeMarkdown` and neither trusted nor HTML. */
  tooltip?: Shown | vscode.MarkdownString;
}

export function shownTreeItem(text: RowText, collapsible: vscode.TreeItemCollapsibleState): vscode.TreeItem {
  // eslint-disable-next-line no-restricted-syntax -- the one place a tree row is made, from Shown texts.
  const item = new vscode.TreeItem(text.label, collapsible);
  item.description = text.description;
  item.tooltip = text.tooltip;
  return item;
}
import { privacyMode } from '../../model/privacy/privacyMode';

function formatNumber(value: number): string {
  return new Intl.NumberFormat(vscode.env.language).format(value);
}

/** An age as the tree writes it (`42s`, `3m`, `2h`, `5d`). */
export function formatAge(age: Age): string {
  switch (age.unit) {
    case 'seconds':
      return l10n.t('{0}s', age.value);
    case 'minutes':
      return l10n.t('{0}m', age.value);
    case 'hours':
      return l10n.t('{0}h', age.value);
    case 'days':
      return l10n.t('{0}d', age.value);
  }
}

function themeIcon(id: string, colorId: string | undefined): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, colorId === undefined ? undefined : new vscode.ThemeColor(colorId));
}

export function groupName(node: Pick<GroupModelNode, 'value'>): Shown {
  return node.value === OTHER_GROUP_VALUE ? l10n.t('other') : shown(node.value);
}

export function groupTreeItem(node: GroupModelNode, query: string | undefined): vscode.TreeItem {
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(escapeMarkdown(l10n.t('{0} workitems', formatNumber(node.count))));
  if (query !== undefined) {
    tooltip.appendMarkdown(`  \n${escapeMarkdown(l10n.t('Query: {0}', query))}`);
  }
  const item = shownTreeItem(
    { label: l10n.t('{0} · {1}', groupName(node), formatNumber(node.count)), tooltip },
    vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.id = node.id;
  item.contextValue = groupContextValue(node.dimension, node.value);
  if (node.value === OTHER_GROUP_VALUE) {
    item.iconPath = new vscode.ThemeIcon(UNKNOWN_VALUE_ICON);
  } else if (node.dimension === 'state') {
    item.iconPath = themeIcon(STATE_GROUP_ICON, stateColorId(node.value));
  } else {
    item.iconPath = new vscode.ThemeIcon(channelIconId(node.value));
  }
  return item;
}

export function workitemLabelText(workitem: Workitem): Shown {
  const label = workitemLabel(workitem);
  switch (label.kind) {
    case 'contact':
      return shown(label.name);
    case 'route':
      return shown(`${label.from ?? '?'} → ${label.to ?? '?'}`);
    case 'id':
      return shown(label.id);
  }
}

function workitemDescription(workitem: Workitem, now: number, names: NameLookup, pastSla: number | undefined): Shown {
  // The row is short: the agent's name alone when known (the tooltip says `Name (id)`).
  const agent = names.nameOf('agent', workitem.agentUsername) ?? workitem.agentUsername;
  const parts = [workitem.type, agent, formatAge(ageOf(workitem.createdAt, now))];
  // A server-sent type or agent name must neither become an icon nor reorder the row (bidi controls).
  const text = shown(parts.filter((part): part is string => Boolean(part)).join(' · '));
  return pastSla === undefined ? text : l10n.t('{0} past SLA · {1}', formatAge(ageOf(0, pastSla)), text);
}

function workitemTooltip(workitem: Workitem, now: number, names: NameLookup, pastSla: number | undefined): vscode.MarkdownString {
  const line = (name: string, value: string | number | undefined): string | undefined =>
    value === undefined || value === '' ? undefined : `**${escapeMarkdown(name)}** ${escapeMarkdown(String(value))}`;
  const created = new Date(workitem.createdAt).toLocaleString(vscode.env.language);
  const lines = [
    `**${escapeMarkdown(workitemLabelText(workitem))}**`,
    line(l10n.t('ID:'), workitem.workitemId),
    line(l10n.t('State:'), workitem.state),
    line(l10n.t('Channel:'), workitem.channelType),
    line(l10n.t('Type:'), workitem.type),
    line(l10n.t('Priority:'), workitem.priority),
    line(l10n.t('Agent:'), named(names, 'agent', workitem.agentUsername)),
    line(l10n.t('Queue:'), named(names, 'queue', workitem.selectedQueue)),
    line(l10n.t('Campaign:'), named(names, 'campaign', workitem.campaignId)),
    line(l10n.t('Disposition:'), named(names, 'disposition', workitem.dispositionId)),
    line(l10n.t('From:'), workitem.from),
    line(l10n.t('To:'), workitem.to),
    line(l10n.t('Created:'), l10n.t('{0} ({1} ago)', created, formatAge(ageOf(workitem.createdAt, now)))),
    pastSla === undefined ? undefined : line(l10n.t('Waiting:'), l10n.t('{0}, {1} past the queue SLA', formatAge(ageOf(waitingSince(workitem), now)), formatAge(ageOf(0, pastSla)))),
    line(l10n.t('Actions:'), (workitem.actions ?? []).join(', ')),
  ];
  const tooltip = new vscode.MarkdownString(lines.filter((text): text is string => text !== undefined).join('  \n'));
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  return tooltip;
}

function named(names: NameLookup, kind: NamedKind, id: string | undefined): string | undefined {
  return id === undefined || id === '' ? undefined : names.labelOf(kind, id);
}

export function workitemTreeItem(
  node: WorkitemModelNode,
  { now, permissions, names, slaMsOf }: { now: number; permissions: readonly string[]; names: NameLookup; slaMsOf?: (workitem: Workitem) => number | undefined },
): vscode.TreeItem {
  // Every text of the row comes from what privacy mode lets the screen show; the node keeps the real one.
  const workitem = privacyMode.view(node.workitem);
  const busy = node.busy !== undefined;
  const pastSla = pastSlaMs(workitem, slaMsOf?.(workitem), now);
  const item = shownTreeItem(
    {
      label: workitemLabelText(workitem),
      description: node.busy !== undefined ? shown(node.busy) : workitemDescription(workitem, now, names, pastSla),
      tooltip: workitemTooltip(workitem, now, names, pastSla),
    },
    vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.id;
  item.contextValue = workitemContextValue(workitem, busy, permissions);
  item.iconPath = busy
    ? new vscode.ThemeIcon(BUSY_ICON)
    : themeIcon(channelIconId(workitem.channelType), pastSla === undefined ? stateColorId(workitem.state) : SLA_BREACH_COLOR);
  item.accessibilityInformation = {
    label:
      pastSla === undefined
        ? l10n.t('{0}, {1}, {2}', workitemLabelText(workitem), workitem.state, workitem.channelType)
        : l10n.t('{0}, {1}, {2}, past the queue SLA', workitemLabelText(workitem), workitem.state, workitem.channelType),
  };
  return item;
}

/** `node` is passed back to the command, which resolves it against the tree. */
function clickCommand(command: string, title: string, node: unknown): vscode.Command {
  return { command, title, arguments: [node] };
}

export function workitemClickCommand(node: unknown): vscode.Command {
  return clickCommand(COMMANDS.openDetails, l10n.t('Open Details'), node);
}

export function loadMoreTreeItem(model: LoadMoreModelNode, node: unknown): vscode.TreeItem {
  const item = shownTreeItem(
    { label: l10n.t('Load more ({0} of {1})', formatNumber(model.loaded), formatNumber(model.total)) },
    vscode.TreeItemCollapsibleState.None,
  );
  item.id = model.id;
  item.contextValue = LOAD_MORE_CONTEXT_VALUE;
  item.iconPath = new vscode.ThemeIcon('fold-down');
  item.command = clickCommand(COMMANDS.loadMore, l10n.t('Load More'), node);
  return item;
}

export function errorTreeItem(model: ErrorModelNode, node: unknown): vscode.TreeItem {
  const signIn = model.action === 'signIn';
  const label = signIn
    ? l10n.t('Sign in to NCX to see these workitems')
    : model.reason === 'unreachable'
      ? l10n.t('Cannot reach the server: retry')
      : l10n.t('Could not load workitems: retry');
  // The failure's message may quote the server.
  const message = model.message === undefined ? undefined : shown(model.message);
  const item = shownTreeItem({ label, description: message, tooltip: message }, vscode.TreeItemCollapsibleState.None);
  item.id = model.id;
  item.contextValue = errorContextValue(model.action);
  item.iconPath = signIn
    ? new vscode.ThemeIcon('account')
    : new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.command = signIn
    ? clickCommand(COMMANDS.signIn, l10n.t('Sign In to NCX…'), undefined)
    : clickCommand(COMMANDS.retry, l10n.t('Retry'), node);
  return item;
}

export function issuesTreeItem(model: IssuesModelNode, node: unknown): vscode.TreeItem {
  const label =
    model.invalidCount === 1
      ? l10n.t('1 invalid workitem')
      : l10n.t('{0} invalid workitems', formatNumber(model.invalidCount));
  const item = shownTreeItem(
    { label, description: l10n.t('left out: did not match the schema') },
    vscode.TreeItemCollapsibleState.None,
  );
  item.id = model.id;
  item.contextValue = ISSUES_CONTEXT_VALUE;
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  item.command = clickCommand(COMMANDS.showIssues, l10n.t('Show Validation Issues'), node);
  return item;
}

export function emptyTreeItem(model: EmptyModelNode): vscode.TreeItem {
  const item = shownTreeItem(
    { label: l10n.t('No workitems'), description: l10n.t('they changed since the count: refresh') },
    vscode.TreeItemCollapsibleState.None,
  );
  item.id = model.id;
  item.contextValue = EMPTY_CONTEXT_VALUE;
  item.iconPath = new vscode.ThemeIcon('info');
  return item;
}
