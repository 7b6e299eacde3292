// The trees of the tenants that are not in use, shown in the Workitems view under their connection
// rows: one WorkitemTreeModel per tenant, read through that tenant's own client, built the first time
// its row is expanded. A tenant whose row is collapsed sends nothing: it is never built, or, once
// built, left out of every refresh until expanded again. Its rows carry ids of their own
// (`connection:<tenant>›<model id>`), so the same workitem id in two tenants is two rows.
// No `vscode` import.
import type { Workitem } from '../../api/schemas';
import type { GroupByMode } from '../../config/settings';
import type { WorkitemsApi } from '../../api/workitemsApi';
import { ROOT_ID } from '../../model/groupKeys';
import { sameTenant } from '../../connection/tenantName';
import type { ModelChange, ModelNode } from '../../model/modelNodes';
import { WorkitemTreeModel, type WorkitemTreeModelOptions } from '../../model/workitemTreeModel';

const SEPARATOR = '›';

/** The id of a connection's row in the Workitems view (the same for every kind of connection). */
export function connectionRootId(tenant: string): string {
  return `connection:${tenant.toLowerCase()}`;
}

/** A branch row's id: the model's id under its tenant's row (ROOT_ID: the tenant's row itself). */
export function branchNodeId(tenant: string, modelId: string): string {
  return modelId === ROOT_ID ? connectionRootId(tenant) : `${connectionRootId(tenant)}${SEPARATOR}${modelId}`;
}

/** The tenant (lower case) and model id of a branch row's id; undefined for a row of the tenant in use. */
export function parseBranchNodeId(id: string): { key: string; modelId: string } | undefined {
  if (!id.startsWith('connection:')) return undefined;
  const at = id.indexOf(SEPARATOR);
  return at < 0
    ? { key: id.slice('connection:'.length), modelId: ROOT_ID }
    : { key: id.slice('connection:'.length, at), modelId: id.slice(at + SEPARATOR.length) };
}

export interface TenantBranchesDeps {
  apiFor(tenant: string): WorkitemsApi;
  /** The tenant's grouping, page size, filter… as they are now. */
  options(tenant: string): Omit<WorkitemTreeModelOptions, 'api'>;
  /** Rows of a branch changed (branch ids; the connection row's id stands for the whole branch). */
  onChange(tenant: string, nodeIds: readonly string[]): void;
}

interface Branch {
  readonly tenant: string;
  readonly model: WorkitemTreeModel;
  /** Whether its connection row is expanded now: only then is it refreshed. */
  expanded: boolean;
  readonly subscription: { dispose(): void };
}

export class TenantBranches {
  private readonly branches = new Map<string, Branch>();

  constructor(private readonly deps: TenantBranchesDeps) {}

  /** The tenant's rows under `modelId` (ROOT_ID: its top level), fetched when not held yet. */
  async children(tenant: string, modelId: string = ROOT_ID): Promise<ModelNode[]> {
    const branch = this.branchOf(tenant);
    if (modelId === ROOT_ID) branch.expanded = true;
    const nodes = await branch.model.getChildren(modelId);
    return nodes.map((node) => this.inBranch(branch.tenant, node));
  }

  /** A branch row as last rendered, by its branch id. */
  findNode(id: string): ModelNode | undefined {
    const at = this.locate(id);
    const node = at?.branch.model.findNode(at.modelId);
    return at && node && this.inBranch(at.branch.tenant, node);
  }

  /** The tenant a branch id belongs to, as it was named when its branch was built. */
  tenantOf(id: string): string | undefined {
    return this.locate(id)?.branch.tenant;
  }

  /** A connection row or a group of a branch was expanded or collapsed. */
  async setExpanded(id: string, expanded: boolean): Promise<void> {
    const at = this.locate(id);
    if (at === undefined) return;
    if (at.modelId === ROOT_ID) at.branch.expanded = expanded;
    else await at.branch.model.setExpanded(at.modelId, expanded);
  }

  async loadMore(id: string): Promise<void> {
    const at = this.locate(id);
    await at?.branch.model.loadMore(at.modelId);
  }

  async retry(id: string): Promise<void> {
    const at = this.locate(id);
    await at?.branch.model.retry(at.modelId);
  }

