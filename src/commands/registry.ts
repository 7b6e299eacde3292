// Every command id mapped to its handler (the Record type makes a missing one a compile error),
// each wrapped so that a failure becomes a message and a log line, never an unhandled rejection.
import { isNcxError } from '../api/errors';
import { l10n } from '../ui/l10n';
import { actionCommand } from './actionCommand';
import type { ActionRunner } from './actionRunner';
import { clearFilterCommand } from './clearFilter';
import { COMMANDS, type CommandKey } from '../contributions';
import { connectionMenuCommand } from './connectionMenu';
import type { CommandContext } from './context';
import { copyIdCommand } from './copyId';
import { copyJsonCommand } from './copyJson';
import { filterCommand } from './filter';
import { groupByCommand } from './groupBy';
import type { CommandHandler } from './handler';
import { loadMoreCommand } from './loadMore';
import { openByIdCommand } from './openById';
import { openDetailsCommand } from './openDetails';
import { otherTenantScopes } from './otherTenantScope';
import { refreshCommand } from './refresh';
import { retryCommand } from './retry';
import { showIssuesCommand } from './showIssues';
import { showLogCommand } from './showLog';
import { signInCommand } from './signIn';
import { signOutCommand } from './signOut';
import { togglePrivacyCommand } from './togglePrivacy';
import { exportActionHistoryCommand, showActionHistoryCommand } from './actionHistory';
import { copyLinkCommand } from './copyLink';
import { openLinkCommand } from './openLink';
import { useSandboxCommand } from './useSandbox';
import { addConnectionCommand, connectToCommand, editConnectionCommand, removeConnectionCommand, reachTenant, type ProfileHooks } from './connections';
import { unwatchAllCommand, unwatchCommand, watchCommand } from './watch';
import { allowActionsCommand, lockActionsCommand } from './protection';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs the handler; a failure is logged and shown, and the returned promise always fulfils. */
export function guard(ctx: Pick<CommandContext, 'ui' | 'log'>, key: CommandKey, handler: CommandHandler): CommandHandler {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (isNcxError(error) && error.kind === 'cancelled') {
        return;
      }
      ctx.log.error(`${COMMANDS[key]} failed: ${error instanceof Error && error.stack ? error.stack : messageOf(error)}`);
      void ctx.ui.error(l10n.t('Workitem Inspector: {0}', messageOf(error)));
    }
  };
}

export function createCommandHandlers(ctx: CommandContext, runner: ActionRunner): Record<CommandKey, CommandHandler> {
  const signIn = signInCommand(ctx);
  const signOut = signOutCommand(ctx);
  const useSandbox = useSandboxCommand(ctx);
  const showLog = showLogCommand(ctx);
  const profiles: ProfileHooks = ctx.profiles ?? { list: () => [], save: async () => undefined, hasSession: async () => false };
  const addConnection = addConnectionCommand(ctx, profiles, signIn);
  const connectTo = connectToCommand(ctx, profiles, signIn, addConnection);
  const reach = reachTenant(ctx, profiles, signIn);
  const others = ctx.otherTenants;
  const scopeOf = others === undefined ? undefined : otherTenantScopes(ctx, others, reach);
  const unguarded: Record<CommandKey, CommandHandler> = {
    allowActions: allowActionsCommand(ctx),
    lockActions: lockActionsCommand(ctx),
    watch: watchCommand(ctx),
    unwatch: unwatchCommand(ctx),
    unwatchAll: unwatchAllCommand(ctx),
    hold: actionCommand(ctx, runner, 'hold', scopeOf),
    unhold: actionCommand(ctx, runner, 'unhold', scopeOf),
    hangUp: actionCommand(ctx, runner, 'hangup', scopeOf),
    transferToQueue: actionCommand(ctx, runner, 'transfer', scopeOf),
    answer: actionCommand(ctx, runner, 'answer', scopeOf),
    mute: actionCommand(ctx, runner, 'mute', scopeOf),
    unmute: actionCommand(ctx, runner, 'unmute', scopeOf),
    sendDtmf: actionCommand(ctx, runner, 'dtmf', scopeOf),
    changePriority: actionCommand(ctx, runner, 'priority', scopeOf),
    transferToAgent: actionCommand(ctx, runner, 'userTransfer', scopeOf),
    disposition: actionCommand(ctx, runner, 'disposition', scopeOf),
    openDetails: openDetailsCommand(ctx, reach),
    copyId: copyIdCommand(ctx),
    copyJson: copyJsonCommand(ctx),
    refresh: refreshCommand(ctx),
    filter: filterCommand(ctx),
    clearFilter: clearFilterCommand(ctx),
    groupBy: groupByCommand(ctx),
    openById: openByIdCommand(ctx),
    signIn,
    signOut,
    useSandbox,
    connectTo,
    addConnection,
    editConnection: editConnectionCommand(ctx, profiles),
    removeConnection: removeConnectionCommand(ctx, profiles),
    showLog,
    connectionMenu: connectionMenuCommand(ctx, async (choice) => {
      await { signIn, signOut, useSandbox, showLog, connectTo, addConnection }[choice]();
    }),
    loadMore: loadMoreCommand(ctx),
    retry: retryCommand(ctx),
    showIssues: showIssuesCommand(ctx),
    togglePrivacy: togglePrivacyCommand(),
    showActionHistory: showActionHistoryCommand(ctx, reach, useSandbox),
    exportActionHistory: exportActionHistoryCommand(ctx),
    copyLink: copyLinkCommand(ctx),
    openLink: openLinkCommand(ctx, reach, useSandbox),
  };
  const guarded = {} as Record<CommandKey, CommandHandler>;
  for (const key of Object.keys(unguarded) as CommandKey[]) {
    guarded[key] = guard(ctx, key, unguarded[key]);
  }
  return guarded;
}
