// Registers every handler of the registry with VS Code under its id from src/contributions.ts.
import * as vscode from 'vscode';
import type { ActionRunner } from './actionRunner';
import { COMMANDS, type CommandKey } from '../contributions';
import type { CommandContext } from './context';
import { createCommandHandlers } from './registry';

export function registerCommands(ctx: CommandContext, runner: ActionRunner): vscode.Disposable[] {
  const handlers = createCommandHandlers(ctx, runner);
  return (Object.keys(handlers) as CommandKey[]).map((key) =>
    vscode.commands.registerCommand(COMMANDS[key], handlers[key]),
  );
}
