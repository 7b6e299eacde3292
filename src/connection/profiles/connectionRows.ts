// What the Connections view shows for each connection: the local sandbox, then each named tenant
// with whether it is in use, signed in and protected, in its colour. Its context value tells the
// view's menus which commands apply. No `vscode` import.
import { hostOf } from '../activeSession';
import { ours, shown, type Shown } from '../../model/format/shownText';
import { l10n } from '../../ui/l10n';
import { tenantColor, type TenantColor } from '../tenantColor';
import type { ConnectionProfile } from './connectionProfile';

/** A connection row, as a command receives it (a click, a context menu). */
export type ConnectionTarget = { kind: 'sandbox' } | { kind: 'tenant'; name: string };

export interface ConnectionRow {
  target: ConnectionTarget;
  label: Shown;
  description: Shown;
  tooltip: Shown[];
  color: TenantColor;
  inUse: boolean;
  /** `connection;<sandbox|tenant>;<inUse|idle>;<signedIn|signedOut>;` for the menus' `when` clauses. */
  contextValue: string;
}

export interface ConnectionRowsInput {
  profiles: readonly ConnectionProfile[];
  /** The tenant in use (its name), or `sandbox`. */
  inUse: string | undefined;
  signedIn(name: string): boolean;
  protectedByDefault: boolean;
  authSchemeByDefault: string;
}

export function connectionRows(input: ConnectionRowsInput): ConnectionRow[] {
  const sandboxInUse = input.inUse === 'sandbox';
  const sandbox: ConnectionRow = {
    target: { kind: 'sandbox' },
    label: l10n.t('Local Sandbox'),
    description: sandboxInUse ? l10n.t('in use') : ours(''),
    tooltip: [l10n.t('The local NCX sandbox the extension starts by itself; never protected.')],
    color: 'green',
    inUse: sandboxInUse,
    contextValue: `connection;sandbox;${sandboxInUse ? 'inUse' : 'idle'};signedIn;`,
  };
  const tenants = input.profiles.map((profile): ConnectionRow => {
    const inUse = input.inUse !== undefined && input.inUse.toLowerCase() === profile.name.toLowerCase();
    const signedIn = input.signedIn(profile.name);
    const isProtected = profile.protected ?? input.protectedByDefault;
    const facts = [
      ...(inUse ? [l10n.t('in use')] : []),
      signedIn ? l10n.t('signed in') : l10n.t('not signed in'),
      isProtected ? l10n.t('protected') : l10n.t('actions allowed'),
    ];
    return {
      target: { kind: 'tenant', name: profile.name },
      label: shown(profile.name),
      description: ours(facts.join(' · ')),
      tooltip: [
        l10n.t('Login URL: {0}', profile.loginUrl),
        l10n.t('Host: {0}', hostOf(profile.loginUrl) ?? profile.loginUrl),
        l10n.t('Token sent as: {0}', profile.authScheme ?? input.authSchemeByDefault),
      ],
      color: tenantColor(profile.name, false, profile.color),
      inUse,
      contextValue: `connection;tenant;${inUse ? 'inUse' : 'idle'};${signedIn ? 'signedIn' : 'signedOut'};`,
    };
  });
  return [sandbox, ...tenants];
}
