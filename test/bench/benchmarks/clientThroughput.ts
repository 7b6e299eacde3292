// 2. The client's throughput: 100,000 workitems through `client.pages()` (pages of 1,000), parsed
// and validated, against plain JSON.parse of the same pages fetched the same way (node-fetch, a
// keep-alive agent per request as the client makes, the same URL and headers). Then the same
// comparison without the network, on page texts held in memory; and the heap while streaming.
import * as http from 'node:http';
import fetch from 'node-fetch';
import type { NcxClient } from '../../../src/api/client';
import { PATHS } from '../../../src/api/paths';
import { validateSearchAnswer } from '../../../src/api/validation';
import type { BenchContext } from '../lib/context';
import { liveHeapBytes } from '../lib/heap';
import { heading, say, verdictOf, type BenchResult } from '../lib/results';
import type { BenchSandbox } from '../lib/sandboxChild';
import { bytes, count, median, ms, ratio } from '../lib/stats';

const BENCH = '2 client throughput';
const ROWS = 1000;
const WORKITEMS = 100_000;
const PAGES = WORKITEMS / ROWS;
/** Timed rounds of each way, after one untimed pass of each (the client's also measures the heap). */
const ROUNDS = 2;
const RATIO_TARGET = 1.5;
/** Pages held in memory for the offline comparison. */
const OFFLINE_PAGES = 10;
const OFFLINE_ROUNDS = 7;

function pageUrl(sandbox: BenchSandbox, start: number): string {
  const url = new URL(sandbox.url + PATHS.search('workitem'));
  url.searchParams.set('rows', String(ROWS));
  url.searchParams.set('start', String(start));
  return url.href;
}

/** Fetches one page as the client does, returning its text. */
async function fetchText(sandbox: BenchSandbox, start: number): Promise<string> {
  const agent = new http.Agent({ keepAlive: true });
  try {
    const response = await fetch(pageUrl(sandbox, start), {
      headers: { Accept: 'application/json', Authorization: `Bearer ${sandbox.token}` },
      agent,
    });
    if (!response.ok) {
      throw new Error(`page at ${start} answered ${response.status}`);
    }
    return await response.text();
  } finally {
    agent.destroy();
  }
}

/** The baseline: the same pages, fetched the same way, only JSON.parse'd. */
async function plainParsePass(sandbox: BenchSandbox): Promise<{ ms: number; items: number }> {
  const started = performance.now();
  let items = 0;
  for (let page = 0; page < PAGES; page++) {
    const json: unknown = JSON.parse(await fetchText(sandbox, page * ROWS));
    if (typeof json === 'object' && json !== null && 'objects' in json && Array.isArray(json.objects)) {
      items += json.objects.length;
    }
  }
  return { ms: performance.now() - started, items };
}

async function clientPass(client: NcxClient): Promise<{ ms: number; items: number; issues: number }> {
  const started = performance.now();
  let items = 0;
  let issues = 0;
  let pages = 0;
  for await (const page of client.pages({ rows: ROWS })) {
    items += page.items.length;
    issues += page.issues.length;
    if (++pages >= PAGES) {
      break;
    }
  }
  return { ms: performance.now() - started, items, issues };
}

/** Heap after N pages and after 2N pages of one walk: what the walk keeps as it goes. */
async function streamingHeap(client: NcxClient): Promise<{ afterN: number; after2N: number; pages: number }> {
  const half = PAGES / 2;
  let afterN = 0;
  let after2N = 0;
  let pages = 0;
  for await (const page of client.pages({ rows: ROWS })) {
    if (page.items.length === 0) {
      throw new Error('an empty page before the end');
    }
    pages++;
    if (pages === half) {
      afterN = liveHeapBytes();
    }
    if (pages === PAGES) {
      after2N = liveHeapBytes();
      break;
    }
  }
  return { afterN, after2N, pages };
}

