// The real tree and panel manager seen through the narrow hooks the commands use. Their refreshes
// return promises; here they are awaited in the background and any failure goes to the log, so a
// command never leaves a rejected promise behind.
import type { ValidationIssue } from '../api/workitemsApi';
import type { Log } from '../log/log';
import type { WorkitemTreeProvider } from '../views/tree/workitemTreeProvider';
import type { DetailPanelManager } from '../webviews/detailPanelManager';
import type { DetailPanelHooks, WorkitemTreeHooks } from './context';

function inBackground(log: Log, what: string, work: Promise<unknown>): void {
  work.catch((error: unknown) => log.warn(`${what} failed: ${error instanceof Error ? error.message : String(error)}`));
}

export function treeHooks(tree: WorkitemTreeProvider, log: Log): WorkitemTreeHooks {
  return {
    refresh: (tenant) => inBackground(log, 'Refreshing the Workitems view', tree.refresh(tenant)),
    showAnswer: (workitem) => inBackground(log, 'Showing an action in the Workitems view', tree.showAnswer(workitem)),
    currentFilter: (tenant) => tree.currentFilter(tenant),
    setFilter: (query, tenant) => tree.setFilter(query, tenant),
    clearFilter: (tenant) => tree.clearFilter(tenant),
    setBusy: (workitemId, text) => tree.setBusy(workitemId, text),
    reveal: async (workitemId) => {
      if (!(await tree.reveal(workitemId))) {
        throw new Error(`the Workitems view does not list ${workitemId} (filter, or too far down its group)`);
      }
    },
    loadMore: (node) => tree.loadMore(node),
    retry: (node) => tree.retry(node),
    selectedWorkitems: () => tree.selectedWorkitems(),
    groupBy: (tenant) => tree.getGroupBy(tenant),
    setGroupBy: (mode, tenant) => tree.setGroupBy(mode, tenant),
  };
}

export function panelHooks(panels: DetailPanelManager, log: Log): DetailPanelHooks {
  return {
    open: (workitemId, issues?: readonly ValidationIssue[]) => panels.open(workitemId, issues ? [...issues] : undefined),
    refresh: (workitemId) => inBackground(log, 'Refreshing the detail panel', panels.refresh(workitemId)),
    show: (workitem) => panels.show(workitem),
  };
}
