import * as assert from 'assert';
import type { Workitem } from '../../../src/api/schemas';
import type { ValidationIssue } from '../../../src/api/workitemsApi';
import { renderDetailErrorHtml, renderDetailHtml } from '../../../src/webviews/detailHtml';
import { heldAndRetrievedCall, SECOND, T0 } from './fixtures/workitems';
import { attribute, tokenize } from './htmlTokens';
import { CSP_SOURCE, renderInput, SCRIPT_URI, STYLE_URI } from './renderInput';

const HOSTILE = {
  script: '<script>window.__pwned = 1</script>',
  img: '<img src=x onerror="window.__pwned=2">',
  link: 'javascript:window.__pwned=3',
  style: '</style><script>window.__pwned=4</script>',
  doubleQuote: '" onmouseover="window.__pwned=5" x="',
  singleQuote: "' onfocus='window.__pwned=6' x='",
  template: '${window.__pwned=7}{{constructor.constructor("window.__pwned=8")()}}',
  rtl: 'invoice\u202Egpj.exe\u202C',
  emoji: '👩‍💻 on call 🚀📞',
  comment: '--><!--<svg onload=window.__pwned=9>',
  entity: '&lt;b&gt; &amp;amp;',
} as const;
/** The emoji straddles the 2,000-unit display limit. */
const LONG = 'A'.repeat(1999) + '😀' + 'B'.repeat(40_000);

/** Tags the renderer writes; anything else would be injected. */
const ALLOWED_TAGS = new Set([
  'html', 'head', 'meta', 'link', 'title', 'body', 'header', 'main', 'div', 'section', 'h1', 'h2', 'p', 'span',
  'button', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary', 'pre', 'ul', 'li', 'meter', 'script',
  // The timeline picture.
  'figure', 'figcaption', 'svg', 'g', 'rect', 'line', 'text',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'lang', 'charset', 'http-equiv', 'content', 'name', 'rel', 'href', 'src', 'nonce', 'class', 'id', 'title', 'role',
  'aria-live', 'aria-label', 'aria-labelledby', 'hidden', 'type', 'scope', 'colspan', 'min', 'max', 'value',
  'data-config', 'data-command', 'data-action', 'data-key', 'data-deferred', 'data-live-ms',
  // The timeline picture.
  'data-start', 'data-end', 'data-live', 'data-width', 'data-label-width', 'data-span-ms', 'data-growing', 'data-lane', 'data-id', 'viewbox',
  'preserveaspectratio', 'height', 'width', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'text-anchor',
]);

function hostileWorkitem(): Workitem {
  const values = Object.values(HOSTILE);
  const call = heldAndRetrievedCall();
  return {
    ...call,
    workitemId: `wi_${HOSTILE.doubleQuote}${HOSTILE.script}`,
    state: HOSTILE.img,
    channelType: HOSTILE.rtl,
    type: HOSTILE.template,
    agentUsername: HOSTILE.singleQuote,
    summary: values.join(' | '),
    from: HOSTILE.link,
    to: HOSTILE.emoji,
    selectedQueue: HOSTILE.style,
    actions: ['hold', HOSTILE.img],
    contact: { _id: HOSTILE.comment, firstName: HOSTILE.script, lastName: HOSTILE.rtl, email: HOSTILE.link, [HOSTILE.img]: HOSTILE.entity },
    data: { [HOSTILE.doubleQuote]: HOSTILE.style, note: LONG },
    [HOSTILE.script]: HOSTILE.singleQuote,
    [`${HOSTILE.singleQuote}key`]: { nested: HOSTILE.img, list: [HOSTILE.script, HOSTILE.rtl] },
    timeEvents: [
      ...(call.timeEvents ?? []),
      ...values.map((value, i) => ({
        type: value,
        timestamp: T0 + (300 + i) * SECOND,
        userId: value,
        state: value,
        queueId: value,
        note: value,
      })),
    ],
  };
}

const hostileIssues: ValidationIssue[] = Object.values(HOSTILE).map((value) => ({
  workitemId: value,
  path: value,
  expected: value,
  received: value,
}));

