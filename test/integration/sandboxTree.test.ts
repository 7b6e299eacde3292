// The Workitems view against the sandbox the extension started: every count and every row it shows
// is compared with what the sandbox answers when asked directly.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/contributions';
import { parseSettings, SETTINGS_SECTION } from '../../src/config/settings';
import { runCommand } from './helpers/commandRunner';
import { openSandboxSession, type SandboxSession } from './helpers/sandboxSession';
import { channelCounts, stateCounts, valueCounts } from './helpers/serverCounts';
import { expandGroup, groupCountsOf, groupWithValue, isGroup, isLoadMore, rootNodes, workitemIdsOf, type TreeNode } from './helpers/treeWalk';
import { waitFor } from './helpers/waitFor';

const ITEM_SORT = 'createdAt desc';

describe('Workitems view against the sandbox', function () {
  this.timeout(60_000);
  let session: SandboxSession;

  before(async () => {
    session = await openSandboxSession();
  });

  it('shows one root group per state with the counts the sandbox reports', async () => {
    const expected = await stateCounts(session.server);
    assert.ok(expected.length > 1, 'the sandbox should hold workitems in several states');
    await waitFor(
      () => {
        assert.deepStrictEqual(valueCounts(session.inspector.tree.rootGroupCounts()), expected);
        return true;
      },
      { description: 'the root group counts to equal the sandbox counts' },
    );
    assert.ok(session.inspector.tree.rootGroupCounts().every((group) => group.dimension === 'state'));
  });

  it('expands a state into channel groups with the sandbox counts', async () => {
    const roots = await rootNodes(session.inspector.tree);
    // The state with the most channels makes the strongest comparison.
    let best: { state: string; channels: Awaited<ReturnType<typeof channelCounts>> } | undefined;
    for (const group of roots.filter(isGroup)) {
      const channels = await channelCounts(session.server, `state:${group.value}`);
      if (best === undefined || channels.length > best.channels.length) {
        best = { state: group.value, channels };
      }
    }
    assert.ok(best, 'no state group to expand');
    const children = await expandGroup(session.inspector.tree, groupWithValue(roots, best.state));
    assert.deepStrictEqual(groupCountsOf(children), best.channels, `channel groups of ${best.state}`);
    assert.ok(children.filter(isGroup).every((node) => node.dimension === 'channel'));
  });

  it("lists a leaf group's rows in the sandbox's order, and Load more appends the next page", async () => {
    const tree = session.inspector.tree;
    const roots = await rootNodes(tree);
    // The biggest state/channel group: it is sure to span more than one page.
    let biggest: { state: string; channel: string; count: number } | undefined;
    for (const group of roots.filter(isGroup)) {
      for (const channel of await channelCounts(session.server, `state:${group.value}`)) {
        if (biggest === undefined || channel.count > biggest.count) {
          biggest = { state: group.value, channel: channel.value, count: channel.count };
        }
      }
    }
    assert.ok(biggest, 'no leaf group');
    const q = `state:${biggest.state} AND channelType:${biggest.channel}`;
    const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const pageSize = parseSettings((key) => configuration.get(key))['tree.pageSize'];
    const stateRows = await expandGroup(tree, groupWithValue(roots, biggest.state));
    const leaf = groupWithValue(stateRows, biggest.channel);
    const rows = await expandGroup(tree, leaf);
    // A group keeps the pages loaded earlier (another suite may have loaded more): whole pages.
    const shown = workitemIdsOf(rows).length;
    assert.ok(shown > 0 && shown % pageSize === 0, `${shown} rows shown, pages of ${pageSize}`);
    assert.ok(biggest.count > shown, `${q} has ${biggest.count} workitems, all of them shown`);

    const sandboxRows = await session.server.search({ q, start: 0, rows: shown, sort: ITEM_SORT });
    assert.deepStrictEqual(workitemIdsOf(rows), sandboxRows.items.map((item) => item.workitemId));
    const loadMore = rows.find(isLoadMore);
    assert.ok(loadMore, 'a group with more workitems than shown ends with a "Load more" row');
    assert.strictEqual(loadMore.total, biggest.count);

    await runCommand(COMMANDS.loadMore, [loadMore]);
    const expectedShown = Math.min(shown + pageSize, biggest.count);
    const nextRows = await session.server.search({ q, start: 0, rows: expectedShown, sort: ITEM_SORT });
    const afterLoad: TreeNode[] = await tree.getChildren(leaf);
    assert.deepStrictEqual(workitemIdsOf(afterLoad), nextRows.items.map((item) => item.workitemId));
    assert.strictEqual(afterLoad.some(isLoadMore), biggest.count > expectedShown, 'a "Load more" row exactly when more remain');
  });
});
