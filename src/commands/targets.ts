// What a command was invoked on. VS Code passes a tree node (plus every selected node, for
// multi-selection), the webview and other callers pass a workitem id, the palette passes nothing.
import { WorkitemSchema, type Workitem } from '../api/schemas';
import { sameTenant } from '../connection/tenantName';

/** A workitem as the command got it: whole (from the tree) or only its id. */
export type WorkitemTarget = Workitem | string;

export function targetId(target: WorkitemTarget): string {
  return typeof target === 'string' ? target : target.workitemId;
}

/**
 * The tenant of a row listed under a connection that is not in use (the Workitems view shows
 * several tenants at once); undefined for anything else.
 */
export function otherTenantOf(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null || !('tenant' in arg)) return undefined;
  return typeof arg.tenant === 'string' && arg.tenant.length > 0 ? arg.tenant : undefined;
}

/**
 * The workitem a tree node carries, or the argument itself when it is a workitem. A row of a
 * tenant not in use carries none: a command that works on the tenant in use must not get its id.
 */
export function workitemOf(arg: unknown): Workitem | undefined {
  if (typeof arg !== 'object' || arg === null || otherTenantOf(arg) !== undefined) {
    return undefined;
  }
  const carried = 'workitem' in arg ? WorkitemSchema.safeParse(arg.workitem) : undefined;
  if (carried?.success) {
    return carried.data;
  }
  const itself = WorkitemSchema.safeParse(arg);
  return itself.success ? itself.data : undefined;
}

/**
 * The workitems to act on: the clicked row (or the whole selection when the clicked row is part
 * of a multi-selection), an id, or, from the palette, the tree's selection. Empty means "ask".
 */
export function resolveTargets(args: readonly unknown[], selected: () => Workitem[]): WorkitemTarget[] {
  const [first, second] = args;
  if (typeof first === 'string') {
    const id = first.trim();
    return id ? [id] : [];
  }
  const clicked = workitemOf(first);
  if (clicked) {
    const selection = Array.isArray(second)
      ? second.map(workitemOf).filter((item): item is Workitem => item !== undefined)
      : [];
    const clickedIsSelected = selection.some((item) => item.workitemId === clicked.workitemId);
    return clickedIsSelected && selection.length > 1 ? selection : [clicked];
  }
  if (first === undefined) {
    return selected();
  }
  return [];
}

/** The workitem a row of `tenant` (a tenant not in use) carries. */
function otherTenantWorkitemOf(arg: unknown, tenant: string): Workitem | undefined {
  const rowTenant = otherTenantOf(arg);
  if (rowTenant === undefined || !sameTenant(tenant, rowTenant) || typeof arg !== 'object' || arg === null || !('workitem' in arg)) {
    return undefined;
  }
  const carried = WorkitemSchema.safeParse(arg.workitem);
  return carried.success ? carried.data : undefined;
}

/**
 * The workitems of a tenant not in use a command was run on: the clicked row, or the whole
 * selection when the clicked row is part of it (rows of any other tenant in it are left out).
 */
export function otherTenantTargets(args: readonly unknown[], tenant: string): Workitem[] {
  const [first, second] = args;
  const clicked = otherTenantWorkitemOf(first, tenant);
  if (clicked === undefined) return [];
  const selection = Array.isArray(second)
    ? second.map((row) => otherTenantWorkitemOf(row, tenant)).filter((item): item is Workitem => item !== undefined)
    : [];
  const clickedIsSelected = selection.some((item) => item.workitemId === clicked.workitemId);
  return clickedIsSelected && selection.length > 1 ? selection : [clicked];
}
