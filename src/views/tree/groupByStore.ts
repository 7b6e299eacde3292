// Each connection's grouping of the Workitems view, kept per workspace beside its filter: a support
// engineer reads one customer by queue state and another by channel. The `tree.groupBy` setting is
// the grouping of every connection that has not chosen its own with "Group By…". A stored value
// that is not a known grouping (an older version's, one edited by hand) counts as none.
import { GROUP_BY_MODES, type GroupByMode } from '../../config/settings';
import * as z from '../../api/zodMini';
import type { KeyValueState } from './filterStore';

/** Each connection's grouping by name (`sandbox`, or the tenant's). */
export const TENANT_GROUP_BY_KEY = 'workitemInspector.tree.groupBys';

const GroupBysSchema = z.record(z.string(), z.unknown());
const GroupByModeSchema = z.enum(GROUP_BY_MODES);

export class TenantGroupByStore {
  constructor(private readonly state: KeyValueState) {}

  /** The connection's own grouping, when it chose one. */
  read(tenant: string | undefined): GroupByMode | undefined {
    if (tenant === undefined) return undefined;
    const own = GroupByModeSchema.safeParse(this.all()[tenant.toLowerCase()]);
    return own.success ? own.data : undefined;
  }

  async write(tenant: string, mode: GroupByMode): Promise<void> {
    await this.state.update(TENANT_GROUP_BY_KEY, { ...this.all(), [tenant.toLowerCase()]: mode });
  }

  private all(): Record<string, unknown> {
    const parsed = GroupBysSchema.safeParse(this.state.get(TENANT_GROUP_BY_KEY));
    return parsed.success ? parsed.data : {};
  }
}
