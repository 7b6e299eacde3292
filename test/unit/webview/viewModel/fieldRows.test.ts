import * as assert from 'assert';
import type { Workitem } from '../../../../src/api/schemas';
import { buildContactRows, buildFieldRows, type FieldRow } from '../../../../src/webviews/viewModel/fieldRows';
import type { L10n } from '../../../../src/model/format/l10n';
import { heldAndRetrievedCall, MINUTE, seedExample, T0 } from '../fixtures/workitems';

const UTC_US = { locale: 'en-US', timeZone: 'UTC' };

function rowsOf(workitem: Workitem, now = T0 + 3 * MINUTE): FieldRow[] {
  return buildFieldRows(workitem, { now, time: UTC_US });
}

function row(rows: FieldRow[], key: string): FieldRow {
  const found = rows.find((candidate) => candidate.key === key);
  assert.ok(found, `no row ${key} in ${rows.map((candidate) => candidate.key).join(', ')}`);
  return found;
}

describe('buildFieldRows', () => {
  it('lists the known fields of the documented example first, in reading order, with labels', () => {
    const rows = rowsOf(seedExample());
    assert.deepStrictEqual(
      rows.map((candidate) => candidate.key),
      [
        'workitemId', '_id', 'tenantId', 'state', 'currentStateName', 'channelType', 'type', 'priority',
        'agentUsername', 'selectedQueue', 'contactId', 'from', 'to', 'createdAt', 'assignedAt', 'terminatedAt',
        'actions', 'timeEvents',
      ],
    );
    assert.ok(rows.every((candidate) => candidate.known));
    assert.strictEqual(row(rows, 'workitemId').label, 'Workitem ID');
    assert.strictEqual(row(rows, 'agentUsername').label, 'Agent');
    assert.strictEqual(row(rows, 'agentUsername').text, 'jason.fontenot');
    assert.strictEqual(row(rows, 'actions').text, 'hold, hangup, transfer');
    assert.strictEqual(row(rows, 'timeEvents').text, '1 events (see Timeline)');
  });

  it('shows timestamps as local time in the given zone plus a relative time', () => {
    const created = row(rowsOf(seedExample(), T0 + 3 * MINUTE), 'createdAt');
    assert.strictEqual(created.kind, 'timestamp');
    assert.strictEqual(created.text, 'Mar 16, 2023, 4:00:00 PM');
    assert.strictEqual(created.detail, '3 min. ago');
    assert.strictEqual(created.title, '2023-03-16T16:00:00.000Z (1678982400000)');

    const tokyo = buildFieldRows(seedExample(), { now: T0 + 2 * 3_600_000, time: { locale: 'de-DE', timeZone: 'Asia/Tokyo' } });
    const inTokyo = row(tokyo, 'createdAt');
    assert.strictEqual(inTokyo.text, '17.03.2023, 01:00:00');
    assert.strictEqual(inTokyo.detail, 'vor 2 Std.');
  });

  it('shows a zero timestamp as "not set" (NCX writes 0 for "not yet")', () => {
    const terminated = row(rowsOf(seedExample()), 'terminatedAt');
    assert.strictEqual(terminated.text, 'not set');
    assert.strictEqual(terminated.detail, undefined);
  });

  it('flags enum values this version does not know, and keeps showing them', () => {
    const odd: Workitem = { ...seedExample(), state: 'parked', channelType: 'fax', type: 'InboundFax', actions: ['hold', 'conference'] };
    const rows = rowsOf(odd);
    for (const key of ['state', 'channelType', 'type']) {
      assert.match(row(rows, key).warning ?? '', /Unknown value/, key);
    }
    assert.strictEqual(row(rows, 'state').text, 'parked');
    assert.strictEqual(row(rows, 'actions').warning, 'Unknown actions: conference');
    assert.strictEqual(row(rowsOf(seedExample()), 'state').warning, undefined);
  });

  it('points out a type travelling on an unusual channel', () => {
    const rows = rowsOf({ ...seedExample(), channelType: 'email' });
    assert.strictEqual(row(rows, 'type').warning, 'InboundCall usually travels on the voice channel, not email');
  });

  it('adds every unknown field after the known ones: objects flattened, arrays as compact JSON', () => {
    const workitem: Workitem = {
      ...heldAndRetrievedCall(),
      digits: '42#',
      surveyResult: { score: 9, answeredAt: T0 + 2 * MINUTE, comments: null },
      transcriptionMessages: [{ speaker: 'agent', text: 'Hello' }],
      currentChatMessage: { type: 'USER', textMsg: 'hi' },
      recorded: false,
    };
    const rows = rowsOf(workitem);
    const firstExtra = rows.findIndex((candidate) => !candidate.known);
    assert.ok(firstExtra > 0);
    assert.ok(rows.slice(firstExtra).every((candidate) => !candidate.known), 'known and unknown fields are not mixed');
    assert.deepStrictEqual(
      rows.slice(firstExtra).map((candidate) => [candidate.key, candidate.kind, candidate.text]),
      [
        ['digits', 'text', '42#'],
        ['surveyResult.score', 'number', '9'],
        ['surveyResult.answeredAt', 'timestamp', 'Mar 16, 2023, 4:02:00 PM'],
        ['surveyResult.comments', 'null', 'null'],
        ['transcriptionMessages', 'json', '[{"speaker":"agent","text":"Hello"}]'],
        ['currentChatMessage.type', 'text', 'USER'],
        ['currentChatMessage.textMsg', 'text', 'hi'],
        ['recorded', 'boolean', 'false'],
      ],
    );
  });

  it('flattens the workflow data object into data.* rows', () => {
    const rows = rowsOf(heldAndRetrievedCall());
    assert.strictEqual(row(rows, 'data.queueId').text, 'q_support');
    assert.strictEqual(row(rows, 'data.relatedWorkitemId').text, 'wi_19990');
    assert.ok(!rows.some((candidate) => candidate.key === 'data'));
  });

  it('shows an object with very many keys, or nested too deep, as one JSON row', () => {
    const wide = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, i]));
    const deep = { a: { b: { c: { d: { e: 'bottom' } } } } };
    const rows = rowsOf({ ...seedExample(), wide, deep });
    assert.strictEqual(row(rows, 'wide').kind, 'json');
    // Three levels below the field are flattened; what lies deeper stays JSON.
    assert.strictEqual(row(rows, 'deep.a.b.c').kind, 'json');
    assert.strictEqual(row(rows, 'deep.a.b.c').text, '{"d":{"e":"bottom"}}');
  });

  it('summarises the expanded contact, whose fields get their own rows', () => {
    const rows = rowsOf(heldAndRetrievedCall());
    assert.strictEqual(row(rows, 'contact').text, 'Dana Whitfield (see Contact)');
    const contactRows = buildContactRows(
      { ...(heldAndRetrievedCall().contact ?? { _id: 'x' }), loyaltyTier: 'gold' },
      { now: T0, time: UTC_US },
    );
    assert.deepStrictEqual(
      contactRows.map((candidate) => [candidate.key, candidate.label, candidate.known]),
      [
        ['contact._id', 'Contact ID', true],
        ['contact.firstName', 'First name', true],
        ['contact.lastName', 'Last name', true],
        ['contact.company', 'Company', true],
        ['contact.phone', 'Phone', true],
        ['contact.email', 'Email', true],
        ['contact.loyaltyTier', 'loyaltyTier', false],
      ],
    );
  });

  it('passes every sentence through the translator it is given', () => {
    const shouting: L10n = { t: (message, ...args) => `«${message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]))}»` };
    const rows = buildFieldRows(seedExample(), { now: T0, time: UTC_US, l10n: shouting });
    assert.strictEqual(row(rows, 'agentUsername').label, '«Agent»');
    assert.strictEqual(row(rows, 'terminatedAt').text, '«not set»');
    assert.strictEqual(row(rows, 'timeEvents').text, '«1 events (see Timeline)»');
  });

  it('marks an empty string instead of showing nothing', () => {
    const empty = row(rowsOf({ ...seedExample(), summary: '' }), 'summary');
    assert.strictEqual(empty.text, '');
    assert.strictEqual(empty.detail, '(empty)');
  });
});
