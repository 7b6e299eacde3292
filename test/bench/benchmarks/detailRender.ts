// 4. The detail webview: building the page (renderDetailHtml, timeline derivation included) for a
// call with 10,000 time events beside one with 10; then loading each page in headless Chromium,
// under its real CSP with media/detail.js and detail.css, to its first contentful paint, and
// counting the timeline rows in the DOM.
import { NO_NAMES } from '../../../src/model/names/nameDirectory';
import * as fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { z } from 'zod';
import type { Workitem } from '../../../src/api/schemas';
import { TIMELINE_WINDOW } from '../../../src/webviews/detail/timelineSection';
import { renderDetailHtml } from '../../../src/webviews/detailHtml';
import { renderTimelinePicture } from '../../../src/webviews/detail/timelinePicture';
import { deriveTimeline } from '../../../src/webviews/viewModel/timeline';
import { untranslated } from '../../../src/model/format/l10n';
import { createNonce } from '../../../src/webviews/nonce';
import { DETAIL_PAGE_ORIGIN, routeDetailPage } from '../../unit/webview/detailPageRoute';
import type { BenchContext } from '../lib/context';
import { heading, say, verdictOf, type BenchResult } from '../lib/results';
import { bytes, count, median, ms, ratio } from '../lib/stats';
import { callWithEvents, T0 } from '../lib/workitemFixtures';

const BENCH = '4 detail webview';
const BIG = 10_000;
const SMALL = 10;
const WARM_UP = 20;
const SAMPLES = 50;
const LOADS = 5;
const BUILD_TARGET_MS = 20;
const PAINT_TARGET_MS = 300;
const PICTURE_RATIO_TARGET = 1.5;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const ORIGIN = DETAIL_PAGE_ORIGIN;
const NOW = T0 + 36 * 3600 * 1000;

// Browser-side code is written as strings: the project compiles without the DOM library.
/** Stands in for the webview host's API; init scripts run before the page and outside its CSP. */
const INIT_SCRIPT = `
  window.__posted = [];
  Object.defineProperty(window, 'acquireVsCodeApi', {
    value: () => ({
      postMessage: (message) => window.__posted.push(message),
      getState: () => undefined,
      setState: () => undefined,
    }),
  });
`;
const PAGE_FIGURES = `(() => {
  const paint = performance.getEntriesByType('paint').find((entry) => entry.name === 'first-contentful-paint');
  return {
    ready: window.__posted.some((message) => message && message.type === 'ready'),
    firstContentfulPaint: paint ? paint.startTime : null,
    timelineRows: document.querySelectorAll('#timeline-rows tr').length,
    pictureBars: document.querySelectorAll('#timeline-svg rect').length,
    domNodes: document.getElementsByTagName('*').length,
  };
})()`;
const PageFiguresSchema = z.object({
  ready: z.boolean(),
  firstContentfulPaint: z.number().nullable(),
  timelineRows: z.number(),
  pictureBars: z.number(),
  domNodes: z.number(),
});
type PageFigures = z.infer<typeof PageFiguresSchema>;

function build(workitem: Workitem): string {
  return renderDetailHtml({
    workitem,
    issues: [],
    permissions: ['workitems:read', 'workitems:write'],
    now: NOW,
    nonce: createNonce(),
    cspSource: ORIGIN,
    scriptUri: `${ORIGIN}/media/detail.js`,
    styleUri: `${ORIGIN}/media/detail.css`,
    time: { locale: 'en-US', timeZone: 'UTC' },
    renderId: 1,
  });
}

/** The panel's timeline picture alone, under the panel's stylesheet. */
function pictureHtml(workitem: Workitem): string {
  const timeline = deriveTimeline(workitem.timeEvents, { now: NOW, createdAt: workitem.createdAt });
  const figure = renderTimelinePicture(workitem, timeline, { l10n: untranslated, now: NOW, time: { locale: 'en-US', timeZone: 'UTC' }, names: NO_NAMES });
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${ORIGIN}/media/detail.css"></head><body>${figure.value}</body></html>`;
}

/** Median ms of a full build (timeline derivation, JSON, HTML) after warm-up. */
function buildTime(workitem: Workitem): { ms: number; htmlBytes: number } {
  let html = '';
  for (let i = 0; i < WARM_UP; i++) {
    html = build(workitem);
  }
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    html = build(workitem);
    times.push(performance.now() - started);
  }
  return { ms: median(times), htmlBytes: Buffer.byteLength(html) };
}

async function serve(page: Page, html: string): Promise<void> {
  await routeDetailPage(page, html);
  await page.addInitScript({ content: INIT_SCRIPT });
}

async function waitForReady(page: Page): Promise<PageFigures> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const figures = PageFiguresSchema.parse(await page.evaluate(PAGE_FIGURES));
    if ((figures.ready || figures.pictureBars > 0) && figures.firstContentfulPaint !== null) {
      return figures;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the page neither posted ready nor painted within 5 s');
}

