// Timeline entries as display rows, newest first. The first window is rendered into the page's
// HTML; older pages are sent on request, formatted by this same code.
import { isKnownState } from '../api/domain';
import { formatDuration, formatIso, formatRelative, formatTimestamp, type TimeFormat } from '../model/format/time';
import type { Timeline, TimelineEntry } from './viewModel/timeline';
import type { TimelineRowView } from './messages';

export interface TimelineRowFormat {
  now: number;
  time: TimeFormat;
}

function toRowView(entry: TimelineEntry, format: TimelineRowFormat): TimelineRowView {
  const details = [entry.queueId, entry.note].filter((part): part is string => part !== undefined && part !== '');
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
    who: entry.userId ?? '',
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
