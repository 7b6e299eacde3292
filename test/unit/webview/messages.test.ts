import * as assert from 'assert';
import { parseExtensionMessage, parseWebviewMessage } from '../../../src/webviews/messages';

describe('detail panel messages', () => {
  describe('webview → extension', () => {
    const valid: unknown[] = [
      { type: 'ready', renderId: 0 },
      { type: 'ready', renderId: 12 },
      { type: 'runAction', action: 'hold' },
      { type: 'runAction', action: 'unhold' },
      { type: 'runAction', action: 'hangup' },
      { type: 'runAction', action: 'transfer' },
      { type: 'copyJson' },
      { type: 'copyId' },
      { type: 'refresh' },
      { type: 'rawJson' },
      { type: 'timelinePage', offset: 200, limit: 200 },
      { type: 'scriptError', message: 'TypeError: x is undefined' },
    ];
    for (const message of valid) {
      it(`accepts ${JSON.stringify(message)}`, () => {
        const parsed = parseWebviewMessage(message);
        assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
        assert.deepStrictEqual(parsed.message, message);
      });
    }

    const invalid: Array<[string, unknown]> = [
      ['nothing', undefined],
      ['null', null],
      ['a string', 'ready'],
      ['an array', [{ type: 'ready', renderId: 1 }]],
      ['no type', { renderId: 1 }],
      ['an unknown type', { type: 'deleteWorkitem' }],
      ['ready without renderId', { type: 'ready' }],
      ['ready with a negative renderId', { type: 'ready', renderId: -1 }],
      ['an action this version does not run', { type: 'runAction', action: 'delete' }],
      ['an action that is not a string', { type: 'runAction', action: { toString: 'hold' } }],
      ['a fractional page offset', { type: 'timelinePage', offset: 1.5, limit: 10 }],
      ['a negative page offset', { type: 'timelinePage', offset: -200, limit: 10 }],
      ['a page too large', { type: 'timelinePage', offset: 0, limit: 100_000 }],
      ['an empty page', { type: 'timelinePage', offset: 0, limit: 0 }],
      ['a huge error text', { type: 'scriptError', message: 'x'.repeat(5000) }],
      ['a type of the other direction', { type: 'busy', action: null }],
    ];
    for (const [name, message] of invalid) {
      it(`rejects ${name} without throwing`, () => {
        const parsed = parseWebviewMessage(message);
        assert.strictEqual(parsed.ok, false);
        assert.ok(!parsed.ok && parsed.problem.length > 0);
      });
    }

    it('drops keys it does not know instead of passing them on', () => {
      const parsed = parseWebviewMessage({ type: 'runAction', action: 'hold', workitemId: 'wi_other', __proto__: { x: 1 } });
      assert.ok(parsed.ok);
      assert.deepStrictEqual(Object.keys(parsed.message), ['type', 'action']);
    });
  });

  describe('extension → webview', () => {
    const row = {
      key: 3,
      when: 'Mar 16, 2023, 4:01:00 PM',
      whenTitle: '2023-03-16T16:01:00.000Z (1678982460000)',
      relative: '9 min. ago',
      what: 'answered',
      whatUnknown: false,
      state: 'active',
      stateSource: 'event',
      stateUnknown: false,
      who: 'jason.fontenot',
      detail: '',
      gap: '+5s',
    };
    const valid: unknown[] = [
      { type: 'update', workitemId: 'wi_12345', checkedAt: 1678983000000, status: 'Checked at 4:10:00 PM', banner: null },
      { type: 'update', workitemId: 'wi_12345', checkedAt: 1678983000000, status: '', banner: { message: 'Offline', retryable: true } },
      { type: 'busy', action: 'hold', label: 'Holding…' },
      { type: 'busy', action: null },
      { type: 'error', message: 'Could not reach the server.', retryable: true },
      { type: 'timelinePage', offset: 200, total: 10_000, rows: [row] },
      { type: 'rawJson', text: '{}' },
      { type: 'copied', what: 'json', status: 'JSON copied' },
    ];
    for (const message of valid) {
      it(`accepts ${JSON.stringify(message).slice(0, 80)}`, () => {
        const parsed = parseExtensionMessage(message);
        assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
      });
    }

    const invalid: Array<[string, unknown]> = [
      ['update without a banner state', { type: 'update', workitemId: 'wi_1', checkedAt: 1, status: '' }],
      ['busy with an unknown action', { type: 'busy', action: 'conference' }],
      ['error without retryable', { type: 'error', message: 'x' }],
      ['a page row missing fields', { type: 'timelinePage', offset: 0, total: 1, rows: [{ key: 1 }] }],
      ['a page row with an unknown state source', { type: 'timelinePage', offset: 0, total: 1, rows: [{ ...row, stateSource: 'guess' }] }],
      ['a copy of something else', { type: 'copied', what: 'token', status: '' }],
      ['a type of the other direction', { type: 'ready', renderId: 1 }],
    ];
    for (const [name, message] of invalid) {
      it(`rejects ${name}`, () => {
        assert.strictEqual(parseExtensionMessage(message).ok, false);
      });
    }
  });
});
