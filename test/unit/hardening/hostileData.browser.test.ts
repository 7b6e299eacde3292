// The hostile workitems, fetched through the NcxClient, rendered and loaded in a real Chromium
// under the panel's real CSP: no payload may run (each would set `window.__pwned`) or become an
// element, and the page must still work: its own script posts `ready`, buttons post their
// messages, the timeline pages in older events. Skipped, with the reason printed, without Chromium.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { NcxClient } from '../../../src/api/client';
import type { Workitem } from '../../../src/api/schemas';
import { deriveTimeline } from '../../../src/webviews/viewModel/timeline';
import { renderDetailErrorHtml, renderDetailHtml } from '../../../src/webviews/detailHtml';
import type { ExtensionMessage } from '../../../src/webviews/messages';
import { createNonce } from '../../../src/webviews/nonce';
import { timelineRowViews } from '../../../src/webviews/timelineRows';
import { sendJson, startLoopbackServer, type LoopbackServer } from '../api/helpers/loopbackServer';
import { HOSTILE_PAYLOADS, hostileLongCall, hostileWorkitems } from './support/hostilePayloads';
import { skipWithReason } from '../support/pendingPolicy';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ORIGIN = 'https://webview.test';
const MEDIA = path.resolve(__dirname, '../../../../media');
const TIME = { locale: 'en-US', timeZone: 'UTC' };

// Browser-side code is written as strings: the project compiles without the DOM library.
/** Stands in for the webview host; init scripts run before the page and outside its CSP. */
const INIT_SCRIPT = `
  window.__posted = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(event.violatedDirective + ' ' + event.blockedURI);
  });
  Object.defineProperty(window, 'acquireVsCodeApi', {
    value: () => ({ postMessage: (message) => window.__posted.push(message), getState: () => null, setState: () => undefined }),
  });
`;

/** What a payload would leave behind had it been executed or parsed as markup. */
const INSPECT = `({
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  parentPwned: window.parent.__pwned === undefined ? null : String(window.parent.__pwned),
  scripts: document.querySelectorAll('script').length,
  // The timeline picture is the page's own SVG (one, by its id); any other is markup built from data.
  foreign: [...document.querySelectorAll('img, svg, iframe, object, embed, a, base, style, form, input, textarea, video, audio, math')]
    .filter((element) => element !== document.getElementById('timeline-svg'))
    .map((element) => element.tagName),
  links: [...document.querySelectorAll('link')].map((element) => element.rel + ' ' + element.getAttribute('href')),
  metas: [...document.querySelectorAll('meta[http-equiv]')].map((element) => element.httpEquiv),
  handlers: [...document.querySelectorAll('*')].flatMap((element) =>
    [...element.attributes].filter((attr) => attr.name.startsWith('on') || attr.name === 'autofocus' || attr.name === 'srcdoc').map((attr) => element.tagName + '[' + attr.name + ']')),
  csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]').content,
  location: location.href,
})`;

interface Inspection {
  pwned: string | null;
  parentPwned: string | null;
  scripts: number;
  foreign: string[];
  links: string[];
  metas: string[];
  handlers: string[];
  csp: string;
  location: string;
}

async function waitUntil(page: Page, expression: string): Promise<void> {
  for (let attempt = 0; attempt < 250; attempt += 1) {
    if ((await page.evaluate(expression)) === true) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`timed out waiting for ${expression}`);
}

const postedOfType = (type: string): string => `window.__posted.some((message) => message.type === ${JSON.stringify(type)})`;

