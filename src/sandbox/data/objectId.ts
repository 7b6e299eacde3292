// MongoDB ObjectId layout (4-byte seconds, 5-byte process tag, 3-byte counter), so `_id`s look
// like the ones NCX stores while staying deterministic.
import type { Rng } from './prng';

export function objectId(timestampMs: number, processTag: string, counter: number): string {
  const seconds = Math.floor(timestampMs / 1000) >>> 0;
  return seconds.toString(16).padStart(8, '0') + processTag + (counter & 0xffffff).toString(16).padStart(6, '0');
}

/** Ten hex digits standing for the ObjectId's per-process random bytes. */
export function processTagFrom(rng: Rng): string {
  return (
    rng.int(0, 0xfffff).toString(16).padStart(5, '0') + rng.int(0, 0xfffff).toString(16).padStart(5, '0')
  );
}
