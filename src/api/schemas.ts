import { z } from 'zod';
import { PRIORITY_MAX, PRIORITY_MIN } from './domain';

// Every object schema is "loose": fields NCX adds that we do not know are kept, not dropped,
// because developers inspecting a payload want to see everything the server sent.
// Enumerated fields (state, channelType, type, actions) are plain strings here on purpose: an
// unknown value must not cost the user the whole workitem (see domain.ts isKnown*).

const epochMs = z.number().int().nonnegative();

export const TimeEventSchema = z.looseObject({
  type: z.string(),
  timestamp: epochMs,
  userId: z.string().optional(),
  /** The state the workitem entered with this event. */
  state: z.string().optional(),
  queueId: z.string().optional(),
  note: z.string().optional(),
});
export type TimeEvent = z.infer<typeof TimeEventSchema>;

export const ContactSchema = z.looseObject({
  _id: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  company: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const WorkitemSchema = z.looseObject({
  _id: z.string().optional(),
  workitemId: z.string().min(1),
  tenantId: z.string().optional(),
  channelType: z.string(),
  type: z.string(),
  state: z.string(),
  currentStateName: z.string().optional(),
  priority: z.number().int().min(PRIORITY_MIN).max(PRIORITY_MAX).optional(),
  contactId: z.string().optional(),
  contact: ContactSchema.optional(),
  agentUsername: z.string().optional(),
  selectedQueue: z.string().optional(),
  createdAt: epochMs,
  modifiedAt: epochMs.optional(),
  assignedAt: epochMs.optional(),
  terminatedAt: epochMs.optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  campaignId: z.string().optional(),
  dispositionId: z.string().optional(),
  summary: z.string().optional(),
  actions: z.array(z.string()).optional(),
  timeEvents: z.array(TimeEventSchema).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type Workitem = z.infer<typeof WorkitemSchema>;

export const QueueSchema = z.looseObject({
  _id: z.string(),
  name: z.string(),
  description: z.string().optional(),
});
export type Queue = z.infer<typeof QueueSchema>;

/**
 * The search envelope. `objects` is validated item by item by the client (one bad workitem must
 * not lose the page), so here it is only required to be an array.
 */
export const SearchEnvelopeSchema = z.looseObject({
  count: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  objects: z.array(z.unknown()),
});
export type SearchEnvelope = z.infer<typeof SearchEnvelopeSchema>;

export const ErrorBodySchema = z.looseObject({
  code: z.union([z.string(), z.number()]),
  message: z.string(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const TokenResponseSchema = z.looseObject({
  location: z.string().url(),
  token: z.string().min(1),
  clientLocation: z.string().nullable().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;
