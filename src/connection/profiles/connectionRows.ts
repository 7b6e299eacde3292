// What the Connections view shows for each connection: the local sandbox, then each named tenant
// with whether it is in use, signed in and protected, in its colour. Its context value tells the
// view's menus which commands apply. No `vscode` import.
import { hostOf } from '../activeSession';
import { ours, shown, type Shown } from '../../model/format/shownText';
import { l10n } from '../../ui/l10n';
import { tenantColor, type TenantColor } from '../tenantColor';
import { isProtectedProfile, type ConnectionProfile } from './connectionProfile';
import { SANDBOX_TENANT, sameTenant } from '../tenantName';

/** A connection row, as a command receives it (a click, a context menu). */
export type ConnectionTarget = { kind: 'sandbox' } | { kind: 'tenant'; name: string };

export interface ConnectionRow {
  target: ConnectionTarget;
  label: Shown;
  /** The login host of a tenant. */
  host?: Shown;
  description: Shown;
  tooltip: Shown[];
  color: TenantColor;
  inUse: boolean;
  /** Whether a session is stored for it (the sandbox signs itself in). */
  signedIn: boolean;
  /** `connection;<sandbox|tenant>;<inUse|idle>;<signedIn|signedOut>;` for the menus' `when` clauses. */
  contextValue: string;
}

export interface ConnectionRowsInput {
  profiles: readonly ConnectionProfile[];
  /** The tenant in use (its name), or `sandbox`. */
  inUse: string | undefined;
  /** The connections with a stored session. */
  signedIn: ReadonlySet<string>;
  protectedByDefault: boolean;
  authSchemeByDefault: string;
}

export function connectionRows(input: ConnectionRowsInput): ConnectionRow[] {
  const sandboxInUse = input.inUse === SANDBOX_TENANT;
  const signedIn = [...input.signedIn];
  const sandbox: ConnectionRow = {
    target: { kind: 'sandbox' },
    label: l10n.t('Local Sandbox'),
    description: sandboxInUse ? l10n.t('in use') : ours(''),
    tooltip: [l10n.t('The local NCX sandbox the extension starts by itself; never protected.')],
    color: 'green',
    inUse: sandboxInUse,
    signedIn: true,
    contextValue: `connection;sandbox;${sandboxInUse ? 'inUse' : 'idle'};signedIn;`,
  };
  const tenants = input.profiles.map((profile): ConnectionRow => {
    const inUse = sameTenant(profile.name, input.inUse);
    const hasSession = signedIn.some((name) => sameTenant(name, profile.name));
    const facts = [
      ...(inUse ? [l10n.t('in use')] : []),
      hasSession ? l10n.t('signed in') : l10n.t('not signed in'),
      isProtectedProfile(profile, input.protectedByDefault) ? l10n.t('protected') : l10n.t('actions allowed'),
    ];
    const host = shown(hostOf(profile.loginUrl) ?? profile.loginUrl);
    return {
      target: { kind: 'tenant', name: profile.name },
      label: shown(profile.name),
      host,
      description: ours(facts.join(' · ')),
      tooltip: [
        l10n.t('Login URL: {0}', profile.loginUrl),
        l10n.t('Host: {0}', host),
        l10n.t('Token sent as: {0}', profile.authScheme ?? input.authSchemeByDefault),
      ],
      color: tenantColor(profile.name, false, profile.color),
      inUse,
      signedIn: hasSession,
      contextValue: `connection;tenant;${inUse ? 'inUse' : 'idle'};${hasSession ? 'signedIn' : 'signedOut'};`,
    };
  });
  return [sandbox, ...tenants];
}
