// The commands and views of the live features (event tail, watches), declared once here;
// package.json declares exactly these besides the ones of src/commands/commandIds.ts.

export const LIVE_COMMANDS = {
  eventsFilter: 'workitemInspector.events.filter',
  eventsClearFilter: 'workitemInspector.events.clearFilter',
  eventsPause: 'workitemInspector.events.pause',
  eventsResume: 'workitemInspector.events.resume',
  eventsClear: 'workitemInspector.events.clear',
} as const;

export const EVENTS_VIEW_ID = 'workitemInspector.events';
/** Context keys the Events view's title buttons depend on. */
export const EVENTS_PAUSED_CONTEXT_KEY = 'workitemInspector.eventsPaused';
export const EVENTS_FILTERED_CONTEXT_KEY = 'workitemInspector.eventsFiltered';
