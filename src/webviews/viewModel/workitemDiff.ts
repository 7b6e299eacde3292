// What changed between two versions of a workitem, so a refreshed panel can point at it.
import type { Workitem } from '../../api/schemas';
import { compactJson } from '../../model/format/text';

/** Top-level fields whose value differs (added, removed or changed), in the newer version's key order. */
export function changedFields(previous: Workitem, next: Workitem): string[] {
  const keys = new Set([...Object.keys(next), ...Object.keys(previous)]);
  const before: Record<string, unknown> = previous;
  const after: Record<string, unknown> = next;
  return [...keys].filter((key) => compactJson(before[key]) !== compactJson(after[key]));
}