function assertNoInjection(html: string, nonce: string): void {
  const { tags } = tokenize(html);
  for (const tag of tags) {
    assert.ok(ALLOWED_TAGS.has(tag.name), `injected element <${tag.name}>`);
    for (const { name, value } of tag.attributes) {
      assert.ok(ALLOWED_ATTRIBUTES.has(name), `injected attribute ${name} on <${tag.name}>`);
      assert.ok(!/^\s*javascript:/i.test(value), `javascript: URL in ${name}`);
    }
  }
  const scripts = tags.filter((tag) => tag.name === 'script');
  assert.strictEqual(scripts.length, 1, 'exactly one script element');
  assert.strictEqual(attribute(scripts[0], 'nonce'), nonce);
  assert.strictEqual(attribute(scripts[0], 'src'), SCRIPT_URI);
  const urls = tags.flatMap((tag) => tag.attributes.filter((attr) => attr.name === 'href' || attr.name === 'src').map((attr) => attr.value));
  assert.deepStrictEqual(urls.sort(), [SCRIPT_URI, STYLE_URI].sort(), 'no URL from data');
  assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(html), 'a raw bidi control character reached the page');
  assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(html), 'a lone surrogate reached the page');
}

describe('renderDetailHtml with hostile values', () => {
  const nonce = 'aG9zdGlsZS10ZXN0LW5vbmNl';

  it('escapes every value: no element, attribute or URL comes from the data', () => {
    const html = renderDetailHtml(renderInput(hostileWorkitem(), { nonce, issues: hostileIssues }));
    assertNoInjection(html, nonce);
  });

  it('shows the hostile values as literal text', () => {
    const { text } = tokenize(renderDetailHtml(renderInput(hostileWorkitem(), { nonce, issues: hostileIssues })));
    for (const [name, value] of Object.entries(HOSTILE)) {
      if (name === 'rtl') continue;
      assert.ok(text.includes(value), `${name} is not shown as text`);
    }
    // Control characters are spelled out instead of reordering the text around them.
    assert.ok(text.includes('invoice\nU+202E\ngpj.exe\nU+202C'));
  });

  it('keeps hostile values in attributes inside their quotes', () => {
    const { tags } = tokenize(renderDetailHtml(renderInput(hostileWorkitem(), { nonce })));
    const heading = tags.find((tag) => tag.name === 'h1');
    assert.ok(heading);
    assert.strictEqual(attribute(heading, 'title'), `wi_${HOSTILE.doubleQuote}${HOSTILE.script}`);
    const body = tags.find((tag) => tag.name === 'body');
    assert.ok(body);
    assert.strictEqual(JSON.parse(attribute(body, 'data-config') ?? '').workitemId, `wi_${HOSTILE.doubleQuote}${HOSTILE.script}`);
  });

  it('does not turn a hostile action into a button', () => {
    const { tags } = tokenize(renderDetailHtml(renderInput(hostileWorkitem(), { nonce })));
    const actions = tags.filter((tag) => attribute(tag, 'data-command') === 'runAction').map((tag) => attribute(tag, 'data-action'));
    assert.deepStrictEqual(actions, ['hold']);
  });

  it('shortens a very long value without breaking the emoji at the cut', () => {
    const html = renderDetailHtml(renderInput(hostileWorkitem(), { nonce }));
    const row = /<tr[^>]*><th scope="row" title="data.note">[\s\S]*?<\/tr>/.exec(html);
    assert.ok(row, 'no data.note row');
    const { text } = tokenize(row[0]);
    assert.ok(text.includes('A'.repeat(1999)) && !text.includes('A'.repeat(2000)), 'cut before the emoji, not through it');
    assert.ok(!text.includes('B'), 'the rest is left out');
    assert.ok(text.includes('(40002 more characters)'), 'and the row says how much');
    assert.ok(!/[\uD800-\uDFFF]/.test(row[0]));
  });

  it('escapes hostile values on the error page too', () => {
    const html = renderDetailErrorHtml({
      workitemId: HOSTILE.img,
      message: `${HOSTILE.script} ${HOSTILE.rtl}`,
      retryable: true,
      issues: hostileIssues,
      nonce,
      cspSource: CSP_SOURCE,
      scriptUri: SCRIPT_URI,
      styleUri: STYLE_URI,
    });
    assertNoInjection(html, nonce);
    assert.ok(tokenize(html).text.includes(HOSTILE.script));
  });
});
