// Reading the Workitems view the way VS Code does: the provider's getChildren, with groups expanded
// in the view itself (reveal with expand), so the rows compared are the rows on screen. Nodes come
// from the extension's bundle, so they are told apart by `kind`, never by instanceof.
import type { GroupNode, LoadMoreNode, TreeNode, WorkitemNode } from '../../../src/views/tree/treeNodes';
import type { WorkitemInspectorApi } from './inspector';
import type { ConnectionRootNode } from '../../../src/views/tree/connectionRootNode';

export type { GroupNode, LoadMoreNode, TreeNode, WorkitemNode };

type Tree = WorkitemInspectorApi['tree'];

export function isGroup(node: TreeNode): node is GroupNode {
  return node.kind === 'group';
}

export function isWorkitem(node: TreeNode): node is WorkitemNode {
  return node.kind === 'workitem';
}

export function isLoadMore(node: TreeNode): node is LoadMoreNode {
  return node.kind === 'loadMore';
}

/**
 * The top rows of the connection in use: the view's top level, or, once named connections exist and
 * the view lists them, the rows under the one in use.
 */
export async function rootNodes(tree: Tree): Promise<TreeNode[]> {
  const top = await tree.getChildren();
  const inUse = top.find((node): node is ConnectionRootNode => node.kind === 'connection' && (node as ConnectionRootNode).row.inUse);
  return inUse === undefined ? top : tree.getChildren(inUse);
}

/** Expands the group in the view, then returns its rows. */
export async function expandGroup(tree: Tree, group: GroupNode): Promise<TreeNode[]> {
  await tree.view.reveal(group, { expand: true, select: false, focus: false });
  return tree.getChildren(group);
}

/** The group among `nodes` with this value (a state or channel), or a failure that lists what is there. */
export function groupWithValue(nodes: readonly TreeNode[], value: string): GroupNode {
  const group = nodes.filter(isGroup).find((node) => node.value === value);
  if (group === undefined) {
    const values = nodes.filter(isGroup).map((node) => `${node.value} (${node.count})`);
    throw new Error(`no group "${value}" among ${values.join(', ') || 'no groups'}`);
  }
  return group;
}

export function workitemIdsOf(nodes: readonly TreeNode[]): string[] {
  return nodes.filter(isWorkitem).map((node) => node.workitemId);
}

export function groupCountsOf(nodes: readonly TreeNode[]): Array<{ value: string; count: number }> {
  return nodes.filter(isGroup).map((node) => ({ value: node.value, count: node.count }));
}

/**
 * The id of the group row that lists the workitem, found the way "Open by ID" finds it: the tree
 * locates, expands and selects its row. Undefined when the tree does not list it.
 */
export async function groupPathOf(tree: Tree, workitemId: string): Promise<string | undefined> {
  if (!(await tree.reveal(workitemId))) {
    return undefined;
  }
  const row = tree.view.selection.find((node) => isWorkitem(node) && node.workitemId === workitemId);
  return row?.parentId;
}
