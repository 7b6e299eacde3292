import { compileQuery, type QueryNode } from '../query';

const CAPACITY = 256;

/**
 * Compiled queries by their text. The tree repeats the same few queries (one per group), and
 * parsing costs more than answering them from the indexes.
 */
export class PlanCache {
  private readonly plans = new Map<string, QueryNode>();

  /** Throws QuerySyntaxError for a query that does not compile (not cached). */
  get(query: string | undefined): QueryNode {
    const key = query ?? '';
    let plan = this.plans.get(key);
    if (!plan) {
      plan = compileQuery(query);
      if (this.plans.size >= CAPACITY) {
        // Maps iterate in insertion order: drop the oldest plan.
        const oldest = this.plans.keys().next();
        if (!oldest.done) {
          this.plans.delete(oldest.value);
        }
      }
      this.plans.set(key, plan);
    }
    return plan;
  }
}
