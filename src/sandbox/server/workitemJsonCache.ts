// The JSON of the workitems searched most, encoded once. The tree asks for the same first pages
// again and again (every refresh, every window), and writing a page of workitems as JSON text was
// the largest part of a search answer's cost: stringifying it, then encoding the text for the
// socket. The store never changes a workitem in place (it stores the new object the state machine
// returns), so an encoding stays right for as long as its object is the one stored; a replaced
// object is simply not asked for again and ages out.
import type { Workitem } from '../../api/schemas';
import { EncodedJson } from './reply';

/** About 20 MB: every first page the tree can show, many times over. */
export const DEFAULT_CACHED_WORKITEMS = 20_000;

export class WorkitemJsonCache {
  /** Each workitem's JSON followed by a comma, so a page is its pieces back to back. */
  private readonly encoded = new Map<Workitem, Buffer>();

  constructor(private readonly capacity = DEFAULT_CACHED_WORKITEMS) {}

  /** Workitems whose encoding is held. */
  get size(): number {
    return this.encoded.size;
  }

  private withComma(workitem: Workitem): Buffer {
    let bytes = this.encoded.get(workitem);
    if (bytes === undefined) {
      bytes = Buffer.from(`${JSON.stringify(workitem)},`, 'utf8');
      if (this.encoded.size >= this.capacity) {
        // Maps iterate in insertion order: the oldest entry goes first.
        const oldest = this.encoded.keys().next();
        if (!oldest.done) {
          this.encoded.delete(oldest.value);
        }
      }
      this.encoded.set(workitem, bytes);
    }
    return bytes;
  }

  /** The search envelope `{count, total, objects}`, byte for byte as JSON.stringify would write it. */
  envelope(total: number, objects: readonly Workitem[]): EncodedJson {
    const chunks: Buffer[] = [Buffer.from(`{"count":${objects.length},"total":${total},"objects":[`, 'utf8')];
    for (let i = 0; i < objects.length; i++) {
      const bytes = this.withComma(objects[i]);
      // The last workitem's comma is left out by a view on the same bytes, not a copy.
      chunks.push(i === objects.length - 1 ? bytes.subarray(0, bytes.length - 1) : bytes);
    }
    chunks.push(Buffer.from(']}', 'utf8'));
    return new EncodedJson(chunks);
  }
}
