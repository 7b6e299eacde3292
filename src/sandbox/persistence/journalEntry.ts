// One line of the journal: a mutation of the store, with everything needed to redo it exactly.
import { z } from 'zod';
import { WorkitemSchema } from '../../api/schemas';
import { SANDBOX_ACTIONS, type ActionContext } from '../contracts';

export const ActionContextSchema = z.object({
  now: z.number().int().nonnegative(),
  userId: z.string(),
  queueId: z.string().optional(),
  agentUsername: z.string().optional(),
  dispositionId: z.string().optional(),
  priority: z.number().int().optional(),
  digit: z.string().optional(),
}) satisfies z.ZodType<ActionContext>;

export const JournalEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('apply'),
    workitemId: z.string().min(1),
    action: z.enum(SANDBOX_ACTIONS),
    context: ActionContextSchema,
  }),
  z.object({ kind: z.literal('insert'), workitem: WorkitemSchema }),
]);
export type JournalEntry = z.infer<typeof JournalEntrySchema>;
