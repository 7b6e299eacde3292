// Opening a linked workitem: only in the tenant the link names. When the inspector is connected
// elsewhere it says so and offers to switch (sign in, or the local sandbox); it never opens the id
// in another tenant, where the same id may be another customer's workitem.
import { sameTenant, SANDBOX_TENANT, tenantName } from '../connection/tenantName';
import type { ConnectionHooks, DetailPanelHooks } from '../commands/context';
import { l10n } from '../ui/l10n';
import type { Ui } from '../ui/ui';
import type { WorkitemLink } from './workitemLink';

export interface OpenLinkDeps {
  ui: Pick<Ui, 'warn'>;
  connection: Pick<ConnectionHooks, 'state'>;
  panels: Pick<DetailPanelHooks, 'open'>;
  signIn(): Promise<void>;
  useSandbox(): Promise<void>;
}

export type OpenLinkResult = 'opened' | 'otherTenant';

export async function openWorkitemLink(deps: OpenLinkDeps, link: WorkitemLink): Promise<OpenLinkResult> {
  if (sameTenant(link.tenant, tenantName(deps.connection.state))) {
    await deps.panels.open(link.id);
    return 'opened';
  }
  const current = tenantName(deps.connection.state) ?? l10n.t('no tenant');
  const toSandbox = link.tenant === SANDBOX_TENANT;
  const switchLabel = toSandbox ? l10n.t('Use Local Sandbox') : l10n.t('Sign In to {0}…', link.tenant);
  const choice = await deps.ui.warn(
    l10n.t('{0} is in {1}, but the inspector is connected to {2}. Nothing was opened.', link.id, link.tenant, current),
    switchLabel,
  );
  if (choice !== switchLabel) {
    return 'otherTenant';
  }
  await (toSandbox ? deps.useSandbox() : deps.signIn());
  if (sameTenant(link.tenant, tenantName(deps.connection.state))) {
    await deps.panels.open(link.id);
    return 'opened';
  }
  void deps.ui.warn(
    l10n.t('Still connected to {0}, not {1}: {2} was not opened.', tenantName(deps.connection.state) ?? l10n.t('no tenant'), link.tenant, link.id),
  );
  return 'otherTenant';
}
