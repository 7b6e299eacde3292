// "Use Local Sandbox": back to the embedded NCX sandbox (started when the view needs data).
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';

export function useSandboxCommand(ctx: CommandContext): CommandHandler {
  return async () => {
    await ctx.connection.useSandbox();
  };
}
