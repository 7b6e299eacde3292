// The colour a tenant is shown in (panel header, tab): one of the theme's chart colours, so it reads
// well in every theme and no server text ever reaches a style. A named connection may choose its
// colour; otherwise it follows from the name, the same in every window and session.
export const TENANT_COLORS = ['blue', 'green', 'orange', 'purple', 'red', 'yellow'] as const;
export type TenantColor = (typeof TENANT_COLORS)[number];

/** The sandbox is always green: the one place nothing is at stake. */
const SANDBOX_COLOR: TenantColor = 'green';
/** Live tenants never get the sandbox's colour, so none is mistaken for it. */
const LIVE_COLORS: readonly TenantColor[] = TENANT_COLORS.filter((color) => color !== SANDBOX_COLOR);

export function tenantColor(tenant: string, isSandbox: boolean, chosen?: TenantColor): TenantColor {
  if (isSandbox) return SANDBOX_COLOR;
  if (chosen !== undefined) return chosen;
  let hash = 0;
  for (const character of tenant.toLowerCase()) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return LIVE_COLORS[hash % LIVE_COLORS.length] ?? 'blue';
}
