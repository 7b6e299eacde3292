import * as assert from 'assert';
import { NcxError } from '../../../src/api/errors';
import { describeFetchFailure } from '../../../src/model/fetchFailure';
import { checkFilter, FILTER_STATE_KEY, TENANT_FILTERS_KEY, TreeFilterStore, type KeyValueState } from '../../../src/views/tree/filterStore';
import { channelIconId, stateColorId } from '../../../src/views/tree/iconIds';
import { escapeMarkdown } from '../../../src/views/tree/markdownText';
import { showsWelcomeInsteadOfRows, treeStateOf } from '../../../src/views/tree/treeContextKeys';

class MemoryState implements KeyValueState {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, value);
    }
  }
}

describe('tree helpers', () => {
  describe('filter store', () => {
    it('keeps a filter per workspace and reads it back', async () => {
      const state = new MemoryState();
      const store = new TreeFilterStore(state);
      assert.strictEqual(store.read(), undefined);
      await store.write('state:hold AND priority:>=4');
      assert.strictEqual(store.read(), 'state:hold AND priority:>=4');
      await store.write(undefined);
      assert.strictEqual(store.read(), undefined);
    });

    it("keeps each tenant's filter apart, the single filter of earlier versions standing in until a tenant has its own", async () => {
      const state = new MemoryState();
      state.values.set(FILTER_STATE_KEY, 'channelType:voice');
      const store = new TreeFilterStore(state);
      assert.strictEqual(store.read('acme-prod'), 'channelType:voice');
      await store.write('state:hold', 'ACME-prod');
      await store.write(undefined, 'sandbox');
      assert.strictEqual(store.read('acme-prod'), 'state:hold');
      assert.strictEqual(store.read('sandbox'), undefined, 'cleared on the sandbox, not inherited');
      assert.strictEqual(store.read('globex'), 'channelType:voice');
      state.values.set(TENANT_FILTERS_KEY, ['state:hold']);
      assert.strictEqual(store.read('acme-prod'), 'channelType:voice', 'an unreadable map counts as none');
    });

    it('ignores a stored value that is not a valid query, or not a string', () => {
      const state = new MemoryState();
      const store = new TreeFilterStore(state);
      state.values.set(FILTER_STATE_KEY, 'state:(hold');
      assert.strictEqual(store.read(), undefined);
      state.values.set(FILTER_STATE_KEY, { q: 'state:hold' });
      assert.strictEqual(store.read(), undefined);
    });

    it('treats a blank filter as none and explains an invalid one', () => {
      assert.deepStrictEqual(checkFilter('   '), { ok: true, filter: undefined });
      assert.deepStrictEqual(checkFilter(' channelType:voice '), { ok: true, filter: 'channelType:voice' });
      const bad = checkFilter('priority:>=high');
      assert.ok(!bad.ok && bad.message.length > 0);
    });
  });

  describe('tree state', () => {
    it('names the welcome text for each state of the top level', () => {
      assert.strictEqual(treeStateOf({ kind: 'notLoaded' }), 'loading');
      assert.strictEqual(treeStateOf({ kind: 'loaded', total: 0 }), 'empty');
      assert.strictEqual(treeStateOf({ kind: 'loaded', total: 12 }), 'ready');
      const failed = (error: NcxError) => treeStateOf({ kind: 'failed', failure: describeFetchFailure(error) });
      assert.strictEqual(failed(new NcxError('unauthorized', 'x')), 'signedOut');
      assert.strictEqual(failed(new NcxError('network', 'x')), 'unreachable');
      assert.strictEqual(failed(new NcxError('server', 'x')), 'failed');
      assert.ok(showsWelcomeInsteadOfRows('signedOut') && showsWelcomeInsteadOfRows('unreachable'));
      assert.ok(!showsWelcomeInsteadOfRows('failed'), 'other failures stay an error row with a retry');
    });
  });

  describe('markdown escaping', () => {
    it('keeps links, emphasis and HTML from server text inert', () => {
      const escaped = escapeMarkdown('[click](command:workbench.action.quit) **bold** <img src=x> `code`');
      assert.ok(!/(^|[^\\])\[/.test(escaped), escaped);
      assert.ok(!/(^|[^\\])</.test(escaped), escaped);
      assert.ok(!/(^|[^\\])\*/.test(escaped), escaped);
      assert.strictEqual(escaped.replace(/\\(.)/g, '$1'), '[click](command:workbench.action.quit) **bold** <img src=x> `code`');
    });

    it('folds line breaks so a value cannot start a heading or a list', () => {
      assert.strictEqual(escapeMarkdown('a\n# b\n- c'), 'a \\# b \\- c');
    });
  });

  describe('icons', () => {
    it('has an icon per channel and a colour per state, with neutral fallbacks for unknown values', () => {
      assert.strictEqual(channelIconId('voice'), 'call-incoming');
      assert.strictEqual(channelIconId('fax'), 'question');
      assert.strictEqual(stateColorId('hold'), 'charts.orange');
      assert.strictEqual(stateColorId('parked'), undefined);
    });
  });
});
