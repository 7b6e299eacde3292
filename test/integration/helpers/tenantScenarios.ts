// The every-command scenarios of privacy mode, the action history and workitem links, kept apart
// from the shared list so that each feature's scenarios stay in one place.
import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/contributions';
import { runCommand } from './commandRunner';
import { answerQuickInputs } from './quickInputs';
import { takeWorkitem } from './serverWorkitems';
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
    showActionHistory: async (): Promise<void> => {
      const workitem = await takeWorkitem(session().server, 'state:active AND channelType:voice');
      assert.strictEqual(await session().inspector.runAction('hold', workitem.workitemId), 'done');
      // With actions on several tenants in the history (other suites act on a second sandbox), the
      // first question is which tenant: all of them. Then the first row is the newest action.
      const picks = answerQuickInputs({ pick: (labels) => labels[0] });
      try {
        await runCommand(COMMANDS.showActionHistory);
      } finally {
        picks.dispose();
      }
      const entries = picks.asked.at(-1);
      assert.ok(picks.asked.length === 1 || picks.asked[0]?.offered[0] === 'All tenants', JSON.stringify(picks.asked[0]?.offered));
      assert.ok(entries?.offered[0]?.includes(workitem.workitemId), `first row: ${entries?.offered[0]}`);
      assert.ok(session().inspector.panels.isOpen(workitem.workitemId), 'picking the entry opened its workitem');
    },
    exportActionHistory: async (): Promise<void> => {
      const target = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'history-')), 'export.jsonl');
      await runCommand(COMMANDS.exportActionHistory, [target]);
      assert.strictEqual(await fs.readFile(target, 'utf8'), await fs.readFile(session().inspector.history.file, 'utf8').catch(() => ''));
    },
    copyLink: async (): Promise<void> => {
      const workitem = await takeWorkitem(session().server, 'state:offered');
      await runCommand(COMMANDS.copyLink, [workitem.workitemId]);
      assert.strictEqual(
        await vscode.env.clipboard.readText(),
        `${vscode.env.uriScheme}://workitem-inspector.workitem-inspector/open?tenant=sandbox&id=${workitem.workitemId}`,
      );
    },
    openLink: async (): Promise<void> => {
      const workitem = await takeWorkitem(session().server, 'state:inqueue');
      const link = `${vscode.env.uriScheme}://workitem-inspector.workitem-inspector/open?tenant=sandbox&id=${workitem.workitemId}`;
      await runCommand(COMMANDS.openLink, [link]);
      assert.ok(session().inspector.panels.lastRendered(workitem.workitemId)?.ready, 'the linked panel answered ready');
    },
  };
}
