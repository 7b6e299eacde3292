// The timeline: time per phase and per state, then the newest events. Only a window of rows is
// rendered; the page asks for older ones on demand, so 10,000 events never become 10,000 rows.
import type { Queue, Workitem } from '../../api/schemas';
import { formatDuration, formatTimestamp } from '../../model/format/time';
import type { Timeline } from '../viewModel/timeline';
import { STATE_PHASES, type StatePhase } from '../../model/timelineStates';
import type { TimelineRowView } from '../messages';
import { timelineRowViews } from '../timelineRows';
import { displayText, html, joinHtml, type SafeHtml } from '../html/escape';
import type { SectionContext } from './context';
import { renderTimelinePicture } from './timelinePicture';

/** Rows rendered with the page; the rest come in pages of the same size. */
export const TIMELINE_WINDOW = 200;

function phaseLabel(phase: StatePhase, context: SectionContext): string {
  const { l10n } = context;
  switch (phase) {
    case 'waiting': return l10n.t('Waiting');
    case 'talking': return l10n.t('Talking');
    case 'onHold': return l10n.t('On hold');
    case 'wrapUp': return l10n.t('Wrap-up');
    case 'other': return l10n.t('Other states');
  }
}

/**
 * A duration that grows while the workitem stays in its current state: media/detail.js adds the
 * time since the page loaded to `data-live-ms` every second, so "On hold 9s" does not stand still
 * between state changes while "Checked at" moves on.
 */
function liveDuration(ms: number, context: SectionContext): SafeHtml {
  return html`<span class="live-duration" data-live-ms="${Math.round(ms)}">${formatDuration(ms, context.time.locale)}</span>`;
}

function currentPhase(timeline: Timeline): StatePhase | undefined {
  if (timeline.currentSince === undefined) return undefined;
  return timeline.stateTotals.find((total) => total.state === timeline.currentState)?.phase;
}

function renderPhases(timeline: Timeline, context: SectionContext): SafeHtml {
  const total = STATE_PHASES.reduce((sum, phase) => sum + timeline.phaseTotals[phase], 0);
  const live = currentPhase(timeline);
  const phases = STATE_PHASES.filter((phase) => phase !== 'other' || timeline.phaseTotals.other > 0).map((phase) => {
    const ms = timeline.phaseTotals[phase];
    const shown = phase === live ? liveDuration(ms, context) : formatDuration(ms, context.time.locale);
    return html`<div class="phase phase-${phase}"><span class="phase-name">${phaseLabel(phase, context)}</span> <span class="phase-total" title="${ms} ms">${shown}</span><meter min="0" max="${Math.max(total, 1)}" value="${ms}" aria-label="${phaseLabel(phase, context)}"></meter></div>`;
  });
  return html`<div class="phases">${joinHtml(phases)}</div>`;
}

function renderStateTotals(timeline: Timeline, context: SectionContext): SafeHtml {
  const { l10n } = context;
  const rows = timeline.stateTotals.map((total) => {
    const current = total.state === timeline.currentState ? html` <span class="detail">${l10n.t('(current)')}</span>` : undefined;
    const stateClass = total.known ? `state-${total.state}` : 'unknown';
    const isLive = current !== undefined && timeline.currentSince !== undefined;
    const time = isLive ? liveDuration(total.ms, context) : formatDuration(total.ms, context.time.locale);
    return html`<tr><td><span class="state-name ${stateClass}">${displayText(total.state, l10n, 100)}</span>${current}</td><td class="num" title="${total.ms} ms">${time}</td><td class="num">${total.visits}</td><td>${total.phase !== undefined ? phaseLabel(total.phase, context) : l10n.t('done')}</td></tr>`;
  });
  return html`<table class="grid state-totals"><thead><tr><th scope="col">${l10n.t('State')}</th><th scope="col">${l10n.t('Time')}</th><th scope="col">${l10n.t('Times entered')}</th><th scope="col">${l10n.t('Phase')}</th></tr></thead><tbody>${joinHtml(rows)}</tbody></table>`;
}

