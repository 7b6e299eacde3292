// A tree model over the live sandbox opened the way a person watching traffic would: the busy
// states expanded, and every channel group beneath them, with small pages so windows fill up.
import { ROOT_ID } from '../../../../src/model/groupKeys';
import { WorkitemTreeModel } from '../../../../src/model/workitemTreeModel';
import type { LiveSandbox } from './liveSandbox';
import { RecordingApi } from './recordingApi';

export const PAGE_SIZE = 8;
/** States whose groups the tests open, with every channel group beneath them. */
const OPENED_STATES = ['inqueue', 'active', 'hold', 'terminated'];

export interface OpenTree {
  model: WorkitemTreeModel;
  api: RecordingApi;
  expanded: string[];
}

/** A model over the live sandbox with the busy states and all their channel groups open. */
export async function openTree(
  live: LiveSandbox,
  options: { filter?: string; changeFeed?: boolean; maxConcurrentRequests?: number } = {},
  api: RecordingApi = new RecordingApi(live.api),
): Promise<OpenTree> {
  const model = new WorkitemTreeModel({ api, pageSize: PAGE_SIZE, ...options });
  const expanded: string[] = [];
  for (const node of await model.getChildren(ROOT_ID)) {
    if (node.kind === 'group' && OPENED_STATES.includes(node.value)) {
      expanded.push(node.id);
      for (const child of await model.getChildren(node.id)) {
        if (child.kind === 'group') {
          expanded.push(child.id);
          await model.getChildren(child.id);
        }
      }
    }
  }
  api.reset();
  return { model, api, expanded };
}

