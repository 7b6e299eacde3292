// The objects VS Code holds for each row. One instance per node id lives as long as the row, and
// is updated in place, because VS Code finds a row to refresh by the element object it was given.
// Commands receive these nodes: a WorkitemNode carries `workitem`, a MessageNode `issues`.
import type * as vscode from 'vscode';
import type { Workitem } from '../../api/schemas';
import type { ValidationIssue } from '../../api/workitemsApi';
import type { GroupDimension } from '../../model/groupKeys';
import type {
  ErrorModelNode,
  FetchFailureReason,
  GroupModelNode,
  LoadMoreModelNode,
  ModelNode,
  ModelNodeKind,
  WorkitemModelNode,
} from '../../model/modelNodes';
import {
  emptyTreeItem,
  errorTreeItem,
  groupTreeItem,
  issuesTreeItem,
  loadMoreTreeItem,
  workitemClickCommand,
  workitemTreeItem,
} from './treeItems';
import type { NameLookup } from '../../model/names/nameDirectory';

export interface TreeItemContext {
  readonly now: number;
  /** Authorities of the current token: menus offer only the actions they allow. */
  readonly permissions: readonly string[];
  /** Names of the queues and agents rows mention. */
  readonly names: NameLookup;
  /** The SLA of the workitem's queue for its channel (ms), when known. */
  slaMsOf?(workitem: Workitem): number | undefined;
  /** The `q` of a group, for its tooltip. */
  queryOf(groupId: string): string | undefined;
}

export abstract class TreeNode {
  /**
   * A model row's kind, `pinned` for a saved query pinned at the top (src/views/tree/pinnedNode.ts),
   * `connection` for a connection's row and `hint` for the line under one that is not read
   * (src/views/tree/connectionRootNode.ts).
   */
  abstract readonly kind: ModelNodeKind | 'pinned' | 'connection' | 'hint';
  /**
   * The tenant of a row listed under a connection that is not in use (src/views/tree/tenantBranches.ts);
   * undefined for the rows of the one in use. Commands read it so that nothing meant for one tenant
   * reaches another.
   */
  tenant: string | undefined = undefined;

  protected constructor(
    readonly id: string,
    readonly parentId: string,
  ) {}

  /** Takes the newest data for the same id. */
  abstract update(model: ModelNode): void;

  abstract toTreeItem(context: TreeItemContext): vscode.TreeItem;
}

export class GroupNode extends TreeNode {
  readonly kind = 'group';
  private data: GroupModelNode;
  dimension: GroupDimension;
  value: string;
  count: number;

  constructor(model: GroupModelNode) {
    super(model.id, model.parentId);
    this.data = model;
    this.dimension = model.dimension;
    this.value = model.value;
    this.count = model.count;
  }

  update(model: ModelNode): void {
    if (model.kind === 'group') {
      this.data = model;
      this.count = model.count;
    }
  }

  toTreeItem(context: TreeItemContext): vscode.TreeItem {
    return groupTreeItem(this.data, context.queryOf(this.id));
  }
}

export class WorkitemNode extends TreeNode {
  readonly kind = 'workitem';
  readonly workitemId: string;
  workitem: Workitem;
  busy: string | undefined;

  constructor(model: WorkitemModelNode) {
    super(model.id, model.parentId);
    this.workitemId = model.workitem.workitemId;
    this.workitem = model.workitem;
    this.busy = model.busy;
  }

  update(model: ModelNode): void {
    if (model.kind === 'workitem') {
      this.workitem = model.workitem;
      this.busy = model.busy;
    }
  }

  toTreeItem(context: TreeItemContext): vscode.TreeItem {
    const item = workitemTreeItem({ kind: 'workitem', id: this.id, parentId: this.parentId, workitem: this.workitem, busy: this.busy }, context);
    item.command = workitemClickCommand(this);
    return item;
  }
}

export class LoadMoreNode extends TreeNode {
  readonly kind = 'loadMore';
  loaded: number;
  total: number;

  constructor(model: LoadMoreModelNode) {
    super(model.id, model.parentId);
    this.loaded = model.loaded;
    this.total = model.total;
  }

  update(model: ModelNode): void {
    if (model.kind === 'loadMore') {
      this.loaded = model.loaded;
      this.total = model.total;
    }
  }

  toTreeItem(): vscode.TreeItem {
    return loadMoreTreeItem({ kind: 'loadMore', id: this.id, parentId: this.parentId, loaded: this.loaded, total: this.total }, this);
  }
}

/** An error, a "N invalid workitems" or an "empty" row. */
export class MessageNode extends TreeNode {
  readonly kind: 'error' | 'issues' | 'empty';
  private data: Extract<ModelNode, { kind: 'error' | 'issues' | 'empty' }>;
  /** For `issues`: what failed validation (read by the "Show Validation Issues" command). */
  issues: readonly ValidationIssue[] = [];
  /** For `error`. */
  reason: FetchFailureReason | undefined;
  action: ErrorModelNode['action'] | undefined;
  message: string | undefined;

  constructor(model: Extract<ModelNode, { kind: 'error' | 'issues' | 'empty' }>) {
    super(model.id, model.parentId);
    this.kind = model.kind;
    this.data = model;
    this.update(model);
  }

  update(model: ModelNode): void {
    if (model.kind !== this.kind) {
      return;
    }
    if (model.kind === 'issues') {
      this.data = model;
      this.issues = model.issues;
    } else if (model.kind === 'error') {
      this.data = model;
      this.reason = model.reason;
      this.action = model.action;
      this.message = model.message;
    }
  }

  toTreeItem(): vscode.TreeItem {
    switch (this.data.kind) {
      case 'error':
        return errorTreeItem(this.data, this);
      case 'issues':
        return issuesTreeItem(this.data, this);
      case 'empty':
        return emptyTreeItem(this.data);
    }
  }
}

export function createTreeNode(model: ModelNode): TreeNode {
  switch (model.kind) {
    case 'group':
      return new GroupNode(model);
    case 'workitem':
      return new WorkitemNode(model);
    case 'loadMore':
      return new LoadMoreNode(model);
    default:
      return new MessageNode(model);
  }
}
