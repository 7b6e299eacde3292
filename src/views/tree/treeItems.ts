// How each kind of row looks: label, description, icon, tooltip, click command, contextValue.
import * as vscode from 'vscode';
import type { Workitem } from '../../api/schemas';
import { COMMANDS } from '../../commands/commandIds';
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
import { revealBidiControls } from '../../model/format/text';
import { privacyMode } from '../../model/privacy/privacyMode';

function formatNumber(value: number): string {
  return new Intl.NumberFormat(vscode.env.language).format(value);
}

function formatAge(age: Age): string {
  switch (age.unit) {
    case 'seconds':
      return vscode.l10n.t('{0}s', age.value);
    case 'minutes':
      return vscode.l10n.t('{0}m', age.value);
    case 'hours':
      return vscode.l10n.t('{0}h', age.value);
    case 'days':
      return vscode.l10n.t('{0}d', age.value);
  }
}

function themeIcon(id: string, colorId: string | undefined): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, colorId === undefined ? undefined : new vscode.ThemeColor(colorId));
}

export function groupName(node: Pick<GroupModelNode, 'value'>): string {
  return node.value === OTHER_GROUP_VALUE ? vscode.l10n.t('other') : node.value;
}

export function groupTreeItem(node: GroupModelNode, query: string | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(
    vscode.l10n.t('{0} · {1}', groupName(node), formatNumber(node.count)),
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
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(escapeMarkdown(vscode.l10n.t('{0} workitems', formatNumber(node.count))));
  if (query !== undefined) {
    tooltip.appendMarkdown(`  \n${escapeMarkdown(vscode.l10n.t('Query: {0}', query))}`);
  }
  item.tooltip = tooltip;
  return item;
}

export function workitemLabelText(workitem: Workitem): string {
  const label = workitemLabel(workitem);
  switch (label.kind) {
    case 'contact':
      return label.name;
    case 'route':
      return `${label.from ?? '?'} → ${label.to ?? '?'}`;
    case 'id':
      return label.id;
  }
}

function workitemDescription(workitem: Workitem, now: number): string {
  const parts = [workitem.type, workitem.agentUsername, formatAge(ageOf(workitem.createdAt, now))];
  // A server-sent type or agent name must not reorder the row with bidi control characters.
  return revealBidiControls(parts.filter((part): part is string => Boolean(part)).join(' · '));
}

function workitemTooltip(workitem: Workitem, now: number): vscode.MarkdownString {
  const line = (name: string, value: string | number | undefined): string | undefined =>
    value === undefined || value === '' ? undefined : `**${escapeMarkdown(name)}** ${escapeMarkdown(String(value))}`;
  const created = new Date(workitem.createdAt).toLocaleString(vscode.env.language);
  const lines = [
    `**${escapeMarkdown(workitemLabelText(workitem))}**`,
    line(vscode.l10n.t('ID:'), workitem.workitemId),
    line(vscode.l10n.t('State:'), workitem.state),
    line(vscode.l10n.t('Channel:'), workitem.channelType),
    line(vscode.l10n.t('Type:'), workitem.type),
    line(vscode.l10n.t('Priority:'), workitem.priority),
    line(vscode.l10n.t('Agent:'), workitem.agentUsername),
    line(vscode.l10n.t('Queue:'), workitem.selectedQueue),
    line(vscode.l10n.t('From:'), workitem.from),
    line(vscode.l10n.t('To:'), workitem.to),
    line(vscode.l10n.t('Created:'), vscode.l10n.t('{0} ({1} ago)', created, formatAge(ageOf(workitem.createdAt, now)))),
    line(vscode.l10n.t('Actions:'), (workitem.actions ?? []).join(', ')),
  ];
  const tooltip = new vscode.MarkdownString(lines.filter((text): text is string => text !== undefined).join('  \n'));
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  return tooltip;
}

export function workitemTreeItem(node: WorkitemModelNode, now: number, permissions: readonly string[]): vscode.TreeItem {
  // Every text of the row comes from what privacy mode lets the screen show; the node keeps the real one.
  const workitem = privacyMode.view(node.workitem);
  const item = new vscode.TreeItem(workitemLabelText(workitem), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = workitemContextValue(workitem, node.busy !== undefined, permissions);
  item.tooltip = workitemTooltip(workitem, now);
  if (node.busy !== undefined) {
    item.iconPath = new vscode.ThemeIcon(BUSY_ICON);
    item.description = node.busy;
  } else {
    item.iconPath = themeIcon(channelIconId(workitem.channelType), stateColorId(workitem.state));
    item.description = workitemDescription(workitem, now);
  }
  item.accessibilityInformation = {
    label: vscode.l10n.t('{0}, {1}, {2}', workitemLabelText(workitem), workitem.state, workitem.channelType),
  };
  return item;
}

/** `node` is passed back to the command, which resolves it against the tree. */
function clickCommand(command: string, title: string, node: unknown): vscode.Command {
  return { command, title, arguments: [node] };
}

export function workitemClickCommand(node: unknown): vscode.Command {
  return clickCommand(COMMANDS.openDetails, vscode.l10n.t('Open Details'), node);
}

export function loadMoreTreeItem(model: LoadMoreModelNode, node: unknown): vscode.TreeItem {
  const item = new vscode.TreeItem(
    vscode.l10n.t('Load more ({0} of {1})', formatNumber(model.loaded), formatNumber(model.total)),
    vscode.TreeItemCollapsibleState.None,
  );
  item.id = model.id;
  item.contextValue = LOAD_MORE_CONTEXT_VALUE;
  item.iconPath = new vscode.ThemeIcon('fold-down');
  item.command = clickCommand(COMMANDS.loadMore, vscode.l10n.t('Load More'), node);
  return item;
}

export function errorTreeItem(model: ErrorModelNode, node: unknown): vscode.TreeItem {
  const signIn = model.action === 'signIn';
  const label = signIn
    ? vscode.l10n.t('Sign in to NCX to see these workitems')
    : model.reason === 'unreachable'
      ? vscode.l10n.t('Cannot reach the server: retry')
      : vscode.l10n.t('Could not load workitems: retry');
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = model.id;
  item.description = model.message;
  item.tooltip = model.message;
  item.contextValue = errorContextValue(model.action);
  item.iconPath = signIn
    ? new vscode.ThemeIcon('account')
    : new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.command = signIn
    ? clickCommand(COMMANDS.signIn, vscode.l10n.t('Sign In to NCX…'), undefined)
    : clickCommand(COMMANDS.retry, vscode.l10n.t('Retry'), node);
  return item;
}

export function issuesTreeItem(model: IssuesModelNode, node: unknown): vscode.TreeItem {
  const label =
    model.invalidCount === 1
      ? vscode.l10n.t('1 invalid workitem')
      : vscode.l10n.t('{0} invalid workitems', formatNumber(model.invalidCount));
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = model.id;
  item.description = vscode.l10n.t('left out: did not match the schema');
  item.contextValue = ISSUES_CONTEXT_VALUE;
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  item.command = clickCommand(COMMANDS.showIssues, vscode.l10n.t('Show Validation Issues'), node);
  return item;
}

export function emptyTreeItem(model: EmptyModelNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('No workitems'), vscode.TreeItemCollapsibleState.None);
  item.id = model.id;
  item.description = vscode.l10n.t('they changed since the count: refresh');
  item.contextValue = EMPTY_CONTEXT_VALUE;
  item.iconPath = new vscode.ThemeIcon('info');
  return item;
}
