// "Transfer to Queue… (asks which queue)" on the clicked or selected workitems, an id, or a workitem picked from the palette.
import type { ActionRunner } from './actionRunner';
import { runActionCommand } from './actionCommand';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';

export function transferToQueueCommand(ctx: CommandContext, runner: ActionRunner): CommandHandler {
  return async (...args) => {
    await runActionCommand(ctx, runner, 'transfer', args);
  };
}
