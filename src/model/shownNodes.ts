// Remembers what the view was last given for each parent, so that after a fetch the model can name
// exactly the rows that changed: a parent whose list of children changed, or a single row whose
// content changed. Only parents the view has asked for are tracked: nothing else is on screen.
import { boundedStringify } from '../api/boundedJson';
import { ROOT_ID } from './groupKeys';
import type { ModelNode } from './modelNodes';

export function signatureOf(node: ModelNode): string {
  switch (node.kind) {
    case 'group':
      return `group|${node.count}`;
    case 'workitem':
      return `workitem|${node.busy ?? ''}|${boundedStringify(node.workitem).text}`;
    case 'loadMore':
      return `loadMore|${node.loaded}|${node.total}`;
    case 'error':
      return `error|${node.reason}|${node.action}|${node.message}`;
    case 'issues':
      return `issues|${node.invalidCount}|${boundedStringify(node.issues).text}`;
    case 'empty':
      return 'empty';
  }
}

export class ShownNodes {
  /** parent id → (child id → signature), in display order. */
  private readonly shown = new Map<string, Map<string, string>>();

  record(parentId: string, children: readonly ModelNode[]): void {
    this.shown.set(parentId, new Map(children.map((child) => [child.id, signatureOf(child)])));
  }

  clear(): void {
    this.shown.clear();
  }

  /**
   * Compares what is shown with what `render` returns now and records the new state. Parents in
   * `skip` are being fetched for the view right now and will be recorded when it receives them.
   * `render` returns undefined for a parent that no longer exists (its own parent reports it).
   */
  collectChanges(
    render: (parentId: string) => readonly ModelNode[] | undefined,
    skip: ReadonlySet<string>,
  ): string[] {
    const changed = new Set<string>();
    for (const [parentId, before] of [...this.shown]) {
      if (skip.has(parentId)) {
        continue;
      }
      const now = render(parentId);
      if (now === undefined) {
        this.shown.delete(parentId);
        continue;
      }
      const sameIds =
        now.length === before.size && [...before.keys()].every((id, index) => now[index].id === id);
      if (!sameIds) {
        changed.add(parentId);
      } else {
        for (const child of now) {
          if (before.get(child.id) !== signatureOf(child)) {
            changed.add(child.id);
          }
        }
      }
      this.record(parentId, now);
    }
    return withoutCoveredDescendants(changed);
  }
}

/** Refreshing a parent re-renders its subtree, so a changed descendant need not be named too. */
export function withoutCoveredDescendants(ids: ReadonlySet<string>): string[] {
  if (ids.has(ROOT_ID)) {
    return [ROOT_ID];
  }
  return [...ids].filter((id) => {
    for (let slash = id.lastIndexOf('/'); slash > 0; slash = id.lastIndexOf('/', slash - 1)) {
      if (ids.has(id.slice(0, slash))) {
        return false;
      }
    }
    return true;
  });
}
