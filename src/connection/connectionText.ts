// How the connection is described to the user: the status bar item and the connection menu's title.
import { l10n } from '../ui/l10n';
import type { ConnectionState } from './connection';
import { sameTenant, tenantName } from './tenantName';
import { ours, shown, type Shown } from '../model/format/shownText';

/** "Sandbox", or the NCX tenant: its connection's name, else its host. */
export function connectionPlace(state: ConnectionState): Shown {
  const tenant = state.tenant ?? state.host;
  return state.mode === 'sandbox' ? l10n.t('Sandbox') : tenant ? shown(tenant) : l10n.t('NCX');
}

/** One sentence: where requests go, as whom, and what is wrong if anything. */
export function connectionSummary(state: ConnectionState): Shown {
  const place = connectionPlace(state);
  switch (state.status) {
    case 'idle':
      return state.mode === 'sandbox'
        ? l10n.t('Local sandbox (starts when the Workitems view needs it)')
        : l10n.t('NCX at {0} as {1} (not connected yet)', place, state.username ?? '?');
    case 'connecting':
      return state.mode === 'sandbox' ? l10n.t('Starting the local sandbox…') : l10n.t('Connecting to {0}…', place);
    case 'connected':
      return state.mode === 'sandbox'
        ? l10n.t('Local sandbox at {0}, signed in as {1}', state.host ?? '?', state.username ?? '?')
        : l10n.t('NCX at {0}, signed in as {1}', place, state.username ?? '?');
    case 'signedOut':
      return state.tenant === undefined ? l10n.t('Not signed in to NCX') : l10n.t('Not signed in to {0}', state.tenant);
    case 'rejected':
      return l10n.t('{0} rejected the session of {1}: sign in again', place, state.username ?? '?');
    case 'failed':
      return l10n.t('Could not connect to {0}: {1}', place, state.error ?? '?');
  }
}

/**
 * What the status bar says while the focused detail panel belongs to another tenant than the one
 * connected (undefined when it does not): that panel's tenant first, so a shared screen never shows
 * a workitem under the wrong name.
 */
export function otherTenantText(state: ConnectionState, focusedTenant: string | undefined): Shown | undefined {
  const connected = tenantName(state);
  if (focusedTenant === undefined || sameTenant(focusedTenant, connected)) return undefined;
  return ours(`$(window) ${l10n.t('{0} (panel) · connected to {1}', focusedTenant, connectionPlace(state))}`);
}

/**
 * The status bar's short text. The codicon prefixes are ours; the host and the user name (a token's
 * `sub` claim) are a server's words and never become an icon.
 */
export function statusBarText(state: ConnectionState): Shown {
  const place = connectionPlace(state);
  const user = shown(state.username ?? '?');
  switch (state.status) {
    case 'idle':
      return ours(`$(plug) ${place}`);
    case 'connecting':
      return ours(`$(sync~spin) ${place}`);
    case 'connected':
      return ours(`$(${state.mode === 'sandbox' ? 'beaker' : 'cloud'}) ${place} · ${user}`);
    case 'signedOut':
      return ours(`$(account) ${state.tenant === undefined ? l10n.t('Sign in to NCX') : l10n.t('Sign in to {0}', state.tenant)}`);
    case 'rejected':
      return ours(`$(warning) ${place} · ${l10n.t('sign in again')}`);
    case 'failed':
      return ours(`$(error) ${place}`);
  }
}
