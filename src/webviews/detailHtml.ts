// The complete HTML of one workitem panel, as a pure function of its data: no vscode import, so
// every escaping and CSP rule is unit-tested in Node. The page's script (media/detail.js) only
// wires buttons, pages the timeline and shows status; it never builds markup from strings.
import type { Queue, Workitem } from '../api/schemas';
import type { ValidationIssue } from '../api/workitemsApi';
import { untranslated, type L10n } from '../model/format/l10n';
import type { TimeFormat } from '../model/format/time';
import { deriveTimeline, type Timeline } from './viewModel/timeline';
import { NO_NAMES, type NameLookup } from '../model/names/nameDirectory';
import { availableActions } from '../model/workitemActions';
import type { SectionContext } from './detail/context';
import { renderHeader, type HeaderStatus } from './detail/header';
import { renderContactSection, renderFieldsSection, renderIssuesSection, renderRawJsonSection } from './detail/sections';
import { renderTimelineSection, TIMELINE_WINDOW } from './detail/timelineSection';
import { renderConversationSection } from './detail/conversationSection';
import { displayText, html } from './html/escape';
import { renderPage, type PageAssets } from './html/page';

export interface DetailHtmlInput extends PageAssets {
  workitem: Workitem;
  /** Validation issues of this workitem (e.g. from the search page it came in). */
  issues: readonly ValidationIssue[];
  /** Permissions of the current token. */
  permissions: readonly string[];
  now: number;
  /** Translator for every sentence of the page; untranslated English when absent. */
  l10n?: L10n;
  /** Locale and zone of dates; `en` in the host's zone when absent. */
  time?: TimeFormat;
  /** Sent back by the page's `ready`, so the host knows which render loaded. */
  renderId?: number;
  /** Pass it when the caller already derived it (it also answers page requests). */
  timeline?: Timeline;
  status?: HeaderStatus;
  /** `JSON.stringify(workitem)`, when the caller already made it (saves milliseconds on big workitems). */
  workitemJson?: string;
  /** The tenant's queues (SLAs for the timeline picture), when known. */
  queues?: readonly Queue[];
  /** Names for the ids the page shows; ids alone when absent. */
  names?: NameLookup;
  /** Privacy mode: the transcript and recording are not offered. */
  privacyOn?: boolean;
}

export interface DetailErrorHtmlInput extends PageAssets {
  workitemId: string;
  message: string;
  /** Offers the Retry button. */
  retryable: boolean;
  issues?: readonly ValidationIssue[];
  l10n?: L10n;
  time?: TimeFormat;
  now?: number;
  renderId?: number;
}

/** What the script reads from `body[data-config]`. */
export interface DetailPageConfig {
  workitemId: string;
  renderId: number;
  kind: 'workitem' | 'error';
  timelineTotal: number;
  timelineShown: number;
  pageSize: number;
  locale: string;
  labels: {
    showing: string;
    inferred: string;
    unknownState: string;
    unknownEvent: string;
    invisible: string;
  };
}

function pageLabels(l10n: L10n): DetailPageConfig['labels'] {
  return {
    showing: l10n.t('Showing {0} of {1} events'),
    inferred: l10n.t('Inferred from the event type'),
    unknownState: l10n.t('Unknown state'),
    unknownEvent: l10n.t('Unknown event type'),
    invisible: l10n.t('Invisible character'),
  };
}

export function renderDetailHtml(input: DetailHtmlInput): string {
  const l10n = input.l10n ?? untranslated;
  const time = input.time ?? { locale: 'en' };
  const context: SectionContext = { l10n, now: input.now, time, names: input.names ?? NO_NAMES };
  const { workitem } = input;
  const timeline =
    input.timeline ?? deriveTimeline(workitem.timeEvents, { now: input.now, createdAt: workitem.createdAt });
  const changed: ReadonlySet<string> = new Set(input.status?.changedFields ?? []);
  const config: DetailPageConfig = {
    workitemId: workitem.workitemId,
    renderId: input.renderId ?? 0,
    kind: 'workitem',
    timelineTotal: timeline.entries.length,
    timelineShown: Math.min(timeline.entries.length, TIMELINE_WINDOW),
    pageSize: TIMELINE_WINDOW,
    locale: time.locale,
    labels: pageLabels(l10n),
  };
  const body = html`${renderHeader(workitem, availableActions(workitem, input.permissions), input.status ?? {}, context)}
<main>
${renderIssuesSection(input.issues, context)}
${renderFieldsSection(workitem, changed, context)}
${renderContactSection(workitem, changed, context)}
${renderTimelineSection(workitem, timeline, context, input.queues)}
${renderConversationSection(workitem, context, input.privacyOn ?? false)}
${renderRawJsonSection(workitem, context, input.workitemJson)}
</main>`;
  return renderPage({ ...input, title: workitem.workitemId, lang: time.locale, config, body });
}

/** The panel when the workitem could not be fetched: what went wrong, and Retry when it may help. */
export function renderDetailErrorHtml(input: DetailErrorHtmlInput): string {
  const l10n = input.l10n ?? untranslated;
  const time = input.time ?? { locale: 'en' };
  const context: SectionContext = { l10n, now: input.now ?? 0, time, names: NO_NAMES };
  const config: DetailPageConfig = {
    workitemId: input.workitemId,
    renderId: input.renderId ?? 0,
    kind: 'error',
    timelineTotal: 0,
    timelineShown: 0,
    pageSize: TIMELINE_WINDOW,
    locale: time.locale,
    labels: pageLabels(l10n),
  };
  const retry = input.retryable
    ? html`<button type="button" data-command="refresh">${l10n.t('Retry')}</button>`
    : undefined;
  const body = html`<header class="header">
<div class="title-row"><h1 class="workitem-id">${displayText(input.workitemId, l10n, 200)}</h1></div>
<p class="status" id="status" role="status" aria-live="polite"><span id="status-text"></span></p>
</header>
<main>
<div class="banner error-page" role="alert"><p id="error-text">${displayText(input.message, l10n)}</p>${retry}</div>
${renderIssuesSection(input.issues ?? [], context)}
</main>`;
  return renderPage({ ...input, title: input.workitemId, lang: time.locale, config, body });
}