export async function runClientThroughput(context: BenchContext): Promise<BenchResult[]> {
  heading(`${BENCH}: ${count(WORKITEMS)} workitems in pages of ${count(ROWS)}, sandbox of ${count(context.size)}`);
  const sandbox = await context.sandbox();
  if (sandbox.size < WORKITEMS) {
    throw new Error(`the sandbox holds ${sandbox.size} workitems, fewer than the ${WORKITEMS} this benchmark reads`);
  }
  const client = sandbox.client();

  // One untimed pass of each warms both paths (JIT, connections); then they alternate.
  const heap = await streamingHeap(client);
  await plainParsePass(sandbox);
  const clientTimes: number[] = [];
  const plainTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const viaClient = await clientPass(client);
    const plain = await plainParsePass(sandbox);
    if (viaClient.items !== WORKITEMS || plain.items !== WORKITEMS || viaClient.issues !== 0) {
      throw new Error(`expected ${WORKITEMS} valid workitems each way, got ${viaClient.items} (${viaClient.issues} issues) and ${plain.items}`);
    }
    clientTimes.push(viaClient.ms);
    plainTimes.push(plain.ms);
  }
  // The server's time is in both and the machine may be busy: the best round of each is the truest.
  const clientMs = Math.min(...clientTimes);
  const plainMs = Math.min(...plainTimes);
  const endToEnd = clientMs / plainMs;
  say(`client.pages(), parsed and validated: best of ${ROUNDS} rounds ${ms(clientMs)} (${count((WORKITEMS / clientMs) * 1000)} workitems/s)`);
  say(`same pages, node-fetch + JSON.parse only: best of ${ROUNDS} rounds ${ms(plainMs)} (${count((WORKITEMS / plainMs) * 1000)} workitems/s)`);
  say(`ratio over HTTP: ${ratio(endToEnd)} (the server's time is in both)`);

  // Without the network: the client's own work on the very same texts.
  const texts: string[] = [];
  for (let page = 0; page < OFFLINE_PAGES; page++) {
    texts.push(await fetchText(sandbox, page * ROWS));
  }
  const textBytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const parseTimes: number[] = [];
  const validateTimes: number[] = [];
  for (let round = 0; round < OFFLINE_ROUNDS + 2; round++) {
    let started = performance.now();
    for (const text of texts) {
      JSON.parse(text);
    }
    const parse = performance.now() - started;
    started = performance.now();
    for (const text of texts) {
      if (validateSearchAnswer(JSON.parse(text)).items.length !== ROWS) {
        throw new Error('a page lost workitems in validation');
      }
    }
    const validate = performance.now() - started;
    if (round >= 2) {
      parseTimes.push(parse);
      validateTimes.push(validate);
    }
  }
  const offline = median(validateTimes) / median(parseTimes);
  say(
    `in memory, ${OFFLINE_PAGES} pages (${bytes(textBytes)}): JSON.parse ${ms(median(parseTimes))}, parse + validate ${ms(median(validateTimes))}: ${ratio(offline)}`,
  );

  const growth = heap.after2N - heap.afterN;
  const perItem = growth / (WORKITEMS / 2);
  const pageBytes = textBytes / OFFLINE_PAGES;
  say(
    `heap while streaming: ${bytes(heap.afterN)} after ${PAGES / 2} pages, ${bytes(heap.after2N)} after ${PAGES} pages: ` +
      `${growth >= 0 ? '+' : ''}${bytes(growth)} (${perItem.toFixed(1)} bytes per workitem read; one page of text is ${bytes(pageBytes)})`,
  );
  // Flat: the second half of the walk keeps less than one page's worth, i.e. pages are not retained.
  const flat = growth < pageBytes;

  return [
    {
      bench: BENCH,
      figure: `${ms(clientMs)} for ${count(WORKITEMS)} via client.pages() (${ratio(endToEnd)} of plain)`,
      target: `≤ ${RATIO_TARGET}× plain JSON.parse`,
      comparison: `plain fetch+JSON.parse ${ms(plainMs)}; in memory: parse ${ms(median(parseTimes))} vs parse+validate ${ms(median(validateTimes))} (${ratio(offline)})`,
      verdict: verdictOf(endToEnd <= RATIO_TARGET && offline <= RATIO_TARGET),
    },
    {
      bench: '2 heap while streaming',
      figure: `${growth >= 0 ? '+' : ''}${bytes(growth)} from ${PAGES / 2} to ${PAGES} pages (${perItem.toFixed(1)} B/workitem)`,
      target: 'flat: < 1 page of text',
      comparison: `heap ${bytes(heap.afterN)} → ${bytes(heap.after2N)}; a page is ${bytes(pageBytes)}`,
      verdict: verdictOf(flat),
    },
  ];
}
