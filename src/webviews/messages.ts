// The detail panel's message protocol, one discriminated union per direction. Everything that
// crosses the webview boundary is parsed here; a message that does not parse is logged and dropped,
// never thrown into the extension host.
import { WORKITEM_ACTIONS } from '../api/domain';
import * as z from '../api/zodMini';
import { DETAIL_SECTION_IDS } from './detail/sectionIds';

/** Most rows one page request may ask for: keeps one answer's DOM work small. */
export const MAX_TIMELINE_PAGE = 500;

const workitemAction = z.enum(WORKITEM_ACTIONS);

// ── webview → extension ────────────────────────────────────────────────────────────────────────
export const WebviewMessageSchema = z.discriminatedUnion('type', [
  /** The page's script is running; `renderId` says which render it belongs to. */
  z.object({ type: z.literal('ready'), renderId: z.number().check(z.int(), z.nonnegative()) }),
  z.object({ type: z.literal('runAction'), action: workitemAction }),
  z.object({ type: z.literal('copyJson') }),
  z.object({ type: z.literal('copyId') }),
  z.object({ type: z.literal('copyLink') }),
  /** Watch the workitem, or stop watching it. */
  z.object({ type: z.literal('toggleWatch') }),
  /** The Journey section was opened: the workitems of this conversation. */
  z.object({ type: z.literal('journey') }),
  /** The Transcript section was opened: transcript, summary and recordings. */
  z.object({ type: z.literal('transcript') }),
  /** Allow actions on a protected tenant (the extension asks, naming it). */
  z.object({ type: z.literal('allowActions') }),
  /** Open another workitem of the journey. */
  z.object({ type: z.literal('openWorkitem'), workitemId: z.string().check(z.minLength(1), z.maxLength(200)) }),
  z.object({ type: z.literal('refresh') }),
  /** Older timeline entries: `offset` counts from the newest entry. */
  z.object({
    type: z.literal('timelinePage'),
    offset: z.number().check(z.int(), z.nonnegative()),
    limit: z.number().check(z.int(), z.gte(1), z.lte(MAX_TIMELINE_PAGE)),
  }),
  /** The raw JSON, for a workitem too large to embed it in the page. */
  z.object({ type: z.literal('rawJson') }),
  /** An exception in the page, so it lands in the extension's log. */
  z.object({ type: z.literal('scriptError'), message: z.string().check(z.maxLength(2000)) }),
]);
export type WebviewMessage = z.infer<typeof WebviewMessageSchema>;

// ── extension → webview ───────────────────────────────────────────────────────────────────────
/** One timeline row, already formatted: the page only places text, it never formats or parses HTML. */
export const TimelineRowViewSchema = z.object({
  key: z.number().check(z.int(), z.nonnegative()),
  when: z.string(),
  whenTitle: z.string(),
  relative: z.string(),
  what: z.string(),
  whatUnknown: z.boolean(),
  state: z.string(),
  stateSource: z.enum(['event', 'inferred', 'none']),
  stateUnknown: z.boolean(),
  who: z.string(),
  detail: z.string(),
  gap: z.string(),
});
export type TimelineRowView = z.infer<typeof TimelineRowViewSchema>;

const bannerSchema = z.object({ message: z.string(), retryable: z.boolean() });

/** One leg of a journey, placed on the journey's time axis (percent of its span). */
export const JourneyLegViewSchema = z.object({
  workitemId: z.string(),
  current: z.boolean(),
  state: z.string(),
  channel: z.string(),
  type: z.string(),
  queue: z.string(),
  agent: z.string(),
  when: z.string(),
  leftPct: z.number().check(z.gte(0), z.lte(100)),
  widthPct: z.number().check(z.gte(0), z.lte(100)),
});
export type JourneyLegView = z.infer<typeof JourneyLegViewSchema>;

export const TranscriptLineViewSchema = z.object({
  when: z.string(),
  speaker: z.string(),
  agent: z.boolean(),
  text: z.string(),
  /** When it was said (Unix ms), to mark it on the timeline picture. */
  at: z.optional(z.number()),
  /** The picture's lane of the speaker: the agent's user id (the customer has one lane). */
  laneId: z.optional(z.string().check(z.maxLength(200))),
});
export type TranscriptLineView = z.infer<typeof TranscriptLineViewSchema>;

