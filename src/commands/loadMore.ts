// The tree's "Load more" row.
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';

export function loadMoreCommand(ctx: CommandContext): CommandHandler {
  return (node) => ctx.tree.loadMore(node);
}
