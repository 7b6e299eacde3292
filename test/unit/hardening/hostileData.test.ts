// Hostile workitem data, the whole way: served over HTTP, read by the NcxClient, then rendered by
// the detail panel, the tree's label, tooltip and contextValue, and the timeline pages. Every
// payload must arrive intact (the client does not mangle data) and leave as inert text.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { NcxClient } from '../../../src/api/client';
import type { Workitem } from '../../../src/api/schemas';
import type { ValidationIssue } from '../../../src/api/workitemsApi';
import { deriveTimeline } from '../../../src/webviews/viewModel/timeline';
import { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import { workitemLabel } from '../../../src/model/workitemText';
import { workitemNodeIdOf } from '../../../src/model/groupKeys';
import { workitemContextValue } from '../../../src/views/tree/contextValues';
import { escapeMarkdown } from '../../../src/views/tree/markdownText';
import { renderDetailErrorHtml, renderDetailHtml, type DetailHtmlInput } from '../../../src/webviews/detailHtml';
import { parseExtensionMessage } from '../../../src/webviews/messages';
import { timelineRowViews } from '../../../src/webviews/timelineRows';
import { realisticWorkitem, realisticWorkitems } from '../api/fixtures/workitems';
import { sendJson, startLoopbackServer, type LoopbackServer } from '../api/helpers/loopbackServer';
import { rowOf } from '../model/support/treeDriver';
import { attribute, tokenize, type StartTag } from '../webview/htmlTokens';
import { HOSTILE_PAYLOADS, hostileLongCall, hostileWorkitems } from './support/hostilePayloads';
import { shownText, unescapedActiveCharacters } from './support/markdownInline';

const ASSETS = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/detail.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/detail.css',
};
const NONCE = 'aGFyZGVuaW5nLW5vbmNlLTAx';
const TIME = { locale: 'en-US', timeZone: 'UTC' };
/** Attributes a browser follows or loads (a `title` holding `javascript:` is only text). */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'data', 'srcdoc', 'poster', 'background']);
/** Bidi embeddings, overrides and isolates: they reorder the text around them. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

function input(workitem: Workitem, issues: readonly ValidationIssue[] = []): DetailHtmlInput {
  return { ...ASSETS, workitem, issues, permissions: ['workitems:read', 'workitems:write'], now: workitem.createdAt + 600_000, nonce: NONCE, time: TIME };
}

interface Vocabulary {
  tags: Set<string>;
  attributes: Set<string>;
}

function addTo(vocabulary: Vocabulary, tags: readonly StartTag[]): void {
  for (const tag of tags) {
    vocabulary.tags.add(tag.name);
    tag.attributes.forEach((attr) => vocabulary.attributes.add(`${tag.name}[${attr.name}]`));
  }
}

/** Every element and attribute the renderer writes for ordinary data, unknown values and long ones included. */
function rendererVocabulary(): Vocabulary {
  const vocabulary: Vocabulary = { tags: new Set(), attributes: new Set() };
  const ordinary: Workitem[] = [
    ...realisticWorkitems(13),
    { ...realisticWorkitem(20), state: 'parked', channelType: 'carrierPigeon', type: 'Telepathy', summary: 'n'.repeat(3000) },
    { ...realisticWorkitem(21), contact: undefined, contactId: 'ct_1', summary: 'tab\there, joiner\u200B' },
    { ...realisticWorkitem(22), wrapUpCode: 'W42', recording: { id: 'rec_1', seconds: 312 } },
    { ...realisticWorkitem(23), data: { transcript: 'Agent: how can I help? '.repeat(20_000) } },
    { ...hostileLongCall(), workitemId: 'wi_long' },
  ];
  const issues: ValidationIssue[] = [{ workitemId: 'wi_12346', path: 'priority', expected: 'number', received: '"3"' }];
  for (const workitem of ordinary) {
    addTo(vocabulary, tokenize(renderDetailHtml(input(workitem, issues))).tags);
  }
  addTo(vocabulary, tokenize(renderDetailErrorHtml({ ...ASSETS, nonce: NONCE, workitemId: 'wi_1', message: 'Gone.', retryable: true, issues })).tags);
  return vocabulary;
}

