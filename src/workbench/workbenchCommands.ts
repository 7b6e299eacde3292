// The commands of the query editor, results, export, request inspector and JSON documents, in one
// map: package.json declares exactly these.
export const WORKBENCH_COMMANDS = {
  newQuery: 'workitemInspector.newQuery',
  runQuery: 'workitemInspector.runQuery',
  openAsJson: 'workitemInspector.openAsJson',
  compareWithPrevious: 'workitemInspector.compareWithPrevious',
  copyAsCurl: 'workitemInspector.copyAsCurl',
  exportResults: 'workitemInspector.exportResults',
  showRequest: 'workitemInspector.showRequest',
  filterRequests: 'workitemInspector.filterRequests',
} as const;

export const QUERY_LANGUAGE_ID = 'ncxq';
export const REQUESTS_VIEW_ID = 'workitemInspector.requests';
