// What forkedSandbox.ts and sandboxChild.ts say to each other over the IPC channel.
import { z } from 'zod';

export const ChildQuestionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('counters'), id: z.number() }),
  z.object({ kind: z.literal('search'), id: z.number(), q: z.string().optional(), rows: z.number(), start: z.number() }),
  z.object({ kind: z.literal('stop'), id: z.number() }),
]);
export type ChildQuestion = z.infer<typeof ChildQuestionSchema>;

export const ServerCountersSchema = z.object({ requests: z.number(), connections: z.number(), handshakes: z.number() });
export type ServerCounters = z.infer<typeof ServerCountersSchema>;

export const ChildReadySchema = z.object({ ready: z.literal(true), url: z.string(), caPath: z.string().optional() });
export type ChildReady = z.infer<typeof ChildReadySchema>;

export const ChildAnswerSchema = z.object({
  id: z.number(),
  counters: ServerCountersSchema.optional(),
  search: z.object({ total: z.number(), ids: z.array(z.string()) }).optional(),
});
export type ChildAnswer = z.infer<typeof ChildAnswerSchema>;
