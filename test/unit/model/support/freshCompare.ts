// Compares what a long-lived tree model shows with what a model built from scratch shows for the
// same expanded groups: every group count equal, and every open workitem group's rows the first
// rows of the fresh one (a window the feed shrank when rows left it shows fewer, never others; its
// count is its parent's group row, compared there).
import type { WorkitemsApi } from '../../../../src/api/workitemsApi';
import { ROOT_ID } from '../../../../src/model/groupKeys';
import type { ModelNode } from '../../../../src/model/modelNodes';
import { WorkitemTreeModel } from '../../../../src/model/workitemTreeModel';

function lineOf(node: ModelNode): string {
  switch (node.kind) {
    case 'group':
      return `${node.id} (${node.count})`;
    case 'workitem':
      return `${node.workitem.workitemId} ${node.workitem.state} @${node.workitem.modifiedAt ?? '?'}`;
    case 'loadMore':
      return `more of ${node.total}`;
    default:
      return node.kind;
  }
}

/** The rows under the root and under each expanded group, one line each. */
export async function shownLines(model: WorkitemTreeModel, expanded: readonly string[]): Promise<Map<string, string[]>> {
  const shown = new Map<string, string[]>();
  for (const parentId of [ROOT_ID, ...expanded]) {
    shown.set(parentId, (await model.getChildren(parentId)).map(lineOf));
  }
  return shown;
}

/** Differences between the model and a fresh one, as readable lines (empty: the same). */
export async function differencesFromFresh(
  model: WorkitemTreeModel,
  api: WorkitemsApi,
  expanded: readonly string[],
  pageSize: number,
): Promise<string[]> {
  const held = await shownLines(model, expanded);
  const filter = model.getFilter();
  const fresh = new WorkitemTreeModel({ api, pageSize, groupBy: model.getGroupBy(), ...(filter !== undefined ? { filter } : {}) });
  try {
    const truth = await shownLines(fresh, expanded);
    const differences: string[] = [];
    for (const [parentId, lines] of truth) {
      const mine = held.get(parentId) ?? [];
      const rowsOnly = (all: readonly string[]): string[] => all.filter((line) => line.startsWith('wi_'));
      const myRows = rowsOnly(mine);
      const freshRows = rowsOnly(lines);
      const windowOk = freshRows.length >= myRows.length && myRows.every((line, index) => freshRows[index] === line);
      // "Load more" is left out: a window the feed shrank offers it where a fresh one shows every row.
      const otherLines = (all: readonly string[]): string => all.filter((line) => !line.startsWith('wi_') && !line.startsWith('more')).join(' | ');
      if (!windowOk || otherLines(mine) !== otherLines(lines)) {
        differences.push(`${parentId || '(root)'}:\n  held:  ${mine.join(', ')}\n  fresh: ${lines.join(', ')}`);
      }
    }
    return differences;
  } finally {
    fresh.dispose();
  }
}
