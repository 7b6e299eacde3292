// "Open Details": the detail panel of the clicked workitem, an id, or one picked from the palette.
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import { pickWorkitem } from './pickWorkitem';
import { resolveTargets, targetId } from './targets';

export function openDetailsCommand(ctx: CommandContext): CommandHandler {
  return async (...args) => {
    const [target] = resolveTargets(args, () => ctx.tree.selectedWorkitems());
    const id = target !== undefined ? targetId(target) : (await pickWorkitem(ctx.ui, ctx.connection, undefined, ctx.names))?.workitemId;
    if (id !== undefined) {
      await ctx.panels.open(id);
    }
  };
}