function assertInert(html: string, vocabulary: Vocabulary, label: string): void {
  const { tags } = tokenize(html);
  for (const tag of tags) {
    assert.ok(vocabulary.tags.has(tag.name), `${label}: injected element <${tag.name}>`);
    for (const attr of tag.attributes) {
      assert.ok(vocabulary.attributes.has(`${tag.name}[${attr.name}]`), `${label}: injected attribute ${attr.name} on <${tag.name}>`);
      if (URL_ATTRIBUTES.has(attr.name)) {
        assert.doesNotMatch(attr.value, /^\s*javascript:/i, `${label}: a javascript: URL in ${attr.name}`);
      }
    }
  }
  const scripts = tags.filter((tag) => tag.name === 'script');
  assert.equal(scripts.length, 1, `${label}: exactly one script`);
  assert.equal(attribute(scripts[0] as StartTag, 'nonce'), NONCE);
  const urls = tags.flatMap((tag) => tag.attributes.filter((attr) => attr.name === 'href' || attr.name === 'src').map((attr) => attr.value));
  assert.deepEqual(urls.sort(), [ASSETS.scriptUri, ASSETS.styleUri].sort(), `${label}: a URL came from the data`);
  const csp = tags.find((tag) => tag.name === 'meta' && attribute(tag, 'http-equiv') === 'Content-Security-Policy');
  assert.ok(csp, `${label}: no CSP`);
  const policy = attribute(csp, 'content') ?? '';
  assert.match(policy, new RegExp(`script-src 'nonce-${NONCE}'(;|$)`), `${label}: the script source is the nonce alone`);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/, `${label}: ${policy}`);
  // What a person sees: text and attributes. The page's <title> and its data-config (read by the
  // script with JSON.parse) are never displayed.
  const { text } = tokenize(html.replace(/<title>[\s\S]*?<\/title>/, '<title></title>'));
  const shownAttributes = tags.flatMap((tag) => tag.attributes.filter((attr) => attr.name !== 'data-config').map((attr) => attr.value));
  for (const shown of [text, ...shownAttributes]) {
    assert.doesNotMatch(shown, BIDI_CONTROLS, `${label}: a raw bidi control reached the page`);
  }
}

