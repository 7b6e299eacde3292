// A stable number in [0, 1) for a string (FNV-1a). The simulator derives a workitem's dwell times
// and next step from it, so it needs no memory of its own and carries on seamlessly after a
// restart and a replayed journal.

export function stableUnit(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 4294967296;
}
