// Counts the HTTP requests a client makes, through the client's own `onRequest` report (one entry
// per attempt, so a retry counts as the extra request it is). Keeps nothing but the count, so it
// does not weigh on the heap figures it is used beside.
import type { RequestLogEntry } from '../../../src/api/http';

export class RequestCounter {
  private total = 0;

  /** Pass as `onRequest` to NcxClient. */
  readonly onRequest = (_entry: RequestLogEntry): void => {
    this.total++;
  };

  get count(): number {
    return this.total;
  }

  /** Requests since `mark`, a value of `count` read earlier. */
  since(mark: number): number {
    return this.total - mark;
  }
}
