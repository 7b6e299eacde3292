// The rules of fault injection (contracts.ts FaultRule), validated with zod, and the injector that
// picks the rule for each request: the first rule that matches wins and its `times` counts down.
import { z } from 'zod';
import type { FaultRule } from '../contracts';

export const MAX_FAULT_DELAY_MS = 120_000;

export const FaultRuleSchema = z
  .strictObject({
    match: z
      .strictObject({
        method: z.string().min(1).max(10).optional(),
        pathPrefix: z.string().startsWith('/', { error: "must start with '/'" }).optional(),
      })
      .optional(),
    times: z.number().int().min(1).optional(),
    delayMs: z.number().int().min(0).max(MAX_FAULT_DELAY_MS).optional(),
    status: z.number().int().min(100).max(599).optional(),
    body: z.string().max(1_000_000).optional(),
    contentType: z.string().min(1).max(200).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    mode: z.enum(['reset', 'hang', 'truncate']).optional(),
  })
  .refine((rule) => rule.delayMs !== undefined || rule.status !== undefined || rule.mode !== undefined, {
    error: 'a rule needs at least one of delayMs, status or mode',
  }) satisfies z.ZodType<FaultRule>;

export const FaultRulesBodySchema = z.strictObject({ rules: z.array(FaultRuleSchema).max(100) });

export class FaultInjector {
  private rules: { rule: FaultRule; remaining: number }[] = [];

  replace(rules: readonly FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The rules still in force, with `times` showing what is left of each. */
  active(): FaultRule[] {
    return this.rules.map(({ rule, remaining }) =>
      Number.isFinite(remaining) ? { ...rule, times: remaining } : { ...rule },
    );
  }

  /** The rule for this request, if any; using it counts one of its `times`. */
  take(method: string, path: string): FaultRule | undefined {
    const index = this.rules.findIndex(({ rule }) => matches(rule, method, path));
    const entry = this.rules[index];
    if (!entry) {
      return undefined;
    }
    entry.remaining -= 1;
    if (entry.remaining <= 0) {
      this.rules.splice(index, 1);
    }
    return entry.rule;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  const wantedMethod = rule.match?.method;
  const prefix = rule.match?.pathPrefix;
  return (
    (wantedMethod === undefined || wantedMethod.toUpperCase() === method.toUpperCase()) &&
    (prefix === undefined || path.startsWith(prefix))
  );
}
