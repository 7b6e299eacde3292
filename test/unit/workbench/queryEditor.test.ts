import { strict as assert } from 'node:assert';
import { completeAt, ASSUMED_DETAIL, DOCUMENTED_DETAIL } from '../../../src/queryEditor/completion';
import { analyzeQueryText } from '../../../src/queryEditor/diagnostics';
import { hoverAt } from '../../../src/queryEditor/hover';
import { readQueryDocument } from '../../../src/queryEditor/queryDocument';
import type { TenantValues } from '../../../src/queryEditor/tenantValues';

const TENANT: TenantValues = {
  queues: [{ value: 'q_billing', name: 'Billing' }],
  agents: [{ value: 'jason.fontenot' }],
  campaigns: [{ value: 'cmp_renewals' }],
};

/** The text with `|` removed and the cursor's offset there. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

describe('queryEditor/completion', () => {
  it('offers every field at the start, documented ones marked apart from assumed ones', () => {
    const { text, offset } = at('|');
    const entries = completeAt(text, offset, TENANT);
    const state = entries.find((entry) => entry.label === 'state');
    const queue = entries.find((entry) => entry.label === 'selectedQueue');
    assert.equal(state?.detail, DOCUMENTED_DETAIL);
    assert.equal(state?.insertText, 'state:');
    assert.equal(queue?.detail, ASSUMED_DETAIL);
    assert.ok((state?.sortText ?? '') < (queue?.sortText ?? ''));
    assert.ok(entries.some((entry) => entry.label === 'AND'));
  });

  it('offers the enum values of a field after its colon, replacing the typed part', () => {
    const { text, offset } = at('channelType:voice AND state:ac|');
    const entries = completeAt(text, offset, TENANT);
    assert.deepEqual(
      entries.map((entry) => entry.label),
      ['inqueue', 'offered', 'accepted', 'active', 'hold', 'conference', 'terminated', 'dispositioned'],
    );
    assert.equal(entries[0]?.replaceStart, offset - 2);
  });

  it('offers the queues seen in the tenant, with their names', () => {
    const { text, offset } = at('selectedQueue:|');
    const [entry] = completeAt(text, offset, TENANT);
    assert.equal(entry?.label, 'q_billing');
    assert.equal(entry?.detail, 'Billing');
  });

  it('completes header names and sort fields and directions', () => {
    assert.deepEqual(
      completeAt('@', 1, TENANT).map((entry) => entry.label),
      ['@sort', '@rows', '@columns', '@tenant'],
    );
    const fields = completeAt('@sort crea', 10, TENANT);
    assert.ok(fields.some((entry) => entry.label === 'createdAt' && entry.replaceStart === 6));
    assert.ok(!fields.some((entry) => entry.label === 'actions'));
    assert.deepEqual(
      completeAt('@sort createdAt d', 17, TENANT).map((entry) => entry.label),
      ['asc', 'desc'],
    );
  });
});

describe('queryEditor/diagnostics', () => {
  it('reports a syntax error at the parser offset, in file coordinates', () => {
    const text = '@rows 50\nstate:active AND (channelType:voice';
    const [problem] = analyzeQueryText(text).problems;
    assert.equal(problem?.start, text.length);
    assert.match(problem?.message ?? '', /ends too early/);
  });

  it('names an unknown field where it is, with the nearest known one', () => {
    const text = '// calls\nstate:active AND chanelType:voice';
    const [problem] = analyzeQueryText(text).problems;
    assert.equal(text.slice(problem?.start, problem?.end), 'chanelType');
    assert.match(problem?.message ?? '', /Did you mean 'channelType'/);
    assert.equal(problem?.severity, 'error');
  });

  it('warns about a value outside a closed set', () => {
    const [problem] = analyzeQueryText('state:activ').problems;
    assert.equal(problem?.severity, 'warning');
    assert.match(problem?.message ?? '', /Did you mean 'active'/);
  });

  it('checks headers: rows range, sort fields, unknown headers', () => {
    const text = '@rows 5000\n@sort createdAt sideways\n@limit 3\nstate:active';
    const messages = analyzeQueryText(text).problems.map((problem) => text.slice(problem.start, problem.end));
    assert.deepEqual(messages, ['5000', 'sideways', '@limit ']);
  });

  it('reads q, sort, rows and columns from a clean file', () => {
    const doc = readQueryDocument('@sort priority desc, createdAt\n@rows 20\n@columns workitemId, state\nstate:inqueue\n');
    assert.equal(doc.q, 'state:inqueue');
    assert.equal(doc.sort, 'priority desc,createdAt asc');
    assert.equal(doc.rows, 20);
    assert.deepEqual(doc.columns, ['workitemId', 'state']);
    assert.deepEqual(analyzeQueryText('state:active AND priority:>=3').problems, []);
  });
});

describe('queryEditor/hover', () => {
  it('says what a field is and whether NCX documents it', () => {
    const documented = hoverAt('state:active', 2);
    assert.match(documented?.markdown ?? '', /Documented by NCX/);
    assert.equal(documented?.end, 5);
    assert.match(hoverAt('selectedQueue:q1', 3)?.markdown ?? '', /Not in NCX documentation/);
    assert.equal(hoverAt('state:active', 8), undefined);
  });
});
