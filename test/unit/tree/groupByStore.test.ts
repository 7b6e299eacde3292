import * as assert from 'node:assert/strict';
import { TENANT_GROUP_BY_KEY, TenantGroupByStore } from '../../../src/views/tree/groupByStore';

/** A memento in memory, as `ExtensionContext.workspaceState` behaves. */
function memento(initial: Record<string, unknown> = {}) {
  const values = new Map(Object.entries(initial));
  return { get: (key: string) => values.get(key), update: async (key: string, value: unknown) => void values.set(key, value), values };
}

describe('each connection’s grouping of the Workitems view', () => {
  it('keeps one per connection, names compared without case, and none for the others', async () => {
    const state = memento();
    const store = new TenantGroupByStore(state);
    await store.write('Globex-Test', 'channel');
    await store.write('sandbox', 'none');
    assert.equal(store.read('globex-test'), 'channel');
    assert.equal(store.read('sandbox'), 'none');
    assert.equal(store.read('acme-prod'), undefined, 'the setting decides for a connection that chose none');
    assert.equal(store.read(undefined), undefined);
  });

  it('ignores what it cannot read: an unknown grouping, a stored value of another shape', () => {
    assert.equal(new TenantGroupByStore(memento({ [TENANT_GROUP_BY_KEY]: { acme: 'byQueue', globex: 3 } })).read('acme'), undefined);
    assert.equal(new TenantGroupByStore(memento({ [TENANT_GROUP_BY_KEY]: 'channel' })).read('acme'), undefined);
    assert.equal(new TenantGroupByStore(memento({ [TENANT_GROUP_BY_KEY]: { acme: 'state', globex: 3 } })).read('acme'), 'state');
  });
});
