// The bounds of every walk over a paged list (`pages()`, `listQueues()`). A server's `total` may
// lie and its `start` may be ignored; a walk that trusted them would page forever and hold
// everything it was sent. Each walk stops at a page cap and an item cap with an error that says
// so, stops when pages bring nothing new (the server repeats itself), and honours the caller's
// abort signal between pages.
import { NcxError } from './errors';

export interface ListLimits {
  /** Pages read at most. */
  readonly maxPages: number;
  /** Items held (or yielded) at most. */
  readonly maxItems: number;
}

/** A tenant's workitems: the largest tenant the extension is built for is a million. */
export const WORKITEM_WALK_LIMITS: ListLimits = { maxPages: 5_000, maxItems: 1_000_000 };
/** Queues: tenants have tens; ten thousand is already far past any real one. */
export const QUEUE_LIST_LIMITS: ListLimits = { maxPages: 50, maxItems: 10_000 };
/** Pages in a row that bring nothing new before the walk gives up on the server. */
const REPEATS_TOLERATED = 2;

export class ListWalk {
  private pages = 0;
  private items = 0;
  private repeats = 0;
  private lastTotal: number | undefined;

  /** `what`: the list's name in messages, plural ("queues"). */
  constructor(
    private readonly what: string,
    private readonly limits: ListLimits,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Before each request: throws when cancelled or when the page cap is reached. */
  beforePage(): void {
    if (this.signal?.aborted) {
      throw new NcxError('cancelled', `Reading the ${this.what} was cancelled.`);
    }
    if (this.pages >= this.limits.maxPages) {
      throw this.truncated(`${this.limits.maxPages.toLocaleString('en-US')} pages`);
    }
  }

  /**
   * After each page: `received` objects came, `fresh` of them not seen before in this walk,
   * `next` is the offset of the next page. Returns whether to read another page.
   */
  afterPage(received: number, fresh: number, next: number, total: number): boolean {
    this.pages += 1;
    this.items += fresh;
    this.lastTotal = total;
    if (received === 0 || next >= total) {
      return false;
    }
    this.repeats = fresh === 0 ? this.repeats + 1 : 0;
    if (this.repeats > REPEATS_TOLERATED) {
      throw new NcxError(
        'malformed',
        `The server sent the same ${this.what} again for ${this.repeats} later pages in a row (it seems to ignore the page offset); the list was stopped after ${this.pages} pages.`,
      );
    }
    if (this.items >= this.limits.maxItems) {
      throw this.truncated(`${this.limits.maxItems.toLocaleString('en-US')} ${this.what}`);
    }
    return true;
  }

  private truncated(cap: string): NcxError {
    const claimed = this.lastTotal === undefined ? '' : ` (its total says ${this.lastTotal.toLocaleString('en-US')})`;
    return new NcxError(
      'malformed',
      `The server's list of ${this.what} did not end within ${cap}${claimed}; it was stopped there, ${this.items.toLocaleString('en-US')} ${this.what} read.`,
    );
  }
}
