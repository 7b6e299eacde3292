// The every-command scenarios of privacy mode, the action history and workitem links, kept apart
// from the shared list so that each feature's scenarios stay in one place.
import * as assert from 'assert';
import { COMMANDS } from '../../../src/commands/commandIds';
import { runCommand } from './commandRunner';
import type { SandboxSession } from './sandboxSession';
import { expandGroup, groupWithValue, isWorkitem, rootNodes, type WorkitemNode } from './treeWalk';

async function firstRow(session: SandboxSession, state: string, channel: string): Promise<WorkitemNode> {
  const tree = session.inspector.tree;
  const stateRows = await expandGroup(tree, groupWithValue(await rootNodes(tree), state));
  const row = (await expandGroup(tree, groupWithValue(stateRows, channel))).find(isWorkitem);
  assert.ok(row, `a workitem row under ${state}/${channel}`);
  return row;
}

function labelOf(session: SandboxSession, row: WorkitemNode): string {
  const label = session.inspector.tree.getTreeItem(row).label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

export function tenantCommandScenarios(session: () => SandboxSession) {
  return {
    togglePrivacy: async (): Promise<void> => {
      const row = await firstRow(session(), 'dispositioned', 'voice');
      const name = labelOf(session(), row);
      const privacy = session().inspector.privacy;
      assert.strictEqual(privacy.enabled, false);
      await runCommand(COMMANDS.togglePrivacy);
      try {
        assert.strictEqual(privacy.enabled, true);
        assert.notStrictEqual(labelOf(session(), row), name, 'the row no longer shows the contact');
      } finally {
        await runCommand(COMMANDS.togglePrivacy);
      }
      assert.strictEqual(labelOf(session(), row), name);
    },
  };
}