describe('hardening: hostile workitem data in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let server: LoopbackServer | undefined;
  let fetched: Workitem[] = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      skipWithReason(this, `no Chromium at ${CHROMIUM} (set CHROMIUM to its path)`, false);
    }
    const originals = hostileWorkitems();
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 200, { count: originals.length, total: originals.length, objects: originals }),
    );
    fetched = (await new NcxClient({ location: server.url, retries: 0 }).search({ rows: 1000 })).items;
    assert.equal(fetched.length, HOSTILE_PAYLOADS.length);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  after(async () => {
    await Promise.all(pool.map((page) => page.close()));
    await browser?.close();
    await server?.close();
  });

  /** Pages are costly to create here; each test reuses a few, navigating each to new HTML. */
  const pool: Page[] = [];
  const htmlOf = new Map<Page, string>();

  async function newPage(): Promise<Page> {
    assert.ok(browser);
    const page = await browser.newPage();
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin === ORIGIN && url.pathname === '/index.html') {
        await route.fulfill({ status: 200, contentType: 'text/html', body: htmlOf.get(page) ?? '' });
      } else if (url.origin === ORIGIN && url.pathname.startsWith('/media/')) {
        const file = path.join(MEDIA, path.basename(url.pathname));
        await route.fulfill({ status: 200, contentType: file.endsWith('.js') ? 'text/javascript' : 'text/css', body: fs.readFileSync(file) });
      } else {
        // Anything else a payload might fetch (evil.example, x) is refused.
        await route.fulfill({ status: 404, body: '' });
      }
    });
    await page.addInitScript({ content: INIT_SCRIPT });
    return page;
  }

  /** Loads `html` in the pooled page `slot` and waits for the page's script to post `ready`. */
  async function open(html: string, slot = 0): Promise<Page> {
    while (pool.length <= slot) {
      pool.push(await newPage());
    }
    const page = pool[slot] as Page;
    htmlOf.set(page, html);
    await page.goto(`${ORIGIN}/index.html`);
    await waitUntil(page, postedOfType('ready'));
    return page;
  }

  const assets = (): { nonce: string; cspSource: string; scriptUri: string; styleUri: string } => ({
    nonce: createNonce(),
    cspSource: ORIGIN,
    scriptUri: `${ORIGIN}/media/detail.js`,
    styleUri: `${ORIGIN}/media/detail.css`,
  });

  function assertInert(found: Inspection, label: string): void {
    assert.deepEqual(
      { pwned: found.pwned, parentPwned: found.parentPwned, scripts: found.scripts, foreign: found.foreign, handlers: found.handlers, metas: found.metas },
      { pwned: null, parentPwned: null, scripts: 1, foreign: [], handlers: [], metas: ['Content-Security-Policy'] },
      label,
    );
    assert.deepEqual(found.links, [`stylesheet ${ORIGIN}/media/detail.css`], label);
    assert.equal(found.location, `${ORIGIN}/index.html`, `${label}: the page navigated away`);
    assert.match(found.csp, /script-src 'nonce-[A-Za-z0-9_-]+'(;|$)/, label);
    assert.doesNotMatch(found.csp, /unsafe-inline|unsafe-eval/, label);
  }

  async function checkWorkitemPage(workitem: Workitem, index: number, slot: number): Promise<void> {
    const page = await open(
      renderDetailHtml({ ...assets(), workitem, issues: [], permissions: ['workitems:write'], now: workitem.createdAt + 600_000, time: TIME, renderId: index }),
      slot,
    );
    assertInert((await page.evaluate(INSPECT)) as Inspection, `payload ${index}`);
    await page.click('button[data-command="copyId"]');
    await page.click('button[data-action="hold"]');
    const posted = (await page.evaluate('window.__posted')) as unknown[];
    assert.deepEqual(posted, [{ type: 'ready', renderId: index }, { type: 'copyId' }, { type: 'runAction', action: 'hold' }], `payload ${index}`);
    assert.deepEqual(await page.evaluate('window.__violations'), [], `payload ${index}: the CSP had to block something`);
  }

  it('runs none of the payloads, in any field, and the page still works', async () => {
    const slots = 3;
    await Promise.all(
      Array.from({ length: slots }, async (_unused, slot) => {
        for (let index = slot; index < fetched.length; index += slots) {
          await checkWorkitemPage(fetched[index] as Workitem, index, slot);
        }
      }),
    );
  });

  it('runs none of them from the error page or the issues table', async () => {
    const issues = HOSTILE_PAYLOADS.map((payload) => ({ workitemId: payload, path: payload, expected: payload, received: payload }));
    const page = await open(
      renderDetailErrorHtml({ ...assets(), workitemId: HOSTILE_PAYLOADS[1] ?? '', message: HOSTILE_PAYLOADS.join(' '), retryable: true, issues }),
    );
    assertInert((await page.evaluate(INSPECT)) as Inspection, 'error page');
    await page.click('button[data-command="refresh"]');
    assert.deepEqual(((await page.evaluate('window.__posted')) as unknown[]).slice(-1), [{ type: 'refresh' }]);
  });

  it('pages hostile timeline events in as text, and still counts them right', async () => {
    const call = hostileLongCall();
    const now = call.createdAt + 600_000;
    const page = await open(renderDetailHtml({ ...assets(), workitem: call, issues: [], permissions: [], now, time: TIME }));
    assert.equal(await page.locator('#timeline-rows tr').count(), 200);
    await page.click('#timeline-older');
    await waitUntil(page, postedOfType('timelinePage'));
    const timeline = deriveTimeline(call.timeEvents, { now, createdAt: call.createdAt });
    const rows = timelineRowViews(timeline, 200, 200, { now, time: TIME });
    const message: ExtensionMessage = { type: 'timelinePage', offset: 200, total: timeline.entries.length, rows };
    await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
    await waitUntil(page, `document.querySelectorAll('#timeline-rows tr').length === ${timeline.entries.length}`);
    assertInert((await page.evaluate(INSPECT)) as Inspection, 'timeline');
    assert.equal(await page.textContent('#timeline-count'), `Showing ${timeline.entries.length} of ${timeline.entries.length} events`);
    const shown = (await page.evaluate(`document.querySelector('#timeline-rows').textContent`)) as string;
    assert.ok(shown.includes('<script>window.__pwned = "script"</script>'), 'the payload is shown as the text it is');
  });
});