/** A fresh page per load (no warm document), the browser process and its caches shared. */
async function loadPage(browser: Browser, html: string): Promise<PageFigures> {
  const page = await browser.newPage();
  try {
    await serve(page, html);
    await page.goto(`${ORIGIN}/index.html`);
    return await waitForReady(page);
  } finally {
    await page.close();
  }
}

async function paintFigures(browser: Browser, html: string): Promise<{ fcp: number; bars: number; rows: number; domNodes: number }> {
  await loadPage(browser, html);
  const loads: PageFigures[] = [];
  for (let i = 0; i < LOADS; i++) {
    loads.push(await loadPage(browser, html));
  }
  return {
    fcp: median(loads.map((load) => load.firstContentfulPaint ?? Number.NaN)),
    bars: loads[0].pictureBars,
    rows: loads[0].timelineRows,
    domNodes: loads[0].domNodes,
  };
}

export async function runDetailRender(_context: BenchContext): Promise<BenchResult[]> {
  heading(`${BENCH}: renderDetailHtml and headless Chromium, ${count(BIG)} time events beside ${SMALL}`);
  const big = callWithEvents(BIG);
  const small = callWithEvents(SMALL);
  const bigBuild = buildTime(big);
  const smallBuild = buildTime(small);
  say(`build (timeline derived, HTML written): ${count(BIG)} events median ${ms(bigBuild.ms)} (${bytes(bigBuild.htmlBytes)} of HTML); ${SMALL} events ${ms(smallBuild.ms)} (${bytes(smallBuild.htmlBytes)}): ${ratio(bigBuild.ms / smallBuild.ms)}`);

  const results: BenchResult[] = [
    {
      bench: '4 detail HTML build',
      figure: `median ${ms(bigBuild.ms)} for ${count(BIG)} events`,
      target: `≤ ${BUILD_TARGET_MS} ms`,
      comparison: `${SMALL} events ${ms(smallBuild.ms)} (${ratio(bigBuild.ms / smallBuild.ms)})`,
      verdict: verdictOf(bigBuild.ms <= BUILD_TARGET_MS),
    },
  ];

  if (!fs.existsSync(CHROMIUM)) {
    say(`no Chromium at ${CHROMIUM}: first render not measured (set CHROMIUM)`);
    results.push({ bench: BENCH, figure: 'not measured', target: `≤ ${PAINT_TARGET_MS} ms`, comparison: '—', verdict: 'not measured', note: `no Chromium at ${CHROMIUM}` });
    return results;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const bigPaint = await paintFigures(browser, build(big));
    const smallPaint = await paintFigures(browser, build(small));
    say(
      `first contentful paint (median of ${LOADS} fresh pages after one warm-up): ${count(BIG)} events ${ms(bigPaint.fcp)}, ` +
        `${bigPaint.rows} timeline rows in the DOM (${count(bigPaint.domNodes)} elements); ${SMALL} events ${ms(smallPaint.fcp)}, ${smallPaint.rows} rows`,
    );
    results.push({
      bench: BENCH,
      figure: `first paint ${ms(bigPaint.fcp)}, ${bigPaint.rows} timeline rows for ${count(BIG)} events`,
      target: `≤ ${PAINT_TARGET_MS} ms, ≤ ${TIMELINE_WINDOW} rows`,
      comparison: `${SMALL} events: ${ms(smallPaint.fcp)}, ${smallPaint.rows} rows`,
      verdict: verdictOf(bigPaint.fcp <= PAINT_TARGET_MS && bigPaint.rows > 0 && bigPaint.rows <= TIMELINE_WINDOW),
    });
    // The picture alone, on a page of its own under the panel's stylesheet: its first paint is the picture's.
    const bigPicture = await paintFigures(browser, pictureHtml(big));
    const smallPicture = await paintFigures(browser, pictureHtml(small));
    const pictureRatio = bigPicture.fcp / smallPicture.fcp;
    say(`timeline picture alone, first paint: ${count(BIG)} events ${ms(bigPicture.fcp)} (${bigPicture.bars} bars), ${SMALL} events ${ms(smallPicture.fcp)} (${smallPicture.bars} bars): ${ratio(pictureRatio)}`);
    results.push({
      bench: BENCH,
      figure: `timeline picture first paint ${ms(bigPicture.fcp)} for ${count(BIG)} events (${bigPicture.bars} bars)`,
      target: `≤ ${PICTURE_RATIO_TARGET}× the ${SMALL}-event picture`,
      comparison: `${SMALL} events: ${ms(smallPicture.fcp)} (${ratio(pictureRatio)})`,
      verdict: verdictOf(bigPicture.bars > 0 && pictureRatio <= PICTURE_RATIO_TARGET),
    });
  } finally {
    await browser.close();
  }
  return results;
}
