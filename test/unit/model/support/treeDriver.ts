// Small helpers to read the model the way the view does and to watch what it reports.
import type { ModelChange, ModelNode } from '../../../../src/model/modelNodes';
import type { WorkitemTreeModel } from '../../../../src/model/workitemTreeModel';

/** One short line per row, enough to compare whole levels in one assertion. */
export function rowOf(node: ModelNode): string {
  switch (node.kind) {
    case 'group':
      return `${node.id} (${node.count})`;
    case 'workitem':
      return node.busy === undefined ? node.workitem.workitemId : `${node.workitem.workitemId} [${node.busy}]`;
    case 'loadMore':
      return `load more ${node.loaded}/${node.total}`;
    case 'error':
      return `error ${node.reason} ${node.action}`;
    case 'issues':
      return `issues ${node.invalidCount}`;
    case 'empty':
      return 'empty';
  }
}

export async function rows(model: WorkitemTreeModel, parentId?: string): Promise<string[]> {
  return (await model.getChildren(parentId)).map(rowOf);
}

/** Expands like a person would: the top level first, then each group of the path in turn. */
export async function open(model: WorkitemTreeModel, ...path: string[]): Promise<string[]> {
  let last = await rows(model);
  for (const id of path) {
    last = await rows(model, id);
  }
  return last;
}

export interface ChangeLog {
  readonly batches: Array<readonly string[]>;
  /** Every id reported, sorted. */
  all(): string[];
  dispose(): void;
}

export function watchChanges(model: WorkitemTreeModel): ChangeLog {
  const batches: Array<readonly string[]> = [];
  const subscription = model.onDidChange((change: ModelChange) => batches.push(change.nodeIds));
  return {
    batches,
    all: () => batches.flat().sort(),
    dispose: () => subscription.dispose(),
  };
}

/** Lets every queued request of the fake answer (it answers on setImmediate). */
export async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
