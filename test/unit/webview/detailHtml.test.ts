import * as assert from 'assert';
import type { Workitem } from '../../../src/api/schemas';
import { renderDetailErrorHtml, renderDetailHtml, type DetailPageConfig } from '../../../src/webviews/detailHtml';
import { labelWithName, type NameLookup } from '../../../src/model/names/nameDirectory';
import { createNonce } from '../../../src/webviews/nonce';
import { callOnHold, chatInWrapUp, heldAndRetrievedCall, longCall, seedExample } from './fixtures/workitems';
import { attribute, decodeEntities, tokenize, type StartTag } from './htmlTokens';
import { CSP_SOURCE, renderInput, SCRIPT_URI, STYLE_URI } from './renderInput';

function cspOf(html: string): string {
  const meta = tokenize(html).tags.find((tag) => tag.name === 'meta' && attribute(tag, 'http-equiv') === 'Content-Security-Policy');
  assert.ok(meta, 'no CSP meta tag');
  return attribute(meta, 'content') ?? '';
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0] !== '')
      .map(([name, ...values]) => [name, values]),
  );
}

function buttons(html: string): StartTag[] {
  return tokenize(html).tags.filter((tag) => tag.name === 'button' && attribute(tag, 'data-command') === 'runAction');
}

function configOf(html: string): DetailPageConfig {
  const body = tokenize(html).tags.find((tag) => tag.name === 'body');
  return JSON.parse(attribute(body ?? { name: 'body', attributes: [] }, 'data-config') ?? '{}') as DetailPageConfig;
}

