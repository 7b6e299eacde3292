// Fuzzing the two ends of `q`. The builder's own tests show any value survives escaping and liqe;
// here the written query goes on into the sandbox's engine: a value must find exactly the
// workitems holding it, and any text at all must either compile or be refused as a syntax error.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { and, not, or, term, type Query } from '../../../src/api/queryBuilder';
import type { Workitem } from '../../../src/api/schemas';
import { BadRequestError, QuerySyntaxError, type Dataset } from '../../../src/sandbox/contracts';
import { compileQuery, QUERY_FIELDS } from '../../../src/sandbox/query';
import { createStore } from '../../../src/sandbox/store';
import { realisticWorkitem } from '../api/fixtures/workitems';

/** Fields whose values match whole and case-sensitively (ids), or whole ignoring case only when unquoted. */
const EXACT_FIELDS = ['workitemId', 'contactId', '_id', 'contact._id'] as const;
const KEYWORD_FIELDS = ['state', 'agentUsername', 'selectedQueue', 'campaignId', 'tenantId'] as const;

function storeOf(workitems: Workitem[]) {
  const dataset: Dataset = { workitems, queues: [], agents: [], contacts: [] };
  return createStore(dataset);
}

function withValue(index: number, field: string, value: string): Workitem {
  const base = realisticWorkitem(index);
  switch (field) {
    case 'workitemId':
      return { ...base, workitemId: value };
    case 'contactId':
      return { ...base, contactId: value };
    case '_id':
      return { ...base, _id: value };
    case 'contact._id':
      return { ...base, contact: { ...base.contact, _id: value } };
    default:
      return { ...base, [field]: value };
  }
}

const awkwardString = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }),
  fc.stringMatching(/^[\\"*?:()[\]{}<>=~!^ \-+&|/'a-zA-Z0-9]{1,20}$/),
  fc.constantFrom('AND', 'OR', 'NOT', 'TO', '*', '?', '\\', '"', '(', ')', ' ', 'true', 'null', '42', '-1.5e3'),
);

describe('hardening: query fuzzing, builder to sandbox engine', function () {
  this.timeout(60_000);

  it('finds exactly the workitem holding an id, whatever the id is (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXACT_FIELDS), awkwardString, (field, value) => {
        // Decoys that differ only in case or by one character must not match an id.
        const decoys = [value.toUpperCase(), value.toLowerCase(), `${value}x`, `x${value}`].filter((decoy) => decoy !== value);
        const workitems = [withValue(1, field, value), ...decoys.map((decoy, index) => withValue(2 + index, field, decoy))];
        const store = storeOf(workitems);
        const q = term(field, value).toString();
        const found = store.search({ q, rows: 100, start: 0 }).objects.map((workitem) => workitem.workitemId);
        assert.deepEqual(found, [workitems[0]?.workitemId], `${q} on ${field}`);
      }),
      { numRuns: 400 },
    );
  });

  it('finds a keyword value written by the builder, however awkward (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KEYWORD_FIELDS), awkwardString, (field, value) => {
        const workitems = [withValue(1, field, value), withValue(2, field, `${value}-other`)];
        const store = storeOf(workitems);
        const q = term(field, value).toString();
        const found = store.search({ q, rows: 100, start: 0 }).objects.map((workitem) => workitem.workitemId);
        assert.deepEqual(found, [workitems[0]?.workitemId], q);
      }),
      { numRuns: 400 },
    );
  });

  it('compiles every query the builder writes over the sandbox\'s fields (property)', () => {
    const fields = [...QUERY_FIELDS.keys()];
    const leaf = fc.tuple(fc.constantFrom(...fields), fc.oneof(awkwardString, fc.integer(), fc.boolean())).map(([field, value]) => term(field, value));
    const tree = fc.letrec<{ query: Query }>((tie) => ({
      query: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('query'), { minLength: 2, maxLength: 3 }).map((queries) => and(...queries)),
        fc.array(tie('query'), { minLength: 2, maxLength: 3 }).map(([first, ...rest]) => or(first as Query, ...rest)),
        tie('query').map((query) => not(query)),
      ),
    })).query;
    fc.assert(
      fc.property(tree, (query) => {
        const text = query.toString();
        try {
          compileQuery(text);
        } catch (error) {
          // A literal compared with a number field is the user's problem, said as a 400; nothing else is allowed.
          assert.ok(error instanceof BadRequestError || error instanceof QuerySyntaxError, `${text}: ${String(error)}`);
          assert.ok(error instanceof BadRequestError || /number|date|time/i.test(error.message), `${text}: ${error.message}`);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads any text as a query or refuses it as a syntax error with a position inside it (property)', () => {
    const words = fc.constantFrom('state:', 'active', 'AND', 'OR', 'NOT', '(', ')', '"', "'", '*', '?', '\\', 'priority:>', '>=', '[', ']', '{', '}', 'TO', ' ', ':', '-', 'createdAt:', '"2025-06-01"', 'contact.lastName:', '/', 'x'.repeat(50));
    const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.array(words, { maxLength: 16 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(text, (q) => {
        try {
          compileQuery(q);
        } catch (error) {
          assert.ok(error instanceof QuerySyntaxError || error instanceof BadRequestError, `${JSON.stringify(q)}: ${String(error)}`);
          if (error instanceof QuerySyntaxError && error.position !== undefined) {
            assert.ok(error.position >= 0 && error.position <= q.length, `${JSON.stringify(q)}: position ${error.position}`);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});
