// "Refresh": the tree and every open detail panel.
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';

export function refreshCommand(ctx: CommandContext): CommandHandler {
  return async () => {
    ctx.tree.refresh();
    ctx.panels.refresh();
  };
}
