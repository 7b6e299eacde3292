import * as assert from 'assert';
import { NcxError } from '../../../src/api/errors';
import { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import { FakeWorkitemsApi, ObjectStore } from './support/fakeWorkitemsApi';
import { makeWorkitems } from './support/fixtures';
import { open, rows, watchChanges } from './support/treeDriver';

const LEAF = 'state:active/channel:voice';

function tree(count = 3) {
  const api = new FakeWorkitemsApi(new ObjectStore(makeWorkitems([['active', 'voice', count], ['hold', 'chat', 1]])));
  return { api, model: new WorkitemTreeModel({ api, pageSize: 100 }) };
}

const unreachable = (): NcxError => new NcxError('network', 'connect ECONNREFUSED 127.0.0.1:4711');

describe('tree model: errors', () => {
  const cases: Array<[NcxError, string]> = [
    [unreachable(), 'error unreachable retry'],
    [new NcxError('timeout', 'No answer within 15 s'), 'error unreachable retry'],
    [new NcxError('unauthorized', 'Token expired', { status: 401 }), 'error unauthorized signIn'],
    [new NcxError('server', 'Internal error', { status: 500 }), 'error failed retry'],
    [new NcxError('forbidden', 'Missing workitems:read', { status: 403 }), 'error failed retry'],
  ];
  for (const [error, expected] of cases) {
    it(`shows a ${error.kind} failure of the top level as one "${expected}" row, never an empty tree`, async () => {
      const { api, model } = tree();
      api.failWhen({ method: 'count', when: (call) => call.q === 'state:"hold"', error });
      const top = await model.getChildren();
      assert.deepStrictEqual(top.map((node) => `${node.kind === 'error' ? `error ${node.reason} ${node.action}` : node.id}`), [expected]);
      assert.strictEqual(top[0].kind === 'error' && top[0].message, error.message);
      assert.deepStrictEqual(model.rootStatus().kind, 'failed');
    });
  }

  it('treats an unexpected exception as a failure to retry', async () => {
    const { api, model } = tree();
    api.failWhen({ method: 'count', error: new TypeError('Cannot read properties of undefined') });
    assert.deepStrictEqual(await rows(model), ['error failed retry']);
  });

  it('puts a group\'s error in place of its children and leaves the rest of the tree alone', async () => {
    const { api, model } = tree();
    await model.getChildren();
    api.failWhen({ method: 'count', when: (call) => call.q?.includes('channelType:"email"') ?? false, error: unreachable(), times: 1 });
    assert.deepStrictEqual(await rows(model, 'state:active'), ['error unreachable retry']);
    assert.deepStrictEqual(await rows(model), ['state:active (3)', 'state:hold (1)']);

    const changes = watchChanges(model);
    await model.retry('state:active/error');
    assert.deepStrictEqual(changes.all(), ['state:active']);
    assert.deepStrictEqual(await rows(model, 'state:active'), [`${LEAF} (3)`]);
  });

  it('keeps the loaded rows when "Load more" fails, and offers a retry in its place', async () => {
    const { api, model } = tree(150);
    await open(model, 'state:active', LEAF);
    api.failWhen({ method: 'search', error: new NcxError('server', 'Bad gateway', { status: 502 }), times: 1 });
    await model.loadMore(`${LEAF}/more`);
    const failed = await rows(model, LEAF);
    assert.strictEqual(failed.length, 101);
    assert.strictEqual(failed[100], 'error failed retry');
    await model.retry(`${LEAF}/error`);
    const loaded = await rows(model, LEAF);
    assert.strictEqual(loaded.length, 150);
    assert.deepStrictEqual(api.callsOf('search').map((call) => call.start), [0, 100, 100]);
  });

  it('recovers from a top-level failure at the next refresh', async () => {
    const { api, model } = tree();
    api.failWhen({ method: 'count', error: unreachable() });
    assert.deepStrictEqual(await rows(model), ['error unreachable retry']);
    api.clearFailures();
    const changes = watchChanges(model);
    await model.refresh();
    assert.deepStrictEqual(changes.all(), ['']);
    assert.deepStrictEqual(await rows(model), ['state:active (3)', 'state:hold (1)']);
    assert.deepStrictEqual(model.rootStatus(), { kind: 'loaded', total: 4 });
  });

  it('turns a failing refresh of an expanded group into its error row, then back', async () => {
    const { api, model } = tree();
    await open(model, 'state:active', LEAF);
    api.failWhen({ method: 'search', error: new NcxError('unauthorized', 'Token expired', { status: 401 }), times: 1 });
    await model.refresh();
    assert.deepStrictEqual(await rows(model, LEAF), ['error unauthorized signIn']);
    await model.refresh();
    assert.deepStrictEqual(await rows(model, LEAF), ['wi_10000', 'wi_10001', 'wi_10002']);
  });

  it('never shows a cancelled request as an error', async () => {
    const { api, model } = tree();
    const release = api.pause();
    const pending = model.getChildren();
    model.setGroupBy('channel');
    release();
    assert.deepStrictEqual(await pending, []);
    assert.deepStrictEqual(await rows(model), ['channel:voice (3)', 'channel:chat (1)']);
  });

  it('reports loads, failed ones included, for whoever waits on them', async () => {
    const { api, model } = tree();
    const loads: Array<[string, boolean]> = [];
    model.onDidLoad((load) => loads.push([load.parentId, load.ok]));
    await model.getChildren();
    api.failWhen({ method: 'count', error: unreachable() });
    await model.getChildren('state:active');
    assert.deepStrictEqual(loads, [['', true], ['state:active', false]]);
  });
});
