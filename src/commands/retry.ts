// The tree's error row: fetch again.
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';

export function retryCommand(ctx: CommandContext): CommandHandler {
  return (node) => ctx.tree.retry(node);
}
