// Timeline entries as display rows, newest first. The first window is rendered into the page's
// HTML; older pages are sent on request, formatted by this same code.
import { isKnownState } from '../api/domain';
import { formatDuration, formatIso, formatRelative, formatTimestamp, type TimeFormat } from '../model/format/time';
import type { Timeline, TimelineEntry } from './viewModel/timeline';
import type { TimelineRowView } from './messages';
import { NO_NAMES, type NameLookup } from '../model/names/nameDirectory';

export interface TimelineRowFormat {
  now: number;
  time: TimeFormat;
  /** Queue and agent names; ids alone when absent. */
  names?: NameLookup;
}

function toRowView(entry: TimelineEntry, format: TimelineRowFormat): TimelineRowView {
  const names = format.names ?? NO_NAMES;
  const queue = entry.queueId === undefined || entry.queueId === '' ? undefined : names.labelOf('queue', entry.queueId);
  const details = [queue, entry.note].filter((part): part is string => part !== undefined && part !== '');
  return {
    key: entry.sourceIndex,
    when: formatTimestamp(entry.timestamp, format.time),
    whenTitle: `${formatIso(entry.timestamp)} (${entry.timestamp})`,
    relative: formatRelative(entry.timestamp, format.now, format.time.locale),
    what: entry.type,
    whatUnknown: !entry.typeKnown,
    state: entry.state ?? '',
    stateSource: entry.stateSource,
    stateUnknown: entry.state !== undefined && !isKnownState(entry.state),
    who: entry.userId === undefined || entry.userId === '' ? '' : names.labelOf('agent', entry.userId),
    detail: details.join(' · '),
    gap: entry.gapMs !== undefined ? `+${formatDuration(entry.gapMs, format.time.locale)}` : '',
  };
}

/** Rows `offset` … `offset + limit - 1`, counted from the newest entry. */
export function timelineRowViews(
  timeline: Timeline,
  offset: number,
  limit: number,
  format: TimelineRowFormat,
): TimelineRowView[] {
  const { entries } = timeline;
  const rows: TimelineRowView[] = [];
  const newest = entries.length - 1 - offset;
  for (let i = newest; i >= 0 && i > newest - limit; i -= 1) {
    rows.push(toRowView(entries[i], format));
  }
  return rows;
}
