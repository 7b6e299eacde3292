// Which action buttons a workitem gets: the actions it offers, that this version knows how to
// run, and that the signed-in token may run.
import { ACTION_CATALOG } from '../api/actions/catalog';
import { hasPermission, WORKITEM_ACTIONS, type Permission, type WorkitemAction } from '../api/domain';
import type { Workitem } from '../api/schemas';

export interface ActionAvailability {
  /** In WORKITEM_ACTIONS order, without repeats. */
  allowed: WorkitemAction[];
  /** Offered by the workitem but refused by the token's permissions. */
  notPermitted: Array<{ action: WorkitemAction; needs: Permission }>;
}

export function availableActions(workitem: Workitem, permissions: readonly string[]): ActionAvailability {
  const offered = new Set(workitem.actions ?? []);
  const availability: ActionAvailability = { allowed: [], notPermitted: [] };
  for (const action of WORKITEM_ACTIONS) {
    if (!offered.has(action)) {
      continue;
    }
    const needs = ACTION_CATALOG[action].permission;
    if (hasPermission(permissions, needs)) {
      availability.allowed.push(action);
    } else {
      availability.notPermitted.push({ action, needs });
    }
  }
  return availability;
}
