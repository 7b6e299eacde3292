// One action on many workitems: one confirmation naming the count, the action and its
// consequences; one question for the input; a progress notification with Cancel; at most
// BULK_CONCURRENCY requests at a time; each workitem sent once; then a summary of what was done,
// refused (in the server's words) and skipped, each row opening its workitem.
import { offerToAllowActions } from '../protection';
import { ours } from '../../model/format/shownText';
import { actionSpec, type ActionInput } from '../../api/actions/catalog';
import type { WorkitemAction } from '../../api/domain';
import { l10n } from '../../ui/l10n';
import type { ActionReport, ActionRunner } from '../actionRunner';
import { actionTitle } from '../actionText';
import { askActionInput } from '../askActionInput';
import type { CommandContext } from '../context';
import { targetId, type WorkitemTarget } from '../targets';
import { showBulkSummary, type BulkSummary } from './bulkSummary';
import { liveTenantName } from '../../connection/tenantName';

/** Enough to overlap round trips, few enough not to flood a tenant (or the sandbox's rate limit). */
export const BULK_CONCURRENCY = 4;

/** Runs `work` on every item with at most `limit` running at once; stops starting new ones once `signal` aborts. */
export async function eachLimited<T>(items: readonly T[], limit: number, signal: AbortSignal, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !signal.aborted) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

export async function runBulkAction<A extends WorkitemAction>(
  ctx: CommandContext,
  runner: ActionRunner,
  action: A,
  targets: readonly WorkitemTarget[],
  givenInput?: ActionInput<A>,
): Promise<BulkSummary | undefined> {
  const spec = actionSpec(action);
  // Each workitem once, whatever the selection repeated.
  const unique = [...new Map(targets.map((target) => [targetId(target), target])).values()];
  const left: ActionReport[] = [];
  const allowed: WorkitemTarget[] = [];
  for (const target of unique) {
    const why = runner.whyNotPossible(action, typeof target === 'string' ? undefined : target);
    if (why === undefined) allowed.push(target);
    else left.push({ workitemId: targetId(target), outcome: 'notAllowed', reason: why });
  }
  const title = actionTitle(action);
  if (allowed.length === 0) {
    void ctx.ui.warn(l10n.t('None of the {0} selected workitems allows {1} now.', unique.length, title));
    return undefined;
  }
  // A protected tenant: asked once for the whole run, before its confirmation.
  const protection = ctx.protection;
  const locked = protection?.lockedReason();
  if (locked !== undefined && protection !== undefined) {
    if (!(await offerToAllowActions(ctx.ui, protection, locked))) return undefined;
  }
  const detail = [
    spec.words.consequence?.(l10n),
    left.length > 0
      ? l10n.t('{0} of the selection do not allow it and are left as they are: {1}.', left.length, left.map((row) => row.workitemId).join(', '))
      : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');
  // Each part of the detail is a Shown sentence of l10n.t; joining them keeps it one.
  const tenant = liveTenantName(ctx.connection.state);
  const question = tenant === undefined ? l10n.t('{0}: {1} workitems?', title, allowed.length) : l10n.t('{0}: {1} workitems on {2}?', title, allowed.length, tenant);
  const confirmed = await ctx.ui.confirm(question, ours(detail), title);
  if (!confirmed) {
    return undefined;
  }
  const api = await ctx.connection.getApi();
  const input = givenInput ?? (await askActionInput(ctx.ui, api, action));
  if (input === undefined) {
    return undefined;
  }
  const reports = new Map<string, ActionReport>();
  await ctx.ui.withCancellableProgress(l10n.t('{0}: {1} workitems', title, allowed.length), async (progress, signal) => {
    await eachLimited(allowed, BULK_CONCURRENCY, signal, async (target) => {
      const report = await runner.attempt(action, target, { confirmed: true, input, quiet: true, signal });
      reports.set(report.workitemId, report);
      progress.report(l10n.t('{0} of {1}', reports.size, allowed.length), 100 / allowed.length);
    });
  });
  const summary: BulkSummary = { action, done: [], refused: [], skipped: [...left] };
  for (const target of allowed) {
    const id = targetId(target);
    const report = reports.get(id) ?? { workitemId: id, outcome: 'cancelled', reason: l10n.t('not sent: cancelled') };
    if (report.outcome === 'done') summary.done.push(report);
    else if (report.outcome === 'refused' || report.outcome === 'failed') summary.refused.push(report);
    else summary.skipped.push(report);
  }
  ctx.log.info(
    `bulk ${action}: ${summary.done.length} done, ${summary.refused.length} refused, ${summary.skipped.length} skipped`,
  );
  void showBulkSummary(ctx, summary);
  return summary;
}
