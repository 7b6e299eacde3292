// What a tree view would have on screen, taken from the model the way VS Code asks for it, so the
// model's change events can be checked against an independent before/after comparison; and a view
// whose visibility the benchmark switches.
import { ROOT_ID } from '../../../src/model/groupKeys';
import type { ModelNode } from '../../../src/model/modelNodes';
import type { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import type { VisibilitySource } from '../../../src/views/tree/refreshManager';

export class FakeView implements VisibilitySource {
  private readonly listeners = new Set<(event: { readonly visible: boolean }) => void>();
  visible = true;

  onDidChangeVisibility(listener: (event: { readonly visible: boolean }) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    for (const listener of this.listeners) {
      listener({ visible });
    }
  }
}

/** What a row shows, for telling whether it changed; a parent's order of children too. */
function appearance(node: ModelNode): string {
  return JSON.stringify(node);
}

export type Snapshot = Map<string, { content: string; kind?: ModelNode['kind']; children?: string }>;

/** Everything on screen: the rows under the root and under each expanded group, as the view would ask. */
export async function snapshot(model: WorkitemTreeModel, expanded: readonly string[]): Promise<Snapshot> {
  const shown: Snapshot = new Map();
  for (const parentId of [ROOT_ID, ...expanded]) {
    const rows = await model.getChildren(parentId);
    const parent = shown.get(parentId) ?? { content: '' };
    shown.set(parentId, { ...parent, children: rows.map((row) => row.id).join('\n') });
    for (const row of rows) {
      shown.set(row.id, { ...shown.get(row.id), content: appearance(row), kind: row.kind });
    }
  }
  return shown;
}

/** Ids whose own row or whose list of children differs between two snapshots. */
export function changedIds(before: Snapshot, after: Snapshot): Set<string> {
  const changed = new Set<string>();
  for (const [id, now] of after) {
    const then = before.get(id);
    if (then === undefined) {
      continue; // a new row: its parent's list of children changed
    }
    if (then.children !== now.children) {
      changed.add(id);
    }
    if (id !== ROOT_ID && then.content !== now.content) {
      changed.add(id);
    }
  }
  return changed;
}

/** Whether a reported id (the row itself, or a parent refreshed whole) covers `id`. */
export function isCoveredBy(id: string, reported: ReadonlySet<string>): boolean {
  if (reported.has(ROOT_ID) || reported.has(id)) {
    return true;
  }
  for (let slash = id.lastIndexOf('/'); slash > 0; slash = id.lastIndexOf('/', slash - 1)) {
    if (reported.has(id.slice(0, slash))) {
      return true;
    }
  }
  return false;
}