  /** Shows `text` with a spinner on the workitem's row in the tenant's tree; undefined removes it. */
  setBusy(tenant: string, workitemId: string, text: string | undefined): void {
    this.branches.get(tenant.toLowerCase())?.model.setBusy(workitemId, text);
  }

  /**
   * An action's answer in the tenant's tree: the workitem as it is now moved in the counts and rows
   * held, without a request where the change feed keeps them; otherwise one refresh cycle.
   */
  async showAnswer(tenant: string, workitem: Workitem | undefined): Promise<void> {
    const model = this.branches.get(tenant.toLowerCase())?.model;
    if (model !== undefined && (workitem === undefined || !model.applyAnswers([workitem]))) await model.refresh();
  }

  /** One ordinary refresh cycle of every expanded branch (the change feed where it can be used). */
  async refresh(): Promise<void> {
    await Promise.all(this.expanded().map((branch) => branch.model.refresh()));
  }

  /** The Refresh command: every expanded branch counted again, or `tenant`'s alone (run on its row). */
  async recount(tenant?: string): Promise<void> {
    const branches = this.expanded().filter((branch) => tenant === undefined || sameTenant(branch.tenant, tenant));
    await Promise.all(branches.map((branch) => branch.model.recount()));
  }

  /** The settings changed: each branch takes the grouping, page size, sort and feed of its tenant. */
  applySettings(): void {
    for (const branch of this.branches.values()) {
      const options = this.deps.options(branch.tenant);
      if (options.groupBy !== undefined) branch.model.setGroupBy(options.groupBy);
      if (options.pageSize !== undefined) branch.model.setPageSize(options.pageSize);
      if (options.sortBy !== undefined) branch.model.setSortBy(options.sortBy);
      if (options.changeFeed !== undefined) branch.model.setChangeFeed(options.changeFeed);
    }
  }

  /** A tenant's own grouping, chosen on its row: its tree starts over grouped so. */
  setGroupBy(tenant: string, mode: GroupByMode): void {
    this.branches.get(tenant.toLowerCase())?.model.setGroupBy(mode);
  }

  /** A tenant's own filter, set on its row: its tree starts over filtered so (undefined: everything). */
  setFilter(tenant: string, filter: string | undefined): void {
    this.branches.get(tenant.toLowerCase())?.model.setFilter(filter);
  }

  /** Drops the branches of tenants `keep` says no to (now in use, removed, signed out). */
  retain(keep: (tenant: string) => boolean): void {
    for (const [key, branch] of [...this.branches]) {
      if (!keep(branch.tenant)) {
        this.branches.delete(key);
        branch.subscription.dispose();
        branch.model.dispose();
      }
    }
  }

  /** The tenants with a branch built (for tests and the benchmark). */
  builtTenants(): string[] {
    return [...this.branches.values()].map((branch) => branch.tenant);
  }

  /** The model of a tenant's branch, when built (tests read its counts). */
  modelOf(tenant: string): WorkitemTreeModel | undefined {
    return this.branches.get(tenant.toLowerCase())?.model;
  }

  dispose(): void {
    this.retain(() => false);
  }

  /** The built branch a branch id belongs to, and the model's id of the row. */
  private locate(id: string): { branch: Branch; modelId: string } | undefined {
    const parsed = parseBranchNodeId(id);
    const branch = parsed && this.branches.get(parsed.key);
    return parsed && branch && { branch, modelId: parsed.modelId };
  }

  private expanded(): Branch[] {
    return [...this.branches.values()].filter((branch) => branch.expanded);
  }

  private branchOf(tenant: string): Branch {
    const key = tenant.toLowerCase();
    const held = this.branches.get(key);
    if (held !== undefined) return held;
    const model = new WorkitemTreeModel({ ...this.deps.options(tenant), api: this.deps.apiFor(tenant) });
    const subscription = model.onDidChange((change: ModelChange) =>
      this.deps.onChange(
        tenant,
        change.nodeIds.map((id) => branchNodeId(tenant, id)),
      ),
    );
    const branch: Branch = { tenant, model, expanded: false, subscription };
    this.branches.set(key, branch);
    return branch;
  }

  private inBranch(tenant: string, node: ModelNode): ModelNode {
    return { ...node, id: branchNodeId(tenant, node.id), parentId: branchNodeId(tenant, node.parentId) };
  }
}
