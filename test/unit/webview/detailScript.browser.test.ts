// The page script (media/detail.js) in a real Chromium, under the real CSP: it must load, post
// `ready`, turn clicks into messages, page the timeline and never execute data. Skipped, with the
// reason printed, on a machine without Chromium.
import * as assert from 'assert';
import * as fs from 'fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Workitem } from '../../../src/api/schemas';
import { deriveTimeline } from '../../../src/webviews/viewModel/timeline';
import { renderDetailHtml, renderDetailParts } from '../../../src/webviews/detailHtml';
import type { ExtensionMessage } from '../../../src/webviews/messages';
import { createNonce } from '../../../src/webviews/nonce';
import { timelineRowViews } from '../../../src/webviews/timelineRows';
import { DETAIL_PAGE_ORIGIN, routeDetailPage } from './detailPageRoute';
import { callOnHold, heldAndRetrievedCall, longCall, MINUTE, T0 } from './fixtures/workitems';
import { formatDuration } from '../../../src/model/format/time';
import { skipWithReason } from '../support/pendingPolicy';

const ORIGIN = DETAIL_PAGE_ORIGIN;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const NOW = T0 + 10 * MINUTE;
const TIME = { locale: 'en-US', timeZone: 'UTC' };

// Browser-side code is written as strings: the project compiles without the DOM library.
/** The webview host's API as a recorder; init scripts run before the page and outside its CSP. */
const INIT_SCRIPT = `
  window.__posted = [];
  window.__violations = [];
  window.__state = __STATE__;
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(event.violatedDirective + ' ' + event.blockedURI);
  });
  Object.defineProperty(window, 'acquireVsCodeApi', {
    value: () => ({
      postMessage: (message) => window.__posted.push(message),
      getState: () => window.__state,
      setState: (next) => { window.__state = next; },
    }),
  });
`;
const postedOfType = (type: string) => `window.__posted.some((message) => message.type === ${JSON.stringify(type)})`;

/**
 * Polls an expression from Node: Playwright's own waitForFunction evaluates strings with `eval`
 * inside the page, which the page's CSP (rightly) forbids.
 */
async function waitUntil(page: Page, expression: string): Promise<void> {
  for (let attempt = 0; attempt < 250; attempt += 1) {
    if ((await page.evaluate(expression)) === true) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`timed out waiting for ${expression}`);
}

function pageHtml(workitem: Workitem): string {
  return renderDetailHtml({
    workitem,
    issues: [],
    permissions: ['workitems:write'],
    now: NOW,
    nonce: createNonce(),
    cspSource: ORIGIN,
    scriptUri: `${ORIGIN}/media/detail.js`,
    styleUri: `${ORIGIN}/media/detail.css`,
    time: TIME,
    renderId: 4,
  });
}

