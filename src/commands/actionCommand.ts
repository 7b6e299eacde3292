// The palette / tree side of every workitem action: one handler per catalog record. It finds the
// target workitems (asking with a search-as-you-type pick that allows several when there are
// none), runs one workitem through the ActionRunner and several as a bulk run.
// Called as `(workitemId, value)` with a string id (scripts, links, integration tests), the value
// is the action's input (a queue id, user id, priority, digits, disposition id) and is not asked.
import { actionSpec } from '../api/actions/catalog';
import type { WorkitemAction } from '../api/domain';
import type { ActionReport, ActionRunner } from './actionRunner';
import { runBulkAction } from './bulk/bulkRun';
import type { BulkSummary } from './bulk/bulkSummary';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import { pickWorkitems } from './pickWorkitem';
import { otherTenantOf, otherTenantTargets, resolveTargets } from './targets';
import type { TenantScope } from './otherTenantScope';

export async function runActionCommand<A extends WorkitemAction>(
  ctx: CommandContext,
  runner: ActionRunner,
  action: A,
  args: readonly unknown[],
  scopeOf?: (tenant: string) => TenantScope,
): Promise<ActionReport | BulkSummary | undefined> {
  const tenant = otherTenantOf(args[0]);
  if (tenant !== undefined) {
    // A row of a tenant not in use: that tenant's own context and runner, its rows only.
    const scope = scopeOf?.(tenant);
    const targets = otherTenantTargets(args, tenant);
    if (scope === undefined || targets.length === 0) return undefined;
    if (targets.length > 1) return runBulkAction(scope.ctx, scope.runner, action, targets, undefined);
    const [target] = targets;
    return target === undefined ? undefined : scope.runner.attempt(action, target);
  }
  const spec = actionSpec(action);
  const [first, value] = args;
  const input = typeof first === 'string' && value !== undefined ? spec.inputFromArgument(value) : undefined;
  let targets = resolveTargets(args, () => ctx.tree.selectedWorkitems());
  if (targets.length === 0) {
    const picked = await pickWorkitems(ctx.ui, ctx.connection, action, ctx.names);
    if (!picked || picked.length === 0) {
      return undefined;
    }
    targets = picked;
  }
  if (targets.length > 1) {
    return runBulkAction(ctx, runner, action, targets, input);
  }
  const [target] = targets;
  return target === undefined ? undefined : runner.attempt(action, target, input ? { input } : {});
}

/** The handler; `executeCommand` resolves to the report of one workitem or the summary of several. */
export function actionCommand(ctx: CommandContext, runner: ActionRunner, action: WorkitemAction, scopeOf?: (tenant: string) => TenantScope): CommandHandler {
  return (...args) => runActionCommand(ctx, runner, action, args, scopeOf);
}
