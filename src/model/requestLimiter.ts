// Caps how many requests the tree has in flight at once: a refresh of many expanded groups must
// not arrive at the server as one burst (a live tenant rate-limits), while first paint still runs
// its handful of count requests side by side.

export class RequestLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly maxConcurrent: number) {
    if (maxConcurrent < 1) {
      throw new RangeError('maxConcurrent must be at least 1');
    }
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.maxConcurrent) {
      this.active++;
    } else {
      // The finishing task hands its slot straight to us, so a newcomer cannot slip in between.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) {
        next();
      } else {
        this.active--;
      }
    }
  }
}
