// The complete HTML of one workitem panel, as a pure function of its data: no vscode import, so
// every escaping and CSP rule is unit-tested in Node. It is drawn in parts (the header and each
// section), so a page already loaded is sent only the parts that changed. The page's script
// (media/detail.js) wires buttons, pages the timeline, shows status and places those parts; it
// never builds markup from data.
import type { Queue, Workitem } from '../api/schemas';
import type { ValidationIssue } from '../api/workitemsApi';
import { untranslated, type L10n } from '../model/format/l10n';
import type { TimeFormat } from '../model/format/time';
import { deriveTimeline, type Timeline } from './viewModel/timeline';
import { NO_NAMES, type NameLookup } from '../model/names/nameDirectory';
import { availableActions } from '../model/workitemActions';
import type { SectionContext } from './detail/context';
import { renderBanner, renderHeader, tenantBadge, type HeaderStatus, type PanelTenant } from './detail/header';
import type { DetailSectionId } from './detail/sectionIds';
import type { DetailPageConfig } from './messages';
import { renderContactSection, renderFieldsSection, renderIssuesSection, renderRawJsonSection } from './detail/sections';
import { renderTimelineSection, TIMELINE_WINDOW } from './detail/timelineSection';
import { renderConversationSection } from './detail/conversationSection';
import { displayText, html, joinHtml, type SafeHtml } from './html/escape';
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
  /** Which tenant the panel belongs to. */
  tenant?: PanelTenant;
}

export type { DetailPageConfig } from './messages';

function pageLabels(l10n: L10n): DetailPageConfig['labels'] {
  return {
    showing: l10n.t('Showing {0} of {1} events'),
    inferred: l10n.t('Inferred from the event type'),
    unknownState: l10n.t('Unknown state'),
    unknownEvent: l10n.t('Unknown event type'),
    invisible: l10n.t('Invisible character'),
  };
}

/** One part of the page drawn on its own (see DETAIL_SECTION_IDS). */
export interface DetailSection {
  id: DetailSectionId;
  html: SafeHtml;
}

/** A workitem page in parts: the panel loads them as one page, then sends only the parts that changed. */
export interface DetailParts {
  config: DetailPageConfig;
  /** The header first, then the sections of `<main>` in page order; absent ones are left out. */
  sections: DetailSection[];
}

export function renderDetailParts(input: DetailHtmlInput): DetailParts {
  const l10n = input.l10n ?? untranslated;
  const time = input.time ?? { locale: 'en' };
  const context: SectionContext = { l10n, now: input.now, time, names: input.names ?? NO_NAMES };
  const { workitem } = input;
  const timeline =
    input.timeline ?? deriveTimeline(workitem.timeEvents, { now: input.now, createdAt: workitem.createdAt });
  const changed: ReadonlySet<string> = new Set(input.status?.changedFields ?? []);
  const config: DetailPageConfig = {
    workitemId: workitem.workitemId,
    ...(input.status?.tenant ? { tenant: input.status.tenant.name } : {}),
    renderId: input.renderId ?? 0,
    kind: 'workitem',
    timelineTotal: timeline.entries.length,
    timelineShown: Math.min(timeline.entries.length, TIMELINE_WINDOW),
    pageSize: TIMELINE_WINDOW,
    locale: time.locale,
    labels: pageLabels(l10n),
  };
  const drawn: Array<[DetailSectionId, SafeHtml | undefined]> = [
    ['header', renderHeader(workitem, availableActions(workitem, input.permissions), input.status ?? {}, context)],
    ['issues', renderIssuesSection(input.issues, context)],
    ['fields', renderFieldsSection(workitem, changed, context)],
    ['contact', renderContactSection(workitem, changed, context)],
    ['timeline', renderTimelineSection(workitem, timeline, context, input.queues)],
    ['conversation', renderConversationSection(workitem, context, input.privacyOn ?? false)],
    ['raw', renderRawJsonSection(workitem, context, input.workitemJson)],
  ];
  const sections = drawn.flatMap(([id, part]) => (part === undefined ? [] : [{ id, html: part }]));
  return { config, sections };
}

export function renderDetailHtml(input: DetailHtmlInput): string {
  return detailPageOf(renderDetailParts(input), input);
}

/** The whole document of a page drawn in parts: header, banner, then the sections in `<main>`. */
export function detailPageOf(parts: DetailParts, input: DetailHtmlInput): string {
  const l10n = input.l10n ?? untranslated;
  const time = input.time ?? { locale: 'en' };
  const [header, ...rest] = parts.sections;
  const body = html`${header?.html}
${renderBanner({ l10n, now: input.now, time, names: NO_NAMES })}
<main>
${joinHtml(rest.map((section) => section.html))}
</main>`;
  return renderPage({ ...input, title: input.workitem.workitemId, lang: time.locale, config: parts.config, body });
}

/** The panel when the workitem could not be fetched: what went wrong, and Retry when it may help. */
export function renderDetailErrorHtml(input: DetailErrorHtmlInput): string {
  const l10n = input.l10n ?? untranslated;
  const time = input.time ?? { locale: 'en' };
  const context: SectionContext = { l10n, now: input.now ?? 0, time, names: NO_NAMES };
  const config: DetailPageConfig = {
    workitemId: input.workitemId,
    ...(input.tenant ? { tenant: input.tenant.name } : {}),
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
<div class="title-row"><h1 class="workitem-id">${displayText(input.workitemId, l10n, 200)}</h1>${tenantBadge(input.tenant, l10n)}</div>
<p class="status" id="status" role="status" aria-live="polite"><span id="status-text"></span></p>
</header>
<main>
<div class="banner error-page" role="alert"><p id="error-text">${displayText(input.message, l10n)}</p>${retry}</div>
${renderIssuesSection(input.issues ?? [], context)}
</main>`;
  return renderPage({ ...input, title: input.workitemId, lang: time.locale, config, body });
}
