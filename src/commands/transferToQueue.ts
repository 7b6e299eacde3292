// "Transfer to Queue… (asks which queue)" on the clicked or selected workitems, an id, or a workitem picked from the palette.
// Called as `(workitemId, queueId)` with two strings (scripts, links, integration tests), it
// transfers without asking.
import type { ActionRunner } from './actionRunner';
import { runActionCommand } from './actionCommand';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';

export function transferToQueueCommand(ctx: CommandContext, runner: ActionRunner): CommandHandler {
  return async (...args) => {
    const [workitemId, queueId] = args;
    if (typeof workitemId === 'string' && typeof queueId === 'string' && workitemId.trim() && queueId.trim()) {
      await runner.run('transfer', workitemId.trim(), { queueId: queueId.trim() });
      return;
    }
    await runActionCommand(ctx, runner, 'transfer', args);
  };
}