const count = z.number().check(z.int(), z.nonnegative());

/** What the page's script reads from `body[data-config]`, and again from each `patch`. */
export const DetailPageConfigSchema = z.object({
  workitemId: z.string(),
  /** The panel's tenant, kept with the page's state so a restored panel reopens in it. */
  tenant: z.optional(z.string()),
  renderId: count,
  kind: z.enum(['workitem', 'error']),
  timelineTotal: count,
  timelineShown: count,
  pageSize: count,
  locale: z.string(),
  labels: z.object({
    showing: z.string(),
    inferred: z.string(),
    unknownState: z.string(),
    unknownEvent: z.string(),
    invisible: z.string(),
  }),
});
export type DetailPageConfig = z.infer<typeof DetailPageConfigSchema>;

const sectionId = z.enum(DETAIL_SECTION_IDS);

export const ExtensionMessageSchema = z.discriminatedUnion('type', [
  /**
   * The workitem changed while its page was loaded: the sections whose markup changed, drawn by the
   * same renderer (and escaper) as the whole page, in place; `order` is every section the page now
   * has. The page keeps the rest as the user left it and answers `ready` with `renderId`.
   */
  z.object({
    type: z.literal('patch'),
    renderId: count,
    config: DetailPageConfigSchema,
    order: z.array(sectionId).check(z.maxLength(DETAIL_SECTION_IDS.length)),
    sections: z.array(z.object({ id: sectionId, html: z.string() })).check(z.maxLength(DETAIL_SECTION_IDS.length)),
  }),
  /**
   * A refresh found the workitem unchanged (a change is a `patch`). `banner` is the
   * whole banner state, so a page that missed an `error` still ends up right.
   */
  z.object({
    type: z.literal('update'),
    workitemId: z.string(),
    checkedAt: z.number(),
    status: z.string(),
    banner: z.nullable(bannerSchema),
  }),
  /** An action is running (buttons disabled, one spinner) or finished (`null`). */
  z.object({ type: z.literal('busy'), action: z.nullable(workitemAction), label: z.optional(z.string()) }),
  /** A failure to show in the page's banner; `retryable` offers the Retry button. */
  z.object({ type: z.literal('error'), ...bannerSchema.shape }),
  z.object({
    type: z.literal('timelinePage'),
    offset: z.number().check(z.int(), z.nonnegative()),
    total: z.number().check(z.int(), z.nonnegative()),
    rows: z.array(TimelineRowViewSchema),
  }),
  z.object({ type: z.literal('rawJson'), text: z.string() }),
  /** The journey's legs, or why there are none to show (`message`). */
  z.object({ type: z.literal('journey'), legs: z.array(JourneyLegViewSchema), message: z.optional(z.string()) }),
  /**
   * Transcript, summary and recordings (as `data:audio/…` URIs: the page's CSP allows media from
   * data: only), or why there are none to show (`message`).
   */
  z.object({
    type: z.literal('transcript'),
    summary: z.optional(z.string()),
    voicemail: z.optional(z.string()),
    lines: z.array(TranscriptLineViewSchema),
    recordings: z.array(z.object({ id: z.string(), src: z.string().check(z.regex(/^data:audio\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]*$/)) })),
    message: z.optional(z.string()),
  }),
  /** Confirmation after a copy, shown briefly next to the button. */
  z.object({ type: z.literal('copied'), what: z.enum(['id', 'json']), status: z.string() }),
]);
export type ExtensionMessage = z.infer<typeof ExtensionMessageSchema>;

export type ParseResult<T> = { ok: true; message: T } | { ok: false; problem: string };

function describeProblem(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`)
    .join('; ');
}

export function parseWebviewMessage(raw: unknown): ParseResult<WebviewMessage> {
  const result = WebviewMessageSchema.safeParse(raw);
  return result.success ? { ok: true, message: result.data } : { ok: false, problem: describeProblem(result.error) };
}

export function parseExtensionMessage(raw: unknown): ParseResult<ExtensionMessage> {
  const result = ExtensionMessageSchema.safeParse(raw);
  return result.success ? { ok: true, message: result.data } : { ok: false, problem: describeProblem(result.error) };
}
