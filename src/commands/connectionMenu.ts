// "Connection…" (also the status bar item's click): what the connection is, and what can be done.
import { connectionSummary } from '../connection/connectionText';
import { l10n } from '../ui/l10n';
import type { PickItem } from '../ui/ui';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import { ours, shown } from '../model/format/shownText';

export type ConnectionMenuChoice = 'signIn' | 'signOut' | 'useSandbox' | 'showLog' | 'connectTo' | 'addConnection';

export function connectionMenuItems(ctx: CommandContext): Array<PickItem<ConnectionMenuChoice>> {
  const state = ctx.connection.state;
  const items: Array<PickItem<ConnectionMenuChoice>> = [
    {
      label: ours(`$(plug) ${l10n.t('Connect To…')}`),
      description: state.mode === 'ncx' && state.tenant ? shown(state.tenant) : l10n.t('Local Sandbox'),
      value: 'connectTo',
    },
    {
      label: ours(`$(sign-in) ${l10n.t('Sign In to NCX…')}`),
      description: state.mode === 'ncx' && state.host ? shown(state.host) : undefined,
      value: 'signIn',
    },
  ];
  if (state.mode === 'ncx' && state.status !== 'signedOut') {
    items.push({
      label: ours(`$(sign-out) ${l10n.t('Sign Out')}`),
      description: state.username === undefined ? undefined : shown(state.username),
      value: 'signOut',
    });
  }
  if (state.mode === 'ncx') {
    items.push({ label: ours(`$(beaker) ${l10n.t('Use Local Sandbox')}`), value: 'useSandbox' });
  }
  items.push({ label: ours(`$(add) ${l10n.t('Add Connection…')}`), value: 'addConnection' });
  items.push({ label: ours(`$(output) ${l10n.t('Show Log')}`), value: 'showLog' });
  return items;
}

export function connectionMenuCommand(
  ctx: CommandContext,
  run: (choice: ConnectionMenuChoice) => Promise<void>,
): CommandHandler {
  return async () => {
    const choice = await ctx.ui.pick(connectionMenuItems(ctx), {
      title: connectionSummary(ctx.connection.state),
      placeholder: l10n.t('Workitem Inspector connection'),
    });
    if (choice !== undefined) {
      await run(choice);
    }
  };
}
