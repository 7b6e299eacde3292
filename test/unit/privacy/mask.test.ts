import * as assert from 'assert';
import { WorkitemSchema, type Workitem } from '../../../src/api/schemas';
import { generateDataset } from '../../../src/sandbox/data';
import {
  MASK,
  maskAddress,
  maskEmail,
  maskName,
  maskPhone,
  maskText,
  maskWorkitem,
} from '../../../src/model/privacy/mask';
import { PRIVACY_STATE_KEY, PrivacyModeStore } from '../../../src/model/privacy/privacyMode';

const NOW = Date.UTC(2026, 11, 2, 15, 0, 0);

function call(overrides: Partial<Workitem> = {}): Workitem {
  return {
    workitemId: 'wi_1001',
    channelType: 'voice',
    type: 'InboundCall',
    state: 'active',
    createdAt: NOW - 60_000,
    agentUsername: 'amy.chen',
    selectedQueue: 'q_support',
    contactId: 'ct_10001',
    contact: { _id: 'ct_10001', firstName: 'Ada', lastName: 'Lovelace', phone: '+18005551000', email: 'ada.lovelace@example.com' },
    from: '+18005551000',
    to: '+18885550100',
    timeEvents: [
      { type: 'created', timestamp: NOW - 60_000, state: 'inqueue' },
      { type: 'answered', timestamp: NOW - 30_000, state: 'active', userId: 'amy.chen', note: 'Ada called about her invoice' },
    ],
    actions: ['hold', 'hangup'],
    ...overrides,
  };
}

describe('privacy: masking one value', () => {
  it('keeps the initials of a name', () => {
    assert.strictEqual(maskName('Ada Lovelace'), `A${MASK.repeat(2)} L${MASK.repeat(7)}`);
    assert.strictEqual(maskName('Zoë'), `Z${MASK.repeat(2)}`);
  });

  it('keeps the country code and the last three digits of a phone number', () => {
    assert.strictEqual(maskPhone('+18005551000'), `+1${MASK.repeat(7)}000`);
    assert.strictEqual(maskPhone('(800) 555-1000'), `(8${MASK.repeat(2)}) ${MASK.repeat(3)}-${MASK}000`);
  });

  it('keeps the first letter and the domain of an email, not the length of its local part', () => {
    assert.strictEqual(maskEmail('a@b.com'), `a${MASK.repeat(3)}@b.com`);
    assert.strictEqual(maskEmail('ada.lovelace@example.com'), `a${MASK.repeat(3)}@example.com`);
  });

  it('tells an address by its shape', () => {
    assert.strictEqual(maskAddress('ada@example.com'), `a${MASK.repeat(3)}@example.com`);
    assert.strictEqual(maskAddress('+18005551000'), `+1${MASK.repeat(7)}000`);
    assert.strictEqual(maskAddress('@ada_lovelace'), `@${MASK.repeat(12)}`);
  });

  it('masks emails and phone numbers inside free text and leaves ids and timestamps alone', () => {
    const line = 'hold wi_123 for ada@example.com (+1 800 555 1000) at 1764687600000, call 800-555-1000';
    const masked = maskText(line);
    assert.ok(!masked.includes('ada@'), masked);
    assert.ok(!masked.includes('555'), masked);
    assert.ok(masked.includes('wi_123') && masked.includes('1764687600000'), masked);
  });
});

