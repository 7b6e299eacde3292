// "Show Action History" (newest first, by tenant when there are several; picking an entry opens its
// workitem in its tenant) and "Export Action History" (a copy of the file).
import type { AuditEntry } from '../audit/auditEntry';
import { openWorkitemLink } from '../links/openLink';
import { l10n } from '../ui/l10n';
import type { PickItem } from '../ui/ui';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import type { SignInTo } from './connections';

const ALL = Symbol('all tenants');

function entryItem(entry: AuditEntry): PickItem<AuditEntry> {
  const when = new Date(entry.at).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return {
    label: l10n.t('{0} {1}', entry.action, entry.workitemId),
    description: l10n.t('{0} · {1} · {2}', entry.outcome, entry.tenant, entry.user ?? '?'),
    detail: entry.error
      ? l10n.t('{0} · {1} ms · {2}', when, entry.durationMs, entry.error.message)
      : l10n.t('{0} · {1} ms', when, entry.durationMs),
    value: entry,
  };
}

export function showActionHistoryCommand(ctx: CommandContext, signIn: SignInTo, useSandbox: CommandHandler): CommandHandler {
  return async () => {
    if (!ctx.tenants) return;
    const { entries, skipped } = await ctx.tenants.history.read();
    if (skipped.length > 0) {
      ctx.log.warn(`Action history: left out ${skipped.length} unreadable lines: ${skipped.map((line) => `line ${line.line} (${line.problem})`).join(', ')}`);
      void ctx.ui.warn(l10n.t('{0} lines of the action history could not be read and were left out (see the log).', skipped.length));
    }
    if (entries.length === 0) {
      void ctx.ui.info(l10n.t('No actions have been sent yet.'));
      return;
    }
    const tenants = [...new Set(entries.map((entry) => entry.tenant))];
    let shown = entries;
    if (tenants.length > 1) {
      const tenant = await ctx.ui.pick<string | typeof ALL>(
        [
          { label: l10n.t('All tenants'), description: l10n.t('{0} actions', entries.length), value: ALL },
          ...tenants.map((name) => ({
            label: l10n.t('{0}', name),
            description: l10n.t('{0} actions', entries.filter((entry) => entry.tenant === name).length),
            value: name,
          })),
        ],
        { title: l10n.t('Action History: which tenant?') },
      );
      if (tenant === undefined) return;
      shown = tenant === ALL ? entries : entries.filter((entry) => entry.tenant === tenant);
    }
    const picked = await ctx.ui.pick(shown.map(entryItem), {
      title: l10n.t('Action History (newest first)'),
      placeholder: l10n.t('Type an action, workitem id, outcome, tenant or user; pick one to open its workitem'),
      matchOnDetails: true,
    });
    if (!picked) return;
    await openWorkitemLink(
      { ui: ctx.ui, connection: ctx.connection, panels: ctx.panels, signIn: async () => { await signIn(picked.tenant); }, useSandbox: async () => { await useSandbox(); } },
      { tenant: picked.tenant, id: picked.workitemId },
    );
  };
}

export function exportActionHistoryCommand(ctx: CommandContext): CommandHandler {
  return async (...args) => {
    if (!ctx.tenants) return;
    const [given] = args;
    const target = typeof given === 'string' && given !== '' ? given : await ctx.tenants.chooseExportFile();
    if (target === undefined) return;
    await ctx.tenants.history.exportTo(target);
    void ctx.ui.info(l10n.t('Action history exported to {0}.', target));
  };
}
