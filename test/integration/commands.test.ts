import * as assert from 'assert';
import * as vscode from 'vscode';
import { COMMAND_PREFIX, activateExtension, readManifest, workbenchGeneratedCommands } from './helpers/extension';

describe('command contract', () => {
  let registered: Set<string>;
  let declared: Set<string>;
  let generated: Set<string>;

  before(async () => {
    await activateExtension();
    registered = new Set(await vscode.commands.getCommands(true));
    const manifest = readManifest();
    declared = new Set(manifest.contributes.commands.map((entry) => entry.command));
    generated = workbenchGeneratedCommands(manifest);
  });

  it('registers every command package.json declares', () => {
    const unregistered = [...declared].filter((id) => !registered.has(id));
    assert.deepStrictEqual(unregistered, [], 'declared in package.json but not registered on activation');
  });

  it(`declares every registered ${COMMAND_PREFIX}* command in package.json`, () => {
    const undeclared = [...registered].filter((id) => id.startsWith(COMMAND_PREFIX) && !declared.has(id) && !generated.has(id));
    assert.deepStrictEqual(undeclared, [], 'registered on activation but missing from package.json');
  });

  it('recognises the commands the workbench generates for contributed views', () => {
    // Guards the exclusion above: it must name commands that really exist, or it hides nothing.
    const missing = [...generated].filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], 'expected workbench-generated view commands that are not registered');
  });

  it(`declares only ${COMMAND_PREFIX}* command ids`, () => {
    const foreign = [...declared].filter((id) => !id.startsWith(COMMAND_PREFIX));
    assert.deepStrictEqual(foreign, []);
  });
});
