// The timeline picture above the events table: an SVG written here (no library, no network), one
// lane per participant, bars in the tree's state colours, hold and transfer marks, the time in a
// state on hover (<title>), a waiting bar past the queue's SLA drawn as a warning. The page's
// script zooms (wheel) and pans (drag) by changing the viewBox.
import type { Queue, Workitem } from '../../api/schemas';
import { formatDuration } from '../../model/format/time';
import { queueSlaMs } from '../../model/live/queueSla';
import type { Timeline } from '../viewModel/timeline';
import { buildTimelinePicture, type PictureLane } from '../viewModel/timelinePicture';
import { attributeText, html, joinHtml, type SafeHtml } from '../html/escape';
import type { SectionContext } from './context';

/** Drawing units across (also the bars kept per lane at most). */
const WIDTH = 1000;
const LANE_HEIGHT = 20;
const LABEL_WIDTH = 160;

function laneLabel(lane: PictureLane, queues: ReadonlyMap<string, Queue>, context: SectionContext): string {
  switch (lane.kind) {
    case 'customer':
      return context.l10n.t('Customer');
    case 'queue':
      // A lane label is short: the name alone when known.
      return context.l10n.t('Queue {0}', context.names.nameOf('queue', lane.id) ?? queues.get(lane.id)?.name ?? lane.id);
    case 'agent':
      return context.l10n.t('Agent {0}', context.names.nameOf('agent', lane.id) ?? lane.id);
  }
}

export function renderTimelinePicture(workitem: Workitem, timeline: Timeline, context: SectionContext, queueList: readonly Queue[] = []): SafeHtml {
  const queues = new Map(queueList.map((queue) => [queue._id, queue]));
  const picture = buildTimelinePicture(workitem, timeline, {
    now: context.now,
    resolution: WIDTH,
    slaMsOf: (queueId) => queueSlaMs(queues.get(queueId), workitem.channelType),
  });
  if (picture === undefined) return html``;
  const span = Math.max(1, picture.end - picture.start);
  const x = (at: number): number => Math.round(((at - picture.start) / span) * WIDTH * 100) / 100;
  const height = picture.lanes.length * LANE_HEIGHT;
  const locale = context.time.locale;
  const lanes = picture.lanes.map((lane, index) => {
    const y = index * LANE_HEIGHT + 3;
    const bars = lane.bars.map((bar) => {
      const width = Math.max(0.5, x(bar.end) - x(bar.start));
      const duration = formatDuration(bar.end - bar.start, locale);
      const tip =
        bar.state === 'dense'
          ? context.l10n.t('{0} short states, {1}', bar.count, duration)
          : bar.breach
            ? context.l10n.t('{0} past the queue SLA, {1}', bar.state, duration)
            : context.l10n.t('{0} for {1}', bar.state, duration);
      const classes = `tl-bar state-${attributeText(bar.state, 40)}${bar.breach ? ' sla-breach' : ''}`;
      // A bar still going (it ends at the picture's end, and the workitem is live) grows as time passes.
      const growing = picture.live && bar.end === picture.end ? html` data-growing="true"` : undefined;
      return html`<rect class="${classes}" x="${x(bar.start)}" y="${y}" width="${width}" height="${LANE_HEIGHT - 6}"${growing}><title>${attributeText(tip)}</title></rect>`;
    });
    return html`<g class="tl-lane" data-lane="${lane.kind}" data-id="${attributeText(lane.id, 200)}"><text class="tl-label" x="-6" y="${y + LANE_HEIGHT - 9}" text-anchor="end">${attributeText(laneLabel(lane, queues, context), 60)}</text>${joinHtml(bars)}</g>`;
  });
  const marks = picture.marks.map(
    (mark) =>
      html`<line class="tl-mark tl-${mark.kind}" x1="${x(mark.at)}" x2="${x(mark.at)}" y1="0" y2="${height}"><title>${mark.kind === 'hold' ? context.l10n.t('Hold') : context.l10n.t('Transfer')}</title></line>`,
  );
  const breached = picture.lanes.some((lane) => lane.bars.some((bar) => bar.breach));
  return html`<figure class="timeline-picture" id="timeline-picture" data-start="${picture.start}" data-end="${picture.end}" data-live="${picture.live ? 'true' : 'false'}">
<svg id="timeline-svg" role="img" aria-label="${context.l10n.t('Timeline picture: one lane per participant')}" viewBox="${-LABEL_WIDTH} 0 ${WIDTH + LABEL_WIDTH} ${height}" data-width="${WIDTH}" data-label-width="${LABEL_WIDTH}" data-span-ms="${span}" preserveAspectRatio="none" height="${height + 4}">
${joinHtml(lanes)}
${joinHtml(marks)}
</svg>
<figcaption class="muted">${breached ? html`<span class="warning">${context.l10n.t('Waited past the queue SLA.')}</span> ` : undefined}${context.l10n.t('Wheel to zoom, drag to pan, double-click to reset; hover a bar for its time in state.')}</figcaption>
</figure>`;
}
