// What the user sees when NCX answers 401 to the session's token: why, and a Sign In button.
// One message per rejected session (the connection fires once), not one per failed request.
import { l10n } from '../ui/l10n';
import type { Ui } from '../ui/ui';
import type { ConnectionState } from './connection';

export type RejectedTokenChoice = 'signIn' | 'useSandbox' | 'showLog' | undefined;

export async function showRejectedToken(ui: Ui, state: ConnectionState): Promise<RejectedTokenChoice> {
  const signIn = l10n.t('Sign In');
  const useSandbox = l10n.t('Use Local Sandbox');
  const showLog = l10n.t('Show Log');
  if (state.mode === 'sandbox') {
    const answer = await ui.error(
      l10n.t('The local sandbox keeps rejecting its own sign-in. See the log for details.'),
      showLog,
    );
    return answer === showLog ? 'showLog' : undefined;
  }
  const answer = await ui.warn(
    l10n.t(
      '{0} no longer accepts the session of {1} (HTTP 401: expired or revoked). Sign in again to continue.',
      state.tenant ?? state.host ?? l10n.t('NCX'),
      state.username ?? '?',
    ),
    signIn,
    useSandbox,
  );
  return answer === signIn ? 'signIn' : answer === useSandbox ? 'useSandbox' : undefined;
}