function renderNotes(workitem: Workitem, timeline: Timeline, context: SectionContext): SafeHtml {
  const { l10n, time, now } = context;
  const notes: SafeHtml[] = [];
  if (timeline.currentState !== undefined && timeline.currentSince !== undefined) {
    // The sentence is translated whole; the duration inside it is the part that ticks.
    const marker = '\uE000';
    const sentence = l10n.t('In {0} for {1}, since {2}.', timeline.currentState, marker, formatTimestamp(timeline.currentSince, time));
    const [before = '', after = ''] = sentence.split(marker);
    const since = liveDuration(Math.max(0, now - timeline.currentSince), context);
    notes.push(html`<li>${displayText(before, l10n)}${since}${displayText(after, l10n)}</li>`);
  }
  if (timeline.currentState !== undefined && timeline.currentState !== workitem.state) {
    notes.push(html`<li class="warning">${displayText(l10n.t('The timeline ends in {0}, but the workitem says {1}.', timeline.currentState, workitem.state), l10n)}</li>`);
  }
  if (timeline.beforeFirstEventMs > 0) {
    notes.push(html`<li>${l10n.t('{0} passed between creation and the first event (not counted in any state).', formatDuration(timeline.beforeFirstEventMs, time.locale))}</li>`);
  }
  if (timeline.duplicatesDropped > 0) {
    notes.push(html`<li>${l10n.t('{0} repeated events are not shown.', timeline.duplicatesDropped)}</li>`);
  }
  return notes.length > 0 ? html`<ul class="notes">${joinHtml(notes)}</ul>` : html``;
}

/** One event row; media/detail.js builds the same structure for rows that arrive later. */
export function renderTimelineRow(row: TimelineRowView, context: SectionContext): SafeHtml {
  const { l10n } = context;
  const stateTitle =
    row.stateSource === 'inferred' ? l10n.t('Inferred from the event type') : row.stateUnknown ? l10n.t('Unknown state') : undefined;
  const stateClass = ['state-name', row.stateSource === 'inferred' ? 'inferred' : '', row.stateUnknown ? 'unknown' : '']
    .filter(Boolean)
    .join(' ');
  return html`<tr data-key="${row.key}"><td title="${row.whenTitle}">${row.when} <span class="detail">${row.relative}</span></td><td${row.whatUnknown ? html` class="unknown" title="${l10n.t('Unknown event type')}"` : undefined}>${displayText(row.what, l10n, 200)}</td><td><span class="${stateClass}"${stateTitle !== undefined ? html` title="${stateTitle}"` : undefined}>${displayText(row.state, l10n, 100)}</span></td><td>${displayText(row.who, l10n, 200)}</td><td>${displayText(row.detail, l10n, 500)}</td><td class="num">${row.gap}</td></tr>`;
}

export function renderTimelineSection(workitem: Workitem, timeline: Timeline, context: SectionContext, queues: readonly Queue[] = []): SafeHtml {
  const { l10n } = context;
  const total = timeline.entries.length;
  if (total === 0) {
    return html`<section class="section" id="timeline" aria-labelledby="timeline-heading">
<h2 id="timeline-heading">${l10n.t('Timeline')}</h2>
<p class="muted">${l10n.t('The server sent no time events for this workitem.')}</p>
</section>`;
  }
  const rows = timelineRowViews(timeline, 0, TIMELINE_WINDOW, context).map((row) => renderTimelineRow(row, context));
  const shown = Math.min(total, TIMELINE_WINDOW);
  const more =
    total > shown
      ? html`<button type="button" class="secondary" id="timeline-older" data-command="olderEvents">${l10n.t('Show older events')}</button>`
      : undefined;
  return html`<section class="section" id="timeline" aria-labelledby="timeline-heading">
<h2 id="timeline-heading">${l10n.t('Timeline')}</h2>
${renderTimelinePicture(workitem, timeline, context, queues)}
${renderPhases(timeline, context)}
${renderNotes(workitem, timeline, context)}
<details class="state-details" id="state-details"><summary>${l10n.t('Time per state')}</summary>${renderStateTotals(timeline, context)}</details>
<table class="grid events"><thead><tr><th scope="col">${l10n.t('When')}</th><th scope="col">${l10n.t('Event')}</th><th scope="col">${l10n.t('State entered')}</th><th scope="col">${l10n.t('Who')}</th><th scope="col">${l10n.t('Details')}</th><th scope="col">${l10n.t('Since previous')}</th></tr></thead>
<tbody id="timeline-rows">${joinHtml(rows)}</tbody></table>
<div class="timeline-more"><span id="timeline-count" class="muted">${l10n.t('Showing {0} of {1} events', shown, total)}</span> ${more}</div>
</section>`;
}

