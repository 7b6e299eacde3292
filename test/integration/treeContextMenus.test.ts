import * as assert from 'assert';
import { TREE_VIEW_ID } from '../../src/contributions';
import { TREE_CONTEXT_VALUES } from '../../src/views/tree/contextValues';
import { readManifest } from './helpers/extension';
import { isContextValueMatched } from './helpers/whenClause';

describe('tree context menus', () => {
  it('offers a view/item/context menu for every contextValue the tree produces', function () {
    if (TREE_CONTEXT_VALUES.length === 0) {
      console.log('  skipped: TREE_CONTEXT_VALUES is empty, the tree declares no context values yet');
      this.skip();
    }
    const itemMenus = readManifest().contributes.menus['view/item/context'] ?? [];
    const whenClauses = itemMenus.map((item) => item.when ?? '');
    const unmatched = TREE_CONTEXT_VALUES.filter((value) => !isContextValueMatched(value, TREE_VIEW_ID, whenClauses));
    assert.deepStrictEqual(unmatched, [], `contextValues without a menu in view ${TREE_VIEW_ID}`);
  });
});
