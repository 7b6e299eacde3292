// Every command of the extension, in one map: package.json declares exactly these
// (an integration test checks both directions).

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
  showLog: 'workitemInspector.showLog',
  connectionMenu: 'workitemInspector.connectionMenu',
  /** Tree-internal rows ("Load more", an error row's retry, a page's validation issues). */
  loadMore: 'workitemInspector.loadMore',
  retry: 'workitemInspector.retry',
  showIssues: 'workitemInspector.showIssues',
  togglePrivacy: 'workitemInspector.togglePrivacy',
  /** The newer workitem actions (each declared in src/api/actions/catalog.ts). */
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
} as const;

export type CommandKey = keyof typeof COMMANDS;
export type CommandId = (typeof COMMANDS)[CommandKey];

export const VIEW_CONTAINER_ID = 'workitemInspector';
export const TREE_VIEW_ID = 'workitemInspector.workitems';
export const DETAIL_PANEL_VIEW_TYPE = 'workitemInspector.detail';
