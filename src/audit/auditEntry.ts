// One line of the action history: what was sent, where, by whom, and how it ended. Written as
// JSON Lines and validated when read back, because the file outlives versions of the extension
// and may be edited, truncated by a crash or copied between machines.
import * as z from '../api/zodMini';

export const AUDIT_OUTCOMES = ['done', 'refused', 'failed', 'cancelled'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

const text = (max: number) => z.string().check(z.maxLength(max));

export const AuditEntrySchema = z.object({
  /** Format of this line; a later version adds fields and bumps it. */
  v: z.literal(1),
  /** Unix ms when the request was sent. */
  at: z.number().check(z.int(), z.nonnegative()),
  /** The connection the action went to (`sandbox`, or the named NCX connection). */
  tenant: text(300),
  /** The signed-in user, when known. */
  user: z.optional(text(300)),
  workitemId: text(300),
  action: text(100),
  /** What the action was sent with besides the workitem (e.g. the target queue of a transfer). */
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  outcome: z.enum(AUDIT_OUTCOMES),
  /** Why it did not end `done`: the error kind, the HTTP status and the message shown. */
  error: z.optional(
    z.object({
      kind: z.optional(text(50)),
      status: z.optional(z.number().check(z.int())),
      message: text(2000),
    }),
  ),
  /** From sending the request to its answer. */
  durationMs: z.number().check(z.nonnegative()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** An entry as the caller gives it; the log stamps the format version. */
export type AuditRecord = Omit<AuditEntry, 'v'>;
