// The account of a bulk run: counts in a notification, and a pick listing every workitem with
// what happened to it (the server's reason on a refusal); choosing a row opens the workitem.
import type { Shown } from '../../model/format/shownText';
import type { WorkitemAction } from '../../api/domain';
import { l10n } from '../../ui/l10n';
import type { PickItem } from '../../ui/ui';
import type { ActionReport } from '../actionRunner';
import { actionTitle } from '../actionText';
import type { CommandContext } from '../context';

export interface BulkSummary {
  action: WorkitemAction;
  done: ActionReport[];
  /** Refused by the server (409, 403, 404) or failed on the way, with the reason. */
  refused: ActionReport[];
  /** Not sent: not allowed for that workitem, cancelled, or busy with another action. */
  skipped: ActionReport[];
}

export function summaryHeadline(summary: BulkSummary): Shown {
  return l10n.t(
    '{0}: {1} done, {2} refused, {3} skipped.',
    actionTitle(summary.action),
    summary.done.length,
    summary.refused.length,
    summary.skipped.length,
  );
}

export function summaryPickItems(summary: BulkSummary): Array<PickItem<string>> {
  const row = (report: ActionReport, status: Shown): PickItem<string> => ({
    label: l10n.t('{0}', report.workitemId),
    description: status,
    ...(report.reason ? { detail: l10n.t('{0}', report.reason) } : {}),
    value: report.workitemId,
  });
  return [
    ...summary.refused.map((report) => row(report, l10n.t('refused'))),
    ...summary.skipped.map((report) => row(report, l10n.t('skipped'))),
    ...summary.done.map((report) => row(report, l10n.t('done'))),
  ];
}

/** The headline as a notification; "Show Details" lists every workitem, and a chosen row opens it. */
export async function showBulkSummary(ctx: Pick<CommandContext, 'ui' | 'panels'>, summary: BulkSummary): Promise<void> {
  const details = l10n.t('Show Details');
  const notify = summary.refused.length > 0 ? ctx.ui.warn.bind(ctx.ui) : ctx.ui.info.bind(ctx.ui);
  const answer = await notify(summaryHeadline(summary), details);
  if (answer !== details) {
    return;
  }
  await openSummaryPick(ctx, summary);
}

export async function openSummaryPick(ctx: Pick<CommandContext, 'ui' | 'panels'>, summary: BulkSummary): Promise<void> {
  const chosen = await ctx.ui.pick(summaryPickItems(summary), {
    title: summaryHeadline(summary),
    placeholder: l10n.t('Choose a workitem to open it'),
    matchOnDetails: true,
  });
  if (chosen !== undefined) {
    await ctx.panels.open(chosen);
  }
}
