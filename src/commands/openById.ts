// "Open Workitem by ID…": fetches it (so a wrong id says so at once), reveals it in the tree when
// the tree can show it, and opens its detail panel.
import { isNcxError } from '../api/errors';
import type { Workitem } from '../api/schemas';
import { l10n } from '../ui/l10n';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';

export function openByIdCommand(ctx: CommandContext): CommandHandler {
  return async (...args) => {
    const given = typeof args[0] === 'string' ? args[0] : undefined;
    const typed =
      given ??
      (await ctx.ui.input({
        title: l10n.t('Open Workitem by ID'),
        prompt: l10n.t('The workitemId, e.g. wi_12345'),
        validate: (value) => (value.trim() === '' ? l10n.t('Type a workitem id.') : undefined),
      }));
    const id = typed?.trim();
    if (!id) {
      return;
    }
    let workitem: Workitem;
    try {
      const api = await ctx.connection.getApi();
      workitem = await ctx.ui.withProgress(l10n.t('Looking up {0}…', id), () => api.fetchWorkitem(id));
    } catch (error) {
      if (isNcxError(error) && error.kind === 'notFound') {
        void ctx.ui.warn(l10n.t('There is no workitem {0}.', id));
        return;
      }
      throw error;
    }
    try {
      await ctx.tree.reveal(workitem.workitemId);
    } catch (error) {
      // A filter or a collapsed, unloaded group may hide it; the panel still shows it.
      ctx.log.info(`Could not reveal ${workitem.workitemId} in the tree: ${error instanceof Error ? error.message : String(error)}`);
    }
    await ctx.panels.open(workitem.workitemId);
  };
}
