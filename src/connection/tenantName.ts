// The name a workitem's connection goes by in links, panels and the action history: `sandbox` for
// the local sandbox, the named connection's name for an NCX tenant (by default the host it answers
// from, `acme.thrio.io`, which is also what the single-connection versions called it).
import type { ConnectionState } from './connectionTypes';

export const SANDBOX_TENANT = 'sandbox';

/** Undefined when an NCX connection does not know its host yet (signed out). */
export function tenantName(state: Pick<ConnectionState, 'mode' | 'host' | 'tenant'>): string | undefined {
  return state.mode === 'sandbox' ? SANDBOX_TENANT : (state.tenant ?? state.host?.toLowerCase());
}

/** The NCX tenant's name, undefined on the sandbox: a question about production names where it goes. */
export function liveTenantName(state: Pick<ConnectionState, 'mode' | 'host' | 'tenant'>): string | undefined {
  return state.mode === 'ncx' ? tenantName(state) : undefined;
}

/** Tenant names compare like host names: without regard to case. */
export function sameTenant(a: string, b: string | undefined): boolean {
  return b !== undefined && a.toLowerCase() === b.toLowerCase();
}