describe('media/detail.js in Chromium', function () {
  this.timeout(30_000);
  let browser: Browser | undefined;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      skipWithReason(this, `no Chromium at ${CHROMIUM} (set CHROMIUM to its path)`, false);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  });

  after(async () => {
    await browser?.close();
  });

  async function open(workitem: Workitem, savedState?: unknown): Promise<Page> {
    assert.ok(browser);
    const page = await browser.newPage();
    const html = pageHtml(workitem);
    await routeDetailPage(page, html);
    await page.addInitScript({ content: INIT_SCRIPT.replace('__STATE__', JSON.stringify(savedState ?? null)) });
    await page.goto(`${ORIGIN}/index.html`);
    await waitUntil(page, postedOfType('ready'));
    return page;
  }

  const posted = (page: Page) => page.evaluate('window.__posted') as Promise<unknown[]>;
  const state = (page: Page) => page.evaluate('window.__state') as Promise<{ workitemId?: string; timelineLoaded?: number }>;
  const violations = (page: Page) => page.evaluate('window.__violations') as Promise<string[]>;
  const send = (page: Page, message: ExtensionMessage) => page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);

  it('loads under the CSP, posts ready for its render and saves the workitem id for restore', async () => {
    const page = await open(heldAndRetrievedCall());
    assert.deepStrictEqual(await posted(page), [{ type: 'ready', renderId: 4 }]);
    assert.deepStrictEqual(await violations(page), []);
    assert.strictEqual((await state(page)).workitemId, 'wi_20001');
    await page.close();
  });

  it('turns button clicks into messages', async () => {
    const page = await open(heldAndRetrievedCall());
    await page.click('button[data-action="hold"]');
    await page.click('button[data-command="copyId"]');
    await page.click('button[data-command="copyJson"]');
    await page.click('.toolbar button[data-command="refresh"]');
    assert.deepStrictEqual((await posted(page)).slice(1), [
      { type: 'runAction', action: 'hold' },
      { type: 'copyId' },
      { type: 'copyJson' },
      { type: 'refresh' },
    ]);
    await page.close();
  });

  it('disables the actions while one runs and names the running one', async () => {
    const page = await open(heldAndRetrievedCall());
    await send(page, { type: 'busy', action: 'hold', label: 'Holding…' });
    assert.strictEqual(await page.textContent('button[data-action="hold"]'), 'Holding…');
    assert.strictEqual(await page.isDisabled('button[data-action="hangup"]'), true);
    await send(page, { type: 'busy', action: null });
    assert.strictEqual(await page.textContent('button[data-action="hold"]'), 'Hold');
    assert.strictEqual(await page.isDisabled('button[data-action="hangup"]'), false);
    await page.close();
  });

  it('shows and clears the error banner', async () => {
    const page = await open(heldAndRetrievedCall());
    assert.strictEqual(await page.isVisible('#banner'), false);
    await send(page, { type: 'error', message: 'Could not reach the server.', retryable: true });
    assert.strictEqual(await page.textContent('#banner-text'), 'Could not reach the server.');
    assert.strictEqual(await page.isVisible('#banner-retry'), true);
    await send(page, { type: 'update', workitemId: 'wi_20001', checkedAt: NOW, status: 'Checked at 4:10:00 PM', banner: null });
    assert.strictEqual(await page.isVisible('#banner'), false);
    assert.strictEqual(await page.textContent('#status-text'), 'Checked at 4:10:00 PM');
    await page.close();
  });

  it('pages older timeline events in on request, as text', async () => {
    const call = longCall(1000);
    const page = await open(call);
    assert.strictEqual(await page.locator('#timeline-rows tr').count(), 200);
    await page.click('#timeline-older');
    const request = (await posted(page)).slice(-1)[0];
    assert.deepStrictEqual(request, { type: 'timelinePage', offset: 200, limit: 200 });
    const timeline = deriveTimeline(call.timeEvents, { now: NOW });
    const rows = timelineRowViews(timeline, 200, 200, { now: NOW, time: TIME });
    rows[0] = { ...rows[0], what: '<img src=x onerror="window.__pwned=1">', who: 'agent\u202Eevil' };
    await send(page, { type: 'timelinePage', offset: 200, total: 1000, rows });
    assert.strictEqual(await page.locator('#timeline-rows tr').count(), 400);
    assert.strictEqual(await page.textContent('#timeline-count'), 'Showing 400 of 1000 events');
    assert.strictEqual(await page.locator('#timeline-rows tr[data-key="799"] td').nth(1).textContent(), '<img src=x onerror="window.__pwned=1">');
    assert.strictEqual(await page.locator('#timeline-rows tr[data-key="799"] td').nth(3).textContent(), 'agentU+202Eevil');
    assert.strictEqual(await page.locator('#timeline-rows img').count(), 0);
    // A late answer for an offset already passed is ignored.
    await send(page, { type: 'timelinePage', offset: 200, total: 1000, rows });
    assert.strictEqual(await page.locator('#timeline-rows tr').count(), 400);
    assert.strictEqual((await state(page)).timelineLoaded, 400);
    await page.close();
  });

  it('asks for the raw JSON of a large workitem when it is opened', async () => {
    const page = await open(longCall(10_000));
    await page.click('#raw-details summary');
    await waitUntil(page, postedOfType('rawJson'));
    await send(page, { type: 'rawJson', text: '{"workitemId":"wi_99999"}' });
    assert.strictEqual(await page.textContent('#raw-json'), '{"workitemId":"wi_99999"}');
    await page.close();
  });

  it('restores how far the timeline was paged after a re-render', async () => {
    const page = await open(longCall(1000), { workitemId: 'wi_99999', scrollY: 0, timelineLoaded: 600 });
    await waitUntil(page, postedOfType('timelinePage'));
    const request = (await posted(page)).find((message) => (message as { type: string }).type === 'timelinePage');
    assert.deepStrictEqual(request, { type: 'timelinePage', offset: 200, limit: 400 });
    await page.close();
  });

  it('never runs or builds markup from hostile values', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const call: Workitem = {
      ...heldAndRetrievedCall(),
      summary: hostile,
      agentUsername: `" onmouseover="window.__pwned=3`,
      [hostile]: `javascript:window.__pwned=4`,
    };
    const page = await open(call);
    const found = await page.evaluate(`({
      pwned: window.__pwned,
      // The timeline picture is the page's own SVG (one, by its id).
      images: [...document.querySelectorAll('img, svg, iframe, object, embed, a')].filter((element) => element !== document.getElementById('timeline-svg')).length,
      scripts: document.querySelectorAll('script').length,
      handlers: [...document.querySelectorAll('*')].flatMap((element) =>
        [...element.attributes].filter((attr) => attr.name.startsWith('on')).map((attr) => attr.name)),
    })`);
    assert.deepStrictEqual(found, { pwned: undefined, images: 0, scripts: 1, handlers: [] });
    assert.deepStrictEqual(await violations(page), []);
    await page.close();
  });
  it('ticks the time in the current state between state changes, as formatDuration writes it', async () => {
    const page = await open(callOnHold());
    const liveTexts = () =>
      page.evaluate(`[...document.querySelectorAll('[data-live-ms]')].map((e) => [Number(e.getAttribute('data-live-ms')), e.textContent])`) as Promise<Array<[number, string]>>;
    const first = await liveTexts();
    // The phase "On hold", the state row of hold, and "In hold for …" in the notes.
    assert.strictEqual(first.length, 3, JSON.stringify(first));
    for (const [ms, text] of first) assert.strictEqual(text, formatDuration(ms, TIME.locale));
    // Within a few seconds (no wall-clock bound is asserted: only that it moves, and how it reads).
    let later = first;
    for (let attempt = 0; attempt < 100 && later.every(([, text], i) => text === first[i]?.[1]); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      later = await liveTexts();
    }
    assert.ok(later.some(([, text], i) => text !== first[i]?.[1]), `still ${JSON.stringify(later)}`);
    for (const [ms, text] of later) {
      const readings = Array.from({ length: 600 }, (_, s) => formatDuration(ms + s * 1000, TIME.locale));
      assert.ok(readings.includes(text ?? ''), `${text} is not how formatDuration writes ${ms} ms plus whole seconds`);
    }
    const held = await page.textContent('.notes li');
    assert.match(held ?? '', /^In hold for .+, since .+\.$/);
    assert.deepStrictEqual(await violations(page), []);
    await page.close();
  });

  it('keeps a live timeline picture to the present: the bar still going reaches the right edge, the others shrink', async () => {
    const page = await open(callOnHold());
    const bars = () =>
      page.evaluate(
        `[...document.querySelectorAll('#timeline-svg rect.tl-bar')].map((e) => [Number(e.getAttribute('x')), Number(e.getAttribute('width')), e.getAttribute('data-growing')])`,
      ) as Promise<Array<[number, number, string | null]>>;
    const first = await bars();
    const growing = first.findIndex(([, , flag]) => flag === 'true');
    assert.ok(growing >= 0, `a bar still going: ${JSON.stringify(first)}`);
    let later = first;
    for (let attempt = 0; attempt < 100 && JSON.stringify(later) === JSON.stringify(first); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      later = await bars();
    }
    const [x, width] = later[growing] ?? [0, 0];
    assert.ok(Math.abs(x + width - 1000) < 0.05, `the growing bar ends at the right edge: ${x} + ${width}`);
    const still = first.findIndex(([, , flag]) => flag !== 'true');
    assert.ok(still >= 0);
    assert.ok((later[still]?.[1] ?? 0) < (first[still]?.[1] ?? 0) || (first[still]?.[1] ?? 0) <= 0.5, 'a finished bar takes less of the picture as time passes');
    assert.deepStrictEqual(await violations(page), []);
    await page.close();
  });

  it('draws a changed workitem in place: the reader keeps the zoom, opened sections, older rows, the loaded journey and the focus', async () => {
    const before: Workitem = { ...longCall(1000), conversationId: 'conv_77' };
    const page = await open(before);
    // The reader zooms the picture, opens two sections, loads older rows and the journey, and
    // leaves the focus on Refresh.
    const svg = page.locator('#timeline-svg');
    const whole = await svg.getAttribute('viewBox');
    await svg.hover();
    await page.mouse.wheel(0, -300);
    await waitUntil(page, `document.getElementById('timeline-svg').getAttribute('viewBox') !== ${JSON.stringify(whole)}`);
    const zoomed = await svg.getAttribute('viewBox');
    await page.click('#state-details summary');
    await page.click('#journey-details summary');
    await waitUntil(page, postedOfType('journey'));
    await send(page, { type: 'journey', legs: [], message: 'This workitem is not linked to others.' });
    await page.click('#timeline-older');
    const timeline = deriveTimeline(before.timeEvents, { now: NOW });
    await send(page, { type: 'timelinePage', offset: 200, total: 1000, rows: timelineRowViews(timeline, 200, 200, { now: NOW, time: TIME }) });
    await page.focus('.toolbar button[data-command="refresh"]');
    await page.evaluate(`document.getElementById('conversation').__kept = true`);
    const scrolledBefore = await page.evaluate('window.scrollY');

    // The workitem goes on hold: the parts the renderer draws differently are sent, by the same renderer.
    const after: Workitem = { ...before, state: 'hold', priority: 5 };
    const input = { workitem: after, issues: [], permissions: ['workitems:write'], now: NOW + 1000, nonce: '', cspSource: ORIGIN, scriptUri: '', styleUri: '', time: TIME };
    const old = new Map(renderDetailParts({ ...input, workitem: before, now: NOW, renderId: 4 }).sections.map((part) => [part.id, part.html.value]));
    const next = renderDetailParts({ ...input, renderId: 5 });
    const sections = next.sections.filter((part) => old.get(part.id) !== part.html.value).map((part) => ({ id: part.id, html: part.html.value }));
    assert.ok(sections.some((part) => part.id === 'timeline') && !sections.some((part) => part.id === 'conversation'), sections.map((part) => part.id).join(' '));
    await send(page, { type: 'patch', renderId: 5, config: next.config, order: next.sections.map((part) => part.id), sections });
    await waitUntil(page, `window.__posted.some((message) => message.type === 'ready' && message.renderId === 5)`);

    assert.strictEqual(await page.textContent('#header .badge.state'), 'hold');
    assert.strictEqual(await page.textContent('#header .badge.priority'), 'P5');
    assert.strictEqual(await svg.getAttribute('viewBox'), zoomed, 'the zoom outlives the picture drawn anew');
    assert.strictEqual(await page.evaluate(`document.getElementById('state-details').open`), true);
    assert.strictEqual(await page.evaluate(`document.getElementById('conversation').__kept === true`), true, 'the loaded journey was not touched');
    assert.strictEqual(await page.textContent('#journey-body'), 'This workitem is not linked to others.');
    assert.strictEqual(await page.evaluate(`document.activeElement.getAttribute('data-command')`), 'refresh');
    assert.strictEqual(await page.evaluate('window.scrollY'), scrolledBefore);
    // The older rows the reader had loaded are asked for again, below the newest ones drawn anew.
    const asked = (await posted(page)).filter((message) => (message as { type: string }).type === 'timelinePage');
    assert.deepStrictEqual(asked.slice(-1)[0], { type: 'timelinePage', offset: 200, limit: 200 });
    assert.strictEqual(await page.locator('#timeline-rows tr').count(), 200);
    assert.deepStrictEqual(await violations(page), []);
    await page.close();
  });

  it('adds and removes sections a patch names, in its order', async () => {
    const call = heldAndRetrievedCall();
    const page = await open(call);
    const issues = [{ workitemId: call.workitemId, path: 'timeEvents.2.timestamp', expected: 'number', received: '"soon"' }];
    const next = renderDetailParts({ workitem: call, issues, permissions: ['workitems:write'], now: NOW, nonce: '', cspSource: ORIGIN, scriptUri: '', styleUri: '', time: TIME, renderId: 5 });
    const issuesPart = next.sections.find((part) => part.id === 'issues');
    assert.ok(issuesPart);
    await send(page, { type: 'patch', renderId: 5, config: next.config, order: next.sections.map((part) => part.id), sections: [{ id: 'issues', html: issuesPart.html.value }] });
    await waitUntil(page, `window.__posted.some((message) => message.type === 'ready' && message.renderId === 5)`);
    assert.deepStrictEqual(await page.evaluate(`[...document.querySelector('main').children].map((child) => child.id)`), ['issues', 'fields', 'contact', 'timeline', 'conversation', 'raw']);
    await send(page, { type: 'patch', renderId: 6, config: { ...next.config, renderId: 6 }, order: ['header', 'fields', 'contact', 'timeline', 'conversation', 'raw'], sections: [] });
    await waitUntil(page, `window.__posted.some((message) => message.type === 'ready' && message.renderId === 6)`);
    assert.deepStrictEqual(await page.evaluate(`[...document.querySelector('main').children].map((child) => child.id)`), ['fields', 'contact', 'timeline', 'conversation', 'raw']);
    assert.deepStrictEqual(await violations(page), []);
    await page.close();
  });

  it('writes durations as formatDuration does, for every magnitude', async () => {
    const page = await open(callOnHold());
    const samples = [0, 7, 999, 1000, 9_000, 59_999, 60_000, 61_000, 3_599_000, 3_600_000, 3_660_000, 86_400_000, 90_061_000, 9e9];
    for (const ms of samples) {
      await page.evaluate(`document.querySelector('[data-live-ms]').setAttribute('data-live-ms', '${ms}')`);
      let text: string | null = null;
      for (let attempt = 0; attempt < 40; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        text = await page.textContent('[data-live-ms]');
        const expected = Array.from({ length: 60 }, (_, s) => formatDuration(ms + s * 1000, TIME.locale));
        if (text !== null && expected.includes(text)) break;
      }
      const expected = Array.from({ length: 60 }, (_, s) => formatDuration(ms + s * 1000, TIME.locale));
      assert.ok(expected.includes(text ?? ''), `${ms} ms read ${text}`);
    }
    await page.close();
  });
});
