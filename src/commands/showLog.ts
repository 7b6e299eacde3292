// "Show Log": reveals the Workitem Inspector output channel.
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';

export function showLogCommand(ctx: CommandContext): CommandHandler {
  return async () => {
    ctx.showLog();
  };
}