describe('renderDetailHtml', () => {
  it('has a strict CSP: nothing by default, the script only by nonce, styles and images from the webview source', () => {
    const html = renderDetailHtml(renderInput(heldAndRetrievedCall(), { nonce: 'abcDEF123_-' }));
    const policy = directives(cspOf(html));
    assert.deepStrictEqual(policy.get('default-src'), ["'none'"]);
    assert.deepStrictEqual(policy.get('script-src'), ["'nonce-abcDEF123_-'"]);
    assert.deepStrictEqual(policy.get('style-src'), [CSP_SOURCE]);
    assert.deepStrictEqual(policy.get('img-src'), [CSP_SOURCE]);
    assert.ok(!cspOf(html).includes('unsafe-inline'));
    assert.ok(!cspOf(html).includes('unsafe-eval'));
  });

  it('loads exactly one script, by nonce and from the media URI, and the stylesheet by link', () => {
    const nonce = createNonce();
    const { tags } = tokenize(renderDetailHtml(renderInput(heldAndRetrievedCall(), { nonce })));
    const scripts = tags.filter((tag) => tag.name === 'script');
    assert.strictEqual(scripts.length, 1);
    assert.strictEqual(attribute(scripts[0], 'nonce'), nonce);
    assert.strictEqual(attribute(scripts[0], 'src'), SCRIPT_URI);
    assert.strictEqual(scripts[0].rawText, '');
    const styles = tags.filter((tag) => tag.name === 'link' && attribute(tag, 'rel') === 'stylesheet');
    assert.deepStrictEqual(styles.map((tag) => attribute(tag, 'href')), [STYLE_URI]);
    assert.ok(!tags.some((tag) => tag.name === 'style' || tag.attributes.some((attr) => attr.name === 'style')));
  });

  it('refuses a nonce that could break out of the policy', () => {
    assert.throws(() => renderDetailHtml(renderInput(seedExample(), { nonce: "x' 'unsafe-inline" })));
  });

  it('links the codicons stylesheet only when one is given', () => {
    const withIcons = renderDetailHtml(renderInput(seedExample(), { codiconsUri: `${CSP_SOURCE}/codicon.css` }));
    const hrefs = tokenize(withIcons).tags.filter((tag) => tag.name === 'link').map((tag) => attribute(tag, 'href'));
    assert.deepStrictEqual(hrefs, [STYLE_URI, `${CSP_SOURCE}/codicon.css`]);
  });

  it('renders the header, fields, contact, timeline and raw JSON of a workitem', () => {
    const call = heldAndRetrievedCall();
    const html = renderDetailHtml(renderInput(call));
    const { tags, text } = tokenize(html);
    const ids = tags.map((tag) => attribute(tag, 'id')).filter((id) => id !== undefined);
    for (const id of ['fields', 'contact', 'timeline', 'raw', 'timeline-rows', 'banner', 'status']) {
      assert.ok(ids.includes(id), `missing #${id}`);
    }
    assert.ok(!ids.includes('issues'), 'no issues section without issues');
    const title = tags.find((tag) => tag.name === 'h1');
    assert.strictEqual(attribute(title ?? { name: '', attributes: [] }, 'title'), 'wi_20001');
    for (const expected of ['InboundCall', 'voice', 'Dana', 'Whitfield', 'Acme Logistics', 'Waiting', 'Talking', 'On hold', 'P3']) {
      assert.ok(text.includes(expected), `missing text ${expected}`);
    }
    // 60 s waiting, 2 min + 5 min 30 s talking up to now (T0 + 10 min), 90 s on hold.
    const phaseTotals = [...html.matchAll(/class="phase-total"[^>]*>(?:<span class="live-duration"[^>]*>)?([^<]*)</g)].map((match) => match[1]);
    assert.deepStrictEqual(phaseTotals, ['1m', '7m 30s', '1m 30s', '0s']);
    const rows = tags.filter((tag) => tag.name === 'tr' && attribute(tag, 'data-key') !== undefined);
    assert.deepStrictEqual(rows.map((tag) => attribute(tag, 'data-key')), ['5', '4', '3', '2', '1', '0'], 'newest first');
  });

  it('says where the workitem is and who has it by name, keeping the raw ids in the field table', () => {
    const call = { ...heldAndRetrievedCall(), selectedQueue: 'q_support', agentUsername: 'jason.fontenot', campaignId: 'cmp_unknown' };
    const table = new Map([
      ['queue:q_support', 'Customer Support'],
      ['agent:jason.fontenot', 'Jason Fontenot'],
    ]);
    const names: NameLookup = {
      nameOf: (kind, id) => table.get(`${kind}:${id}`),
      labelOf: (kind, id) => labelWithName(table.get(`${kind}:${id}`), id),
    };
    const html = renderDetailHtml(renderInput(call, { names }));
    const where = /<p class="where" id="where">([^<]*)<\/p>/.exec(html)?.[1] ?? '';
    assert.strictEqual(decodeEntities(where), 'Queue: Customer Support (q_support) · Agent: Jason Fontenot (jason.fontenot) · Campaign: cmp_unknown');
    const rows = /<tbody id="timeline-rows"[\s\S]*?<\/tbody>/.exec(html)?.[0] ?? '';
    assert.ok(rows.includes('<td>Jason Fontenot (jason.fontenot)</td>'), 'timeline rows name the agent');
    assert.ok(html.includes('Customer Support (q_support)'), 'the queued row names its queue');
    assert.match(html, /Queue Customer Support/, 'the picture’s queue lane is labelled by name');
    const fields = /<section[^>]*id="fields"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    assert.ok(fields.includes('>q_support<') && !fields.includes('Customer Support'), 'the field table keeps the raw value');
    const without = renderDetailHtml(renderInput(call));
    assert.ok(decodeEntities(/<p class="where" id="where">([^<]*)<\/p>/.exec(without)?.[1] ?? '').startsWith('Queue: q_support · Agent: jason.fontenot'));
  });

  it('shows a hostile name as text, never markup', () => {
    const call = { ...heldAndRetrievedCall(), selectedQueue: 'q_support' };
    const hostile = '<img src=x onerror=alert(1)>';
    const names: NameLookup = { nameOf: () => hostile, labelOf: (_kind, id) => labelWithName(hostile, id) };
    const html = renderDetailHtml(renderInput(call, { names }));
    assert.ok(!tokenize(html).tags.some((tag) => tag.name === 'img'), 'no img tag from a name');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt; (q_support)'));
  });

  it('embeds a small workitem’s JSON, which reads back as the same workitem', () => {
    const call = heldAndRetrievedCall();
    const html = renderDetailHtml(renderInput(call));
    const { tags } = tokenize(html);
    const pre = /<pre class="json" id="raw-json">([\s\S]*?)<\/pre>/.exec(html);
    assert.ok(pre);
    assert.deepStrictEqual(JSON.parse(decodeEntities(pre[1])), call);
    assert.ok(tags.some((tag) => tag.name === 'button' && attribute(tag, 'data-command') === 'copyJson'));
  });

  it('offers buttons only for actions the workitem offers, this version knows and the token permits', () => {
    const call = { ...heldAndRetrievedCall(), actions: ['hangup', 'hold', 'conference', 'transfer', 'hold'] };
    const actionsOf = (html: string) => buttons(html).map((tag) => attribute(tag, 'data-action'));
    assert.deepStrictEqual(actionsOf(renderDetailHtml(renderInput(call))), ['hold', 'hangup', 'transfer']);
    assert.deepStrictEqual(actionsOf(renderDetailHtml(renderInput(call, { permissions: ['workitems:admin'] }))), ['hold', 'hangup', 'transfer']);
    const readOnly = renderDetailHtml(renderInput(call, { permissions: ['workitems:read'] }));
    assert.deepStrictEqual(actionsOf(readOnly), []);
    assert.ok(tokenize(readOnly).text.includes('Hold (needs workitems:write)'));
    assert.deepStrictEqual(actionsOf(renderDetailHtml(renderInput(callOnHold()))), ['unhold', 'hangup', 'transfer']);
    assert.deepStrictEqual(actionsOf(renderDetailHtml(renderInput(chatInWrapUp()))), []);
  });

  it('lists validation issues when there are some', () => {
    const html = renderDetailHtml(
      renderInput(seedExample(), {
        issues: [{ workitemId: 'wi_12345', path: 'timeEvents.3.timestamp', expected: 'number', received: '"yesterday"' }],
      }),
    );
    const { tags, text } = tokenize(html);
    assert.ok(tags.some((tag) => attribute(tag, 'id') === 'issues'));
    assert.ok(text.includes('timeEvents.3.timestamp'));
    assert.ok(text.includes('"yesterday"'));
  });

  it('marks the fields that changed and says when', () => {
    const html = renderDetailHtml(
      renderInput(heldAndRetrievedCall(), { status: { checkedAt: 1678983000000, changedAt: 1678983000000, changedFields: ['state', 'data'] } }),
    );
    const changedRows = tokenize(html).tags.filter((tag) => tag.name === 'tr' && (attribute(tag, 'class') ?? '').split(' ').includes('changed'));
    assert.strictEqual(changedRows.length, 1 + 3, 'the state row and the three data.* rows');
    assert.ok(tokenize(html).text.includes('Changed at 4:10:00 PM: state, data'));
  });

  it('renders a bounded window of a 10,000-event timeline and leaves the rest to paging', () => {
    const html = renderDetailHtml(renderInput(longCall(10_000)));
    const { tags, text } = tokenize(html);
    const rows = tags.filter((tag) => tag.name === 'tr' && attribute(tag, 'data-key') !== undefined);
    assert.strictEqual(rows.length, 200);
    assert.strictEqual(attribute(rows[0], 'data-key'), '9999', 'the newest event comes first');
    assert.ok(tags.some((tag) => attribute(tag, 'id') === 'timeline-older'));
    assert.ok(text.includes('Showing 200 of 10000 events'));
    const config = configOf(html);
    assert.strictEqual(config.timelineTotal, 10_000);
    assert.strictEqual(config.timelineShown, 200);
    // Over a megabyte of JSON is fetched when opened, not embedded.
    const pre = tags.find((tag) => attribute(tag, 'id') === 'raw-json');
    assert.strictEqual(attribute(pre ?? { name: '', attributes: [] }, 'data-deferred'), 'true');
    assert.ok(html.length < 300_000, `page is ${html.length} characters`);
  });

  it('gives the page script its configuration and sentences', () => {
    const config = configOf(renderDetailHtml(renderInput(seedExample(), { renderId: 7 })));
    assert.strictEqual(config.workitemId, 'wi_12345');
    assert.strictEqual(config.renderId, 7);
    assert.strictEqual(config.kind, 'workitem');
    assert.strictEqual(config.labels.showing, 'Showing {0} of {1} events');
  });

  it('says so when the server sent no time events', () => {
    const bare: Workitem = { ...seedExample(), timeEvents: [] };
    assert.ok(tokenize(renderDetailHtml(renderInput(bare))).text.includes('The server sent no time events'));
  });
});

describe('renderDetailErrorHtml', () => {
  it('shows the sentence and offers Retry only when retrying can help', () => {
    const base = { workitemId: 'wi_404', nonce: 'bm9uY2U', cspSource: CSP_SOURCE, scriptUri: SCRIPT_URI, styleUri: STYLE_URI };
    const retryable = renderDetailErrorHtml({ ...base, message: 'Could not reach the server.', retryable: true });
    const final = renderDetailErrorHtml({ ...base, message: 'Workitem wi_404 does not exist (any more).', retryable: false });
    const retryButtons = (html: string) => tokenize(html).tags.filter((tag) => tag.name === 'button' && attribute(tag, 'data-command') === 'refresh');
    assert.strictEqual(retryButtons(retryable).length, 1);
    assert.strictEqual(retryButtons(final).length, 0);
    assert.ok(tokenize(final).text.includes('Workitem wi_404 does not exist (any more).'));
    assert.deepStrictEqual(directives(cspOf(final)).get('script-src'), ["'nonce-bm9uY2U'"]);
    assert.strictEqual(configOf(final).kind, 'error');
  });
});
