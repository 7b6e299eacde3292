// Heap readings that mean something: a full collection first, so only live objects are counted.
// Needs `node --expose-gc`; without it the readings are refused rather than made up.

export function canMeasureHeap(): boolean {
  return typeof gc === 'function';
}

/** Live heap bytes after full collections. */
export function liveHeapBytes(): number {
  if (typeof gc !== 'function') {
    throw new Error('heap readings need node --expose-gc');
  }
  // Two passes: objects freed by the first may hold the last references to others (weak maps, finalizers).
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
