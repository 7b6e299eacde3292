// The ids of everything package.json contributes, declared once: commands, views, webview
// types, the query language and the context keys `when` clauses read. package.json declares
// exactly these commands (a unit test checks both directions); code refers to a contribution
// only through this module.

/** The workitem, connection and tree commands (each action's words live in src/api/actions/catalog.ts). */
export const COMMANDS = {
  hold: 'workitemInspector.hold',
  unhold: 'workitemInspector.unhold',
  hangUp: 'workitemInspector.hangUp',
  transferToQueue: 'workitemInspector.transferToQueue',
  openDetails: 'workitemInspector.openDetails',
  copyId: 'workitemInspector.copyId',
  copyJson: 'workitemInspector.copyJson',
  refresh: 'workitemInspector.refresh',
  filter: 'workitemInspector.filter',
  clearFilter: 'workitemInspector.clearFilter',
  groupBy: 'workitemInspector.groupBy',
  openById: 'workitemInspector.openById',
  signIn: 'workitemInspector.signIn',
  signOut: 'workitemInspector.signOut',
  useSandbox: 'workitemInspector.useSandbox',
  connectTo: 'workitemInspector.connectTo',
  addConnection: 'workitemInspector.addConnection',
  editConnection: 'workitemInspector.editConnection',
  removeConnection: 'workitemInspector.removeConnection',
  showLog: 'workitemInspector.showLog',
  connectionMenu: 'workitemInspector.connectionMenu',
  /** Tree-internal rows ("Load more", an error row's retry, a page's validation issues). */
  loadMore: 'workitemInspector.loadMore',
  retry: 'workitemInspector.retry',
  showIssues: 'workitemInspector.showIssues',
  togglePrivacy: 'workitemInspector.togglePrivacy',
  answer: 'workitemInspector.answer',
  mute: 'workitemInspector.mute',
  unmute: 'workitemInspector.unmute',
  sendDtmf: 'workitemInspector.sendDtmf',
  changePriority: 'workitemInspector.changePriority',
  transferToAgent: 'workitemInspector.transferToAgent',
  disposition: 'workitemInspector.disposition',
  showActionHistory: 'workitemInspector.showActionHistory',
  exportActionHistory: 'workitemInspector.exportActionHistory',
  copyLink: 'workitemInspector.copyLink',
  /** The URI handler's: opens a workitem link. */
  openLink: 'workitemInspector.openLink',
  watch: 'workitemInspector.watch',
  unwatch: 'workitemInspector.unwatch',
  unwatchAll: 'workitemInspector.unwatchAll',
  allowActions: 'workitemInspector.allowActions',
  lockActions: 'workitemInspector.lockActions',
} as const;

export type CommandKey = keyof typeof COMMANDS;
export type CommandId = (typeof COMMANDS)[CommandKey];

/** The developer's workbench: queries, results, exports, the request inspector, JSON documents. */
export const WORKBENCH_COMMANDS = {
  newQuery: 'workitemInspector.newQuery',
  runQuery: 'workitemInspector.runQuery',
  openAsJson: 'workitemInspector.openAsJson',
  compareWithPrevious: 'workitemInspector.compareWithPrevious',
  copyAsCurl: 'workitemInspector.copyAsCurl',
  exportResults: 'workitemInspector.exportResults',
  showRequest: 'workitemInspector.showRequest',
  filterRequests: 'workitemInspector.filterRequests',
  saveQuery: 'workitemInspector.saveQuery',
  openQueryInEditor: 'workitemInspector.openQueryInEditor',
  renameSavedQuery: 'workitemInspector.renameSavedQuery',
  deleteSavedQuery: 'workitemInspector.deleteSavedQuery',
  pinQuery: 'workitemInspector.pinQuery',
  unpinQuery: 'workitemInspector.unpinQuery',
  clearQueryHistory: 'workitemInspector.clearQueryHistory',
} as const;

/** The live features: the event tail. */
export const LIVE_COMMANDS = {
  eventsFilter: 'workitemInspector.events.filter',
  eventsClearFilter: 'workitemInspector.events.clearFilter',
  eventsPause: 'workitemInspector.events.pause',
  eventsResume: 'workitemInspector.events.resume',
  eventsClear: 'workitemInspector.events.clear',
} as const;

export const VIEW_CONTAINER_ID = 'workitemInspector';
export const TREE_VIEW_ID = 'workitemInspector.workitems';
export const EVENTS_VIEW_ID = 'workitemInspector.events';
export const WATCHED_VIEW_ID = 'workitemInspector.watched';
export const REQUESTS_VIEW_ID = 'workitemInspector.requests';
export const QUERIES_VIEW_ID = 'workitemInspector.queries';
export const CONNECTIONS_VIEW_ID = 'workitemInspector.connections';

export const DETAIL_PANEL_VIEW_TYPE = 'workitemInspector.detail';
export const RESULTS_VIEW_TYPE = 'workitemInspector.results';

export const QUERY_LANGUAGE_ID = 'ncxq';

/** Context keys for `when` clauses. */
export const CONTEXT_KEYS = {
  /** true while the tenant is protected and actions on it are not allowed: action commands are disabled. */
  actionsLocked: 'workitemInspector.actionsLocked',
  /** true while a tree filter is applied: shows "Clear Filter". */
  treeFiltered: 'workitemInspector.filtered',
  /** One of TreeState: picks the tree's welcome text. */
  treeState: 'workitemInspector.treeState',
  eventsPaused: 'workitemInspector.eventsPaused',
  eventsFiltered: 'workitemInspector.eventsFiltered',
} as const;
