// "Clear Filter": every workitem again.
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';

export function clearFilterCommand(ctx: CommandContext): CommandHandler {
  return async () => {
    ctx.tree.clearFilter();
  };
}