describe('hardening: hostile workitem data, from the wire to the screen', function () {
  this.timeout(30_000);
  const originals = hostileWorkitems();
  let server: LoopbackServer;
  let received: Workitem[];
  let vocabulary: Vocabulary;

  before(async () => {
    server = await startLoopbackServer((request, response) => {
      const id = decodeURIComponent(/\/users\/api\/workitems\/([^?]+)/.exec(request.url)?.[1] ?? '');
      const single = originals.find((workitem) => workitem.workitemId === id);
      if (single) {
        sendJson(response, 200, single);
      } else {
        sendJson(response, 200, { count: originals.length, total: originals.length, objects: originals });
      }
    });
    const client = new NcxClient({ location: server.url, token: () => 'a-session-token', timeoutMs: 5000, retries: 0 });
    received = (await client.search({ rows: 1000 })).items;
    vocabulary = rendererVocabulary();
    console.log(`      hostile payloads tried: ${HOSTILE_PAYLOADS.length} (in ${originals.length} workitems)`);
  });

  after(async () => {
    await server.close();
  });

  it('arrive through the client byte for byte, with no issue raised', async () => {
    assert.deepEqual(received, originals);
    const client = new NcxClient({ location: server.url, retries: 0 });
    const again = originals[3];
    assert.ok(again);
    assert.deepEqual(await client.fetchWorkitem(again.workitemId), again);
  });

  it('render in the detail panel as text only: no element, attribute, URL or script of their own', () => {
    for (const [index, workitem] of received.entries()) {
      assertInert(renderDetailHtml(input(workitem)), vocabulary, `payload ${index}`);
    }
  });

  it('are shown, as text, in the panel', () => {
    for (const [index, workitem] of received.entries()) {
      const payload = HOSTILE_PAYLOADS[index] ?? '';
      if (payload.length > 2000 || /[\u0000-\u001f\u007f-\u009f\u200b\u2028\u2029\ufeff\ud800]/.test(payload) || BIDI_CONTROLS.test(payload)) {
        continue; // shortened or spelled out on purpose; checked by the webview's own tests
      }
      assert.ok(tokenize(renderDetailHtml(input(workitem))).text.includes(payload), `payload ${index} is not shown as text`);
    }
  });

  it('render as inert text in the error page and the issues table', () => {
    const issues: ValidationIssue[] = HOSTILE_PAYLOADS.map((payload) => ({ workitemId: payload, path: payload, expected: payload, received: payload }));
    for (const [index, payload] of HOSTILE_PAYLOADS.entries()) {
      const html = renderDetailErrorHtml({ ...ASSETS, nonce: NONCE, workitemId: payload, message: payload, retryable: true, issues });
      assertInert(html, vocabulary, `error page ${index}`);
    }
    assertInert(renderDetailHtml(input(realisticWorkitem(3), issues)), vocabulary, 'issues table');
  });

  it('travel to the page\'s timeline as plain strings of a valid message', () => {
    const call = hostileLongCall();
    const timeline = deriveTimeline(call.timeEvents, { now: call.createdAt + 600_000, createdAt: call.createdAt });
    const rows = timelineRowViews(timeline, 200, 200, { now: call.createdAt + 600_000, time: TIME });
    assert.equal(rows.length, 60);
    const parsed = parseExtensionMessage({ type: 'timelinePage', offset: 200, total: timeline.entries.length, rows });
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
    assert.ok(rows.some((row) => row.who.includes('<script>')), 'the hostile text is in the rows, to be placed as text');
  });

  it('give tree labels without a bidi control that could reorder them', () => {
    for (const [index, workitem] of received.entries()) {
      const label = workitemLabel(workitem);
      const text = label.kind === 'contact' ? label.name : label.kind === 'route' ? `${label.from ?? ''} ${label.to ?? ''}` : label.id;
      assert.doesNotMatch(text, BIDI_CONTROLS, `payload ${index}: ${JSON.stringify(text.slice(0, 80))}`);
    }
  });

  it('give tooltips in which no Markdown or HTML construct survives escaping', () => {
    for (const [index, payload] of HOSTILE_PAYLOADS.entries()) {
      const escaped = escapeMarkdown(payload);
      assert.deepEqual(unescapedActiveCharacters(escaped), [], `payload ${index}`);
      assert.doesNotMatch(escaped, BIDI_CONTROLS, `payload ${index}: a raw bidi control in the tooltip`);
    }
  });

  it('escape any text for a tooltip so that it reads as itself (property)', () => {
    const controls = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2028\u2029\u2060\u2066-\u2069\ufeff]/;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[\\`*_[\]()<>!&~|#:.\-+{} a-z\n]*$/)), (text) => {
        const escaped = escapeMarkdown(text);
        assert.deepEqual(unescapedActiveCharacters(escaped), []);
        assert.doesNotMatch(escaped, BIDI_CONTROLS);
        if (!controls.test(text)) {
          assert.equal(shownText(escaped), text.replace(/\s+/g, ' '));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('give every workitem its own tree id, lone surrogates included', () => {
    const ids = ['wi_a\uD800', 'wi_a\uDC00', 'wi_a%uD800', 'wi_a%25uD800', 'wi_a\uD800\uDC00', 'wi_a\uFFFD', 'wi_a'];
    const nodeIds = ids.map((id) => workitemNodeIdOf('state:active', id));
    assert.equal(new Set(nodeIds).size, ids.length, nodeIds.join(' '));
    for (const nodeId of nodeIds) {
      assert.ok(nodeId.startsWith('state:active/wi:') && !nodeId.slice('state:active/'.length).includes('/'));
    }
  });

  it('give contextValues that a menu regex cannot be fooled by', () => {
    for (const workitem of received) {
      for (const busy of [false, true]) {
        assert.match(
          workitemContextValue(workitem, busy),
          /^workitem;(busy;)?state:[a-z]+;channel:[a-zA-Z]+;actions:((hold|unhold|hangup|transfer)(,(hold|unhold|hangup|transfer))*)?;$/,
        );
      }
    }
  });

  it('fill the tree model\'s rows without an issue, one row per workitem', async () => {
    const model = new WorkitemTreeModel({ api: new NcxClient({ location: server.url, retries: 0 }), groupBy: 'none', pageSize: 100 });
    try {
      assert.deepEqual((await model.getChildren()).map(rowOf), originals.map((workitem) => workitem.workitemId));
    } finally {
      model.dispose();
    }
  });
});
