import * as assert from 'node:assert/strict';
import type { Workitem } from '../../../../src/api/schemas';
import { BadRequestError, QuerySyntaxError, type WorkitemStore } from '../../../../src/sandbox/contracts';
import { createStore } from '../../../../src/sandbox/store';
import { NEWEST_FIRST, ids, referenceSearch, type ReferenceKey } from './bruteForce';
import { NOW, sharedDataset } from './fixtures';

const lower = (value: unknown): string => String(value ?? '').toLowerCase();

describe('sandbox search', () => {
  const dataset = sharedDataset();
  // Workitems whose fields need quoting: an apostrophe, spaces, colons and quotes.
  const template = dataset.workitems.find((w) => w.state === 'active' && w.channelType === 'voice') as Workitem;
  const unusual: Workitem[] = [
    {
      ...template,
      _id: '683dc0a8f1e2d3c4b5a60001',
      workitemId: 'wi_9001',
      createdAt: NOW - 1000,
      contact: { _id: 'ct_90001', firstName: 'Siobhan', lastName: "O'Brien", phone: '+13125550147', email: 'siobhan.obrien@example.com' },
      contactId: 'ct_90001',
      from: '+13125550147',
      summary: 'Callback: 10:30 AM "urgent" billing dispute',
    },
    {
      ...template,
      _id: '683dc0a8f1e2d3c4b5a60002',
      workitemId: 'wi_9002',
      createdAt: NOW - 500,
      summary: 'Asked about the "family plan"',
    },
  ];
  const items = [...dataset.workitems, ...unusual];
  let store: WorkitemStore;

  before(() => {
    store = createStore(dataset);
    for (const workitem of unusual) {
      store.insert(workitem);
    }
  });

  function check(q: string, predicate: (w: Workitem) => boolean, sort?: string, keys: ReferenceKey[] = NEWEST_FIRST): void {
    const expected = referenceSearch(items, predicate, keys);
    const result = store.search({ q, rows: 100, start: 0, sort });
    assert.equal(result.total, expected.length, `total of ${q}`);
    assert.deepEqual(ids(result.objects), ids(expected.slice(0, 100)), `page of ${q}`);
    assert.ok(expected.length > 0 || q.includes('NOT'), `the fixture has no match for ${q}; the test would prove little`);
  }

  describe('boolean logic', () => {
    it('matches one state', () => check('state:active', (w) => w.state === 'active'));
    it('ANDs two fields', () =>
      check('state:active AND channelType:voice', (w) => w.state === 'active' && w.channelType === 'voice'));
    it('ANDs terms written side by side', () =>
      check('state:terminated channelType:chat', (w) => w.state === 'terminated' && w.channelType === 'chat'));
    it('ORs', () => check('state:hold OR state:conference', (w) => w.state === 'hold' || w.state === 'conference'));
    it('negates with NOT and with -', () => {
      check('NOT state:dispositioned', (w) => w.state !== 'dispositioned');
      check('-state:dispositioned', (w) => w.state !== 'dispositioned');
    });
    it('groups with parentheses', () =>
      check(
        '(state:active OR state:hold) AND NOT channelType:voice OR state:offered',
        (w) => ((w.state === 'active' || w.state === 'hold') && w.channelType !== 'voice') || w.state === 'offered',
      ));
    it('nests parentheses', () =>
      check(
        'channelType:voice AND (priority:5 OR (state:inqueue AND NOT selectedQueue:q_support))',
        (w) => w.channelType === 'voice' && (w.priority === 5 || (w.state === 'inqueue' && w.selectedQueue !== 'q_support')),
      ));
    it('matches everything for an empty or blank query', () => {
      assert.equal(store.search({ rows: 0, start: 0 }).total, items.length);
      assert.equal(store.search({ q: '   ', rows: 0, start: 0 }).total, items.length);
    });
  });

  describe('values', () => {
    it('ignores case for unquoted keywords and respects it for quoted ones', () => {
      check('state:ACTIVE', (w) => w.state === 'active');
      assert.equal(store.search({ q: 'state:"ACTIVE"', rows: 0, start: 0 }).total, 0);
      check('type:"InboundCall"', (w) => w.type === 'InboundCall');
    });
    it('matches a whole keyword, not a part of it', () => {
      assert.equal(store.search({ q: 'state:activ', rows: 0, start: 0 }).total, 0);
    });
    it('matches a quoted value with an apostrophe', () => check(`contact.lastName:"O'Brien"`, (w) => w.contact?.lastName === "O'Brien"));
    it('matches a quoted value with spaces and colons', () =>
      check('summary:"Callback: 10:30 AM"', (w) => (w.summary ?? '').includes('Callback: 10:30 AM')));
    it('matches a quoted value with escaped quotes', () =>
      check('summary:"\\"family plan\\""', (w) => (w.summary ?? '').includes('"family plan"')));
    it('matches a phone number once quoted', () => check('from:"+13125550147"', (w) => (w.from ?? '').includes('+13125550147')));
    it('matches a part of a text field, ignoring case', () =>
      check('contact.lastName:bri', (w) => lower(w.contact?.lastName).includes('bri')));
    it('expands wildcards over the whole value', () => {
      check('agentUsername:jason*', (w) => lower(w.agentUsername).startsWith('jason'));
      check('workitemId:wi_1?', (w) => /^wi_1\d$/.test(w.workitemId));
      check('contact.email:*@example.org', (w) => lower(w.contact?.email).endsWith('@example.org'));
      check('NOT agentUsername:*', (w) => w.agentUsername === undefined);
    });
    it('keeps ids exact and case-sensitive', () => {
      check('workitemId:wi_42', (w) => w.workitemId === 'wi_42');
      assert.equal(store.search({ q: 'workitemId:WI_42', rows: 0, start: 0 }).total, 0);
    });
    it('matches inclusive and exclusive ranges', () => {
      const from = items[300].createdAt;
      const to = items[900].createdAt;
      check(`createdAt:[${from} TO ${to}]`, (w) => w.createdAt >= from && w.createdAt <= to);
      check(`createdAt:{${from} TO ${to}}`, (w) => w.createdAt > from && w.createdAt < to);
      check('priority:[2 TO 3]', (w) => (w.priority ?? 0) >= 2 && (w.priority ?? 0) <= 3);
    });
    it('compares numbers and times', () => {
      check('priority:>=4', (w) => (w.priority ?? 0) >= 4);
      check('priority:<2', (w) => (w.priority ?? 0) < 2);
      check('priority:=3', (w) => w.priority === 3);
      const cut = items[1500].createdAt;
      check(`createdAt:>${cut}`, (w) => w.createdAt > cut);
      check(`modifiedAt:<=${cut}`, (w) => (w.modifiedAt ?? Infinity) <= cut);
    });
    it('takes quoted dates for time fields, a date alone meaning that whole UTC day', () => {
      const day = new Date(items[1000].createdAt).toISOString().slice(0, 10);
      const start = Date.parse(day);
      check(`createdAt:"${day}"`, (w) => w.createdAt >= start && w.createdAt < start + 86_400_000);
      check(`createdAt:>="${day}"`, (w) => w.createdAt >= start);
      check(`createdAt:<="${day}"`, (w) => w.createdAt < start + 86_400_000);
    });
    it('finds a value in a list field', () => check('actions:hold', (w) => (w.actions ?? []).includes('hold')));
    it('searches bare terms in ids, addresses, contact names and agents', () => {
      const free = (term: string) => (w: Workitem) =>
        [w.workitemId, w.from, w.to, w.agentUsername, w.contact?.firstName, w.contact?.lastName, `${w.contact?.firstName} ${w.contact?.lastName}`].some(
          (value) => lower(value).includes(term),
        );
      check('jason', free('jason'));
      check('"Siobhan O\'Brien"', (w) => `${w.contact?.firstName} ${w.contact?.lastName}`.includes("Siobhan O'Brien"));
      check('jason state:active', (w) => free('jason')(w) && w.state === 'active');
    });
  });

  describe('sort and paging', () => {
    const by = (read: (w: Workitem) => unknown, order: ReferenceKey['order'], direction: 1 | -1): ReferenceKey => ({ read, order, direction });

    it('sorts newest first by default', () => {
      const result = store.search({ q: 'channelType:email', rows: 50, start: 0 });
      assert.deepEqual(ids(result.objects), ids(referenceSearch(items, (w) => w.channelType === 'email', NEWEST_FIRST).slice(0, 50)));
    });
    it('sorts by other fields, then by insertion order in the first key\'s direction', () => {
      const all = (): boolean => true;
      check('state:dispositioned', (w) => w.state === 'dispositioned', 'priority desc', [by((w) => w.priority, 'number', -1)]);
      check('channelType:voice', (w) => w.channelType === 'voice', 'priority asc, createdAt desc', [
        by((w) => w.priority, 'number', 1),
        by((w) => w.createdAt, 'number', -1),
      ]);
      check('', all, 'state asc', [by((w) => w.state, 'lifecycle', 1)]);
      check('', all, 'state desc, agentUsername asc', [by((w) => w.state, 'lifecycle', -1), by((w) => w.agentUsername, 'string', 1)]);
      check('', all, 'workitemId desc', [by((w) => w.workitemId, 'natural', -1)]);
      check('state:active', (w) => w.state === 'active', 'modifiedAt desc', [by((w) => w.modifiedAt, 'number', -1)]);
      check('', all, 'terminatedAt asc', [by((w) => w.terminatedAt, 'number', 1)]);
      check('', all, 'createdAt asc', [by((w) => w.createdAt, 'number', 1)]);
      check('', all, 'selectedQueue DESC, type asc', [by((w) => w.selectedQueue, 'string', -1), by((w) => w.type, 'string', 1)]);
    });
    it('pages with start and rows, counting all matches in total', () => {
      const expected = referenceSearch(items, (w) => w.state === 'dispositioned', NEWEST_FIRST);
      for (const [start, rows] of [
        [0, 10],
        [10, 10],
        [900, 100],
        [expected.length - 5, 100],
      ]) {
        const result = store.search({ q: 'state:dispositioned', rows, start, sort: 'createdAt desc' });
        assert.equal(result.total, expected.length);
        assert.deepEqual(ids(result.objects), ids(expected.slice(start, start + rows)), `start ${start}`);
      }
    });
    it('answers counts only for rows=0 and an empty page past the end', () => {
      const count = store.search({ q: 'state:inqueue', rows: 0, start: 0 });
      assert.equal(count.total, items.filter((w) => w.state === 'inqueue').length);
      assert.deepEqual(count.objects, []);
      const past = store.search({ q: 'state:inqueue', rows: 10, start: count.total });
      assert.equal(past.total, count.total);
      assert.deepEqual(past.objects, []);
    });
    it('allows up to 1000 rows', () => {
      assert.equal(store.search({ rows: 1000, start: 0 }).objects.length, 1000);
    });
  });

  describe('bad requests', () => {
    function syntaxError(q: string, position: number | undefined, message: RegExp): void {
      assert.throws(
        () => store.search({ q, rows: 10, start: 0 }),
        (error: unknown) => {
          assert.ok(error instanceof QuerySyntaxError, `${q}: ${String(error)}`);
          assert.equal(error.position, position, `position for ${q}: ${error.message}`);
          assert.match(error.message, message);
          return true;
        },
      );
    }

    it('names the position of an unexpected character', () => {
      syntaxError('from:+18005551212', 5, /Unexpected "\+" at position 5.*double quotes/);
      syntaxError('state:active)', 12, /no "\(" for it to close/);
      syntaxError('state:active AND AND x', 20, /Unexpected space at position 20 after "AND"/);
    });
    it('says what is missing when the query stops early', () => {
      syntaxError('state:active AND', 16, /ends too early at position 16/);
      syntaxError('(state:active OR state:hold', 0, /Missing "\)": the "\(" at position 0/);
      syntaxError('contact.lastName:"O\'Brien', 17, /Unterminated quote: the " at position 17/);
      syntaxError('state:', 6, /state: needs a value/);
      syntaxError('()', 0, /Empty parentheses/);
    });
    it('refuses unknown fields, suggesting the right spelling', () => {
      syntaxError('channelType:voice AND stat:active', 22, /Unknown field "stat" at position 22; known fields: .*state/);
      syntaxError('State:active', 0, /did you mean state\?/);
      syntaxError('contact.nickname:bob', 0, /Unknown field "contact.nickname"/);
    });
    it('refuses values that do not fit the field', () => {
      syntaxError('priority:high', 9, /priority expects a number, got "high"/);
      syntaxError('createdAt:>"last week"', 11, /createdAt expects a Unix ms timestamp or a quoted date/);
      syntaxError('from:[1 TO 5]', 0, /not a number or time field/);
      syntaxError('state:>3', 0, /compares numbers and times only/);
      syntaxError('state:/act.*/', 6, /Regular expressions are not supported/);
    });
    it('refuses rows outside 0…1000 and a negative start', () => {
      for (const [rows, start] of [
        [1001, 0],
        [-1, 0],
        [2.5, 0],
        [10, -1],
        [10, Number.NaN],
      ]) {
        assert.throws(() => store.search({ rows, start }), BadRequestError, `rows ${rows} start ${start}`);
      }
    });
    it('refuses unknown sort fields and directions', () => {
      assert.throws(() => store.search({ rows: 1, start: 0, sort: 'colour desc' }), /Cannot sort by "colour"; sortable fields: createdAt/);
      assert.throws(() => store.search({ rows: 1, start: 0, sort: 'priority sideways' }), BadRequestError);
      assert.throws(() => store.search({ rows: 1, start: 0, sort: 'priority desc,' }), BadRequestError);
    });
  });
});