describe('privacy: masking a workitem', () => {
  it('masks the contact, the addresses and the notes, and keeps what finds and acts on it', () => {
    const masked = maskWorkitem(call());
    assert.strictEqual(masked.contact?.firstName, `A${MASK.repeat(2)}`);
    assert.strictEqual(masked.contact?.lastName, `L${MASK.repeat(7)}`);
    assert.strictEqual(masked.contact?.phone, `+1${MASK.repeat(7)}000`);
    assert.strictEqual(masked.contact?.email, `a${MASK.repeat(3)}@example.com`);
    assert.strictEqual(masked.from, `+1${MASK.repeat(7)}000`);
    assert.strictEqual(masked.timeEvents?.[1]?.note, `A${MASK.repeat(2)} c${MASK.repeat(5)} a${MASK.repeat(4)} h${MASK.repeat(2)} i${MASK.repeat(6)}`);
    for (const field of ['workitemId', 'state', 'channelType', 'type', 'agentUsername', 'selectedQueue', 'contactId', 'createdAt', 'actions'] as const) {
      assert.deepStrictEqual(masked[field], call()[field], field);
    }
    assert.strictEqual(masked.timeEvents?.[1]?.timestamp, NOW - 30_000);
  });

  it('does not change its input and still passes the workitem schema', () => {
    const original = call();
    const copy = JSON.parse(JSON.stringify(original)) as Workitem;
    const masked = maskWorkitem(original);
    assert.deepStrictEqual(original, copy);
    assert.ok(WorkitemSchema.safeParse(masked).success);
  });

  it('masks unknown fields that look personal, by value or by key, at any depth', () => {
    const masked = maskWorkitem({
      ...call(),
      callerName: 'Grace Hopper',
      data: { crm: { customerEmail: 'grace@navy.example', ticket: 'T-42', alt: ['+447700900123'] }, count: 3 },
      contact: { _id: 'ct_1', firstName: 'Grace', mobile: '07700 900123' },
    } as Workitem);
    const json = JSON.stringify(masked);
    for (const secret of ['Grace', 'Hopper', 'grace@', '900123']) {
      assert.ok(!json.includes(secret), `${secret} in ${json}`);
    }
    assert.ok(json.includes('T-42') && json.includes('"count":3'), json);
  });

  it('leaves no contact name, phone or email of a sandbox data set in the masked JSON', () => {
    const { workitems } = generateDataset({ seed: 7, size: 400, now: NOW });
    for (const workitem of workitems) {
      const json = JSON.stringify(maskWorkitem(workitem));
      const contact = workitem.contact;
      const personal = [contact?.firstName, contact?.lastName, contact?.phone, contact?.email, workitem.from]
        .filter((value): value is string => value !== undefined && value.length > 2);
      for (const value of personal) {
        assert.ok(!json.includes(value), `${workitem.workitemId}: ${value} still shown`);
      }
    }
  });
});

describe('privacy: the mode', () => {
  function memory(initial?: unknown): { get(key: string): unknown; update(key: string, value: unknown): Promise<void>; values: Map<string, unknown> } {
    const values = new Map<string, unknown>(initial === undefined ? [] : [[PRIVACY_STATE_KEY, initial]]);
    return { values, get: (key) => values.get(key), update: async (key, value) => void values.set(key, value) };
  }

  it('is off by default, persists a toggle and reads it back after a reload', async () => {
    const state = memory();
    const store = new PrivacyModeStore();
    store.attach(state);
    assert.strictEqual(store.enabled, false);
    const heard: boolean[] = [];
    store.onDidChange((value) => heard.push(value));
    await store.toggle();
    assert.deepStrictEqual(heard, [true]);
    assert.strictEqual(state.values.get(PRIVACY_STATE_KEY), true);
    const reloaded = new PrivacyModeStore();
    reloaded.attach(state);
    assert.strictEqual(reloaded.enabled, true);
    assert.strictEqual(reloaded.view(call()).contact?.lastName, `L${MASK.repeat(7)}`);
  });

  it('shows the workitem and the text unchanged while off, and treats a stored non-boolean as off', () => {
    const store = new PrivacyModeStore();
    store.attach(memory('yes'));
    assert.strictEqual(store.enabled, false);
    const workitem = call();
    assert.strictEqual(store.view(workitem), workitem);
    assert.strictEqual(store.text('ada@example.com'), 'ada@example.com');
  });
});
