import * as assert from 'assert';
import { NcxError, type NcxErrorKind } from '../../../src/api/errors';
import { untranslated } from '../../../src/model/format/l10n';
import { deriveTimeline } from '../../../src/webviews/viewModel/timeline';
import { describeFetchError } from '../../../src/webviews/fetchErrorText';
import { attributeText, displayText, escapeHtml, html } from '../../../src/webviews/html/escape';
import { createNonce } from '../../../src/webviews/nonce';
import { timelineRowViews } from '../../../src/webviews/timelineRows';
import { heldAndRetrievedCall, longCall, T0 } from './fixtures/workitems';

describe('createNonce', () => {
  it('gives a different base64url nonce of 144 random bits every time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => createNonce()));
    assert.strictEqual(nonces.size, 1000);
    for (const nonce of nonces) {
      assert.match(nonce, /^[A-Za-z0-9_-]{24}$/);
    }
  });
});

describe('html escaping', () => {
  it('escapes the five special characters', () => {
    assert.strictEqual(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('escapes interpolated strings and numbers but not nested html', () => {
    const inner = html`<b>${'<i>'}</b>`;
    assert.strictEqual(html`<p title="${'"'}">${inner}${7}${undefined}${false}${[inner, inner]}</p>`.value, '<p title="&quot;"><b>&lt;i&gt;</b>7<b>&lt;i&gt;</b><b>&lt;i&gt;</b></p>');
  });

  it('makes invisible and bidi control characters visible, but keeps emoji joiners', () => {
    const shown = displayText('a\u202Eb\u200Bc\u0000d 👩‍💻', untranslated).value;
    assert.strictEqual(
      shown,
      'a<span class="ctrl" title="Invisible character">U+202E</span>b<span class="ctrl" title="Invisible character">U+200B</span>c<span class="ctrl" title="Invisible character">U+0000</span>d 👩‍💻',
    );
    assert.strictEqual(attributeText('x\u202Ey'), 'x[U+202E]y');
  });

  it('keeps line breaks and tabs as they are', () => {
    assert.strictEqual(displayText('line 1\n\tline 2', untranslated).value, 'line 1\n\tline 2');
  });
});

describe('describeFetchError', () => {
  const retryable: Record<NcxErrorKind, boolean> = {
    badRequest: false,
    unauthorized: true,
    forbidden: false,
    notFound: false,
    conflict: true,
    rateLimited: true,
    server: true,
    timeout: true,
    network: true,
    malformed: true,
    cancelled: true,
  };
  for (const [kind, expected] of Object.entries(retryable) as Array<[NcxErrorKind, boolean]>) {
    it(`gives a sentence for ${kind} (retry: ${expected})`, () => {
      const text = describeFetchError(new NcxError(kind, 'raw text'), 'wi_12345', untranslated);
      assert.strictEqual(text.kind, kind);
      assert.strictEqual(text.retryable, expected);
      assert.ok(text.message.length > 10);
    });
  }

  it('names the missing permission and the wait the server asked for', () => {
    const forbidden = describeFetchError(new NcxError('forbidden', 'no', { missingPermission: 'workitems:read' }), 'wi_1', untranslated);
    assert.match(forbidden.message, /workitems:read/);
    const limited = describeFetchError(new NcxError('rateLimited', 'slow down', { retryAfterMs: 2500 }), 'wi_1', untranslated);
    assert.match(limited.message, /retry in 3 s/);
    assert.match(describeFetchError(new NcxError('notFound', 'gone'), 'wi_777', untranslated).message, /wi_777/);
  });

  it('describes an error that is not an NcxError', () => {
    const text = describeFetchError(new TypeError('boom'), 'wi_1', untranslated);
    assert.strictEqual(text.kind, undefined);
    assert.match(text.message, /boom/);
  });
});

describe('timelineRowViews', () => {
  const format = { now: T0 + 10 * 60_000, time: { locale: 'en-US', timeZone: 'UTC' } };

  it('pages from the newest entry backwards', () => {
    const timeline = deriveTimeline(longCall(450).timeEvents, { now: format.now });
    const first = timelineRowViews(timeline, 0, 200, format);
    const second = timelineRowViews(timeline, 200, 200, format);
    const last = timelineRowViews(timeline, 400, 200, format);
    assert.deepStrictEqual([first.length, second.length, last.length], [200, 200, 50]);
    assert.strictEqual(first[0].key, 449);
    assert.strictEqual(second[0].key, 249);
    assert.strictEqual(last[49].key, 0);
    assert.deepStrictEqual(timelineRowViews(timeline, 450, 200, format), []);
  });

  it('formats who, what, when, the state entered and the gap', () => {
    const timeline = deriveTimeline(heldAndRetrievedCall().timeEvents, { now: format.now });
    const [retrieved, held] = timelineRowViews(timeline, 0, 2, format);
    assert.deepStrictEqual(held, {
      key: 4,
      when: 'Mar 16, 2023, 4:03:00 PM',
      whenTitle: '2023-03-16T16:03:00.000Z (1678982580000)',
      relative: '7 min. ago',
      what: 'held',
      whatUnknown: false,
      state: 'hold',
      stateSource: 'event',
      stateUnknown: false,
      who: 'jason.fontenot',
      detail: '',
      gap: '+2m',
    });
    assert.strictEqual(retrieved.gap, '+1m 30s');
  });
});
