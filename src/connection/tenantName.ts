// The name a workitem's connection goes by in links and in the action history: `sandbox` for the
// local sandbox, the host (`acme.thrio.io`) for an NCX tenant. One connection today; named
// connections will give each its own name.
import type { ConnectionState } from './connectionTypes';

export const SANDBOX_TENANT = 'sandbox';

/** Undefined when an NCX connection does not know its host yet (signed out). */
export function tenantName(state: Pick<ConnectionState, 'mode' | 'host'>): string | undefined {
  return state.mode === 'sandbox' ? SANDBOX_TENANT : state.host?.toLowerCase();
}

/** Tenant names compare like host names: without regard to case. */
export function sameTenant(a: string, b: string | undefined): boolean {
  return b !== undefined && a.toLowerCase() === b.toLowerCase();
}
