// "Watch" and "Stop Watching": from a tree row (or the selection), the panel (an id), or the
// palette (which asks which workitem). What a watch does lives in src/model/live/watchList.ts.
import type { Workitem } from '../api/schemas';
import type { WatchResult } from '../model/live/watchList';
import { MAX_WATCHES } from '../model/live/watchList';
import { l10n } from '../ui/l10n';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import { pickWorkitem } from './pickWorkitem';
import { resolveTargets, targetId, type WorkitemTarget } from './targets';

export interface WatchHooks {
  watch(workitemId: string, workitem?: Workitem): Promise<WatchResult>;
  unwatch(workitemIds: readonly string[]): Promise<number>;
  clear(): Promise<number>;
  /** The ids watched on the current tenant, newest first. */
  watched(): readonly string[];
  tenant(): string;
}

/** A row of the Watched view carries `workitemId` only. */
function watchedIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'object' && arg !== null && 'workitemId' in arg && typeof arg.workitemId === 'string' && !('state' in arg)) {
    return arg.workitemId;
  }
  return undefined;
}

export function watchCommand(ctx: CommandContext): CommandHandler {
  return async (...args) => {
    const hooks = ctx.watches;
    if (!hooks) return;
    let targets: WorkitemTarget[] = resolveTargets(args, () => ctx.tree.selectedWorkitems());
    if (targets.length === 0) {
      const picked = await pickWorkitem(ctx.ui, ctx.connection, undefined, ctx.names, l10n.t('Watch: which workitem?'));
      if (!picked) return;
      targets = [picked];
    }
    const watched: string[] = [];
    for (const target of targets) {
      const id = targetId(target);
      if (typeof target !== 'string' && target.state === 'dispositioned') {
        // It will not change again: a watch would never say anything.
        void ctx.ui.info(l10n.t('{0} is dispositioned: it will not change again, so there is nothing to watch.', id));
        continue;
      }
      const result = await hooks.watch(id, typeof target === 'string' ? undefined : target);
      if (result.ok) {
        ctx.log.info(`Watching ${id} on ${hooks.tenant()}`);
        watched.push(id);
      } else if (result.reason === 'already') {
        void ctx.ui.info(l10n.t('{0} is already watched.', id));
      } else {
        void ctx.ui.warn(l10n.t('{0} workitems are watched on {1} already, the most there can be. Stop watching one first.', MAX_WATCHES, hooks.tenant()));
        break;
      }
    }
    if (watched.length > 0) {
      void ctx.ui.info(
        watched.length === 1
          ? l10n.t('Watching {0} on {1}: its next changes raise a notification.', watched[0] ?? '', hooks.tenant())
          : l10n.t('Watching {0} workitems on {1}.', watched.length, hooks.tenant()),
      );
    }
  };
}

export function unwatchCommand(ctx: CommandContext): CommandHandler {
  return async (...args) => {
    const hooks = ctx.watches;
    if (!hooks) return;
    const fromView = watchedIdOf(args[0]);
    let ids = fromView !== undefined ? [fromView] : resolveTargets(args, () => []).map(targetId);
    if (ids.length === 0) {
      const watched = hooks.watched();
      if (watched.length === 0) {
        void ctx.ui.info(l10n.t('Nothing is watched on {0}.', hooks.tenant()));
        return;
      }
      const picked = await ctx.ui.pick(
        watched.map((id) => ({ label: l10n.t('{0}', id), value: id })),
        { title: l10n.t('Stop Watching'), placeholder: l10n.t('Which workitem?') },
      );
      if (picked === undefined) return;
      ids = [picked];
    }
    await hooks.unwatch(ids);
  };
}

export function unwatchAllCommand(ctx: CommandContext): CommandHandler {
  return async () => {
    await ctx.watches?.clear();
  };
}
