import { MAX_JSON_DEPTH, nestsDeeperThan } from './boundedJson';
import { PRIORITY_MAX, PRIORITY_MIN } from './domain';
import * as z from './zodMini';

// Every object schema is "loose": fields NCX adds that we do not know are kept, not dropped,
// because developers inspecting a payload want to see everything the server sent.
// Enumerated fields (state, channelType, type, actions) are plain strings here on purpose: an
// unknown value must not cost the user the whole workitem (see domain.ts isKnown*).

const epochMs = z.number().check(z.int(), z.nonnegative());

export const TimeEventSchema = z.looseObject({
  type: z.string(),
  timestamp: epochMs,
  userId: z.optional(z.string()),
  /** The state the workitem entered with this event. */
  state: z.optional(z.string()),
  queueId: z.optional(z.string()),
  note: z.optional(z.string()),
});
export type TimeEvent = z.infer<typeof TimeEventSchema>;

export const ContactSchema = z.looseObject({
  _id: z.string(),
  firstName: z.optional(z.string()),
  lastName: z.optional(z.string()),
  company: z.optional(z.string()),
  phone: z.optional(z.string()),
  email: z.optional(z.string()),
});
export type Contact = z.infer<typeof ContactSchema>;

export const WorkitemSchema = z.looseObject({
  _id: z.optional(z.string()),
  workitemId: z.string().check(z.minLength(1)),
  tenantId: z.optional(z.string()),
  channelType: z.string(),
  type: z.string(),
  state: z.string(),
  currentStateName: z.optional(z.string()),
  priority: z.optional(z.number().check(z.int(), z.gte(PRIORITY_MIN), z.lte(PRIORITY_MAX))),
  /** Whether the agent's microphone is muted on the call (set by mute / unmute). */
  muted: z.optional(z.boolean()),
  contactId: z.optional(z.string()),
  /** Assumed (src/api/journeyContract.ts): shared by the workitems of one conversation. */
  conversationId: z.optional(z.string()),
  /** Assumed (src/api/journeyContract.ts): the workitem before this one in its conversation. */
  parentWorkitemId: z.optional(z.string()),
  contact: z.optional(ContactSchema),
  agentUsername: z.optional(z.string()),
  selectedQueue: z.optional(z.string()),
  createdAt: epochMs,
  modifiedAt: z.optional(epochMs),
  assignedAt: z.optional(epochMs),
  terminatedAt: z.optional(epochMs),
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  campaignId: z.optional(z.string()),
  dispositionId: z.optional(z.string()),
  summary: z.optional(z.string()),
  actions: z.optional(z.array(z.string())),
  timeEvents: z.optional(z.array(TimeEventSchema)),
  data: z.optional(z.record(z.string(), z.unknown())),
}).check(
  // A value nested thousands of levels deep overflows the stack of every recursive reader (the
  // panel, JSON.stringify, a webview message): such a workitem is an issue, like a wrong field.
  z.superRefine((workitem, ctx) => {
    for (const key of Object.keys(workitem)) {
      if (nestsDeeperThan(workitem[key], MAX_JSON_DEPTH - 1)) {
        ctx.addIssue({ code: 'custom', message: `a value nested at most ${MAX_JSON_DEPTH} levels deep`, path: [key], input: workitem[key] });
      }
    }
  }),
);
export type Workitem = z.infer<typeof WorkitemSchema>;

export const QueueSchema = z.looseObject({
  _id: z.string(),
  name: z.string(),
  description: z.optional(z.string()),
});
export type Queue = z.infer<typeof QueueSchema>;

/** A user (`GET /data/api/types/user`): the agents a workitem can be transferred to. */
export const UserSchema = z.looseObject({
  _id: z.string(),
  username: z.optional(z.string()),
  firstName: z.optional(z.string()),
  lastName: z.optional(z.string()),
  name: z.optional(z.string()),
  /** NCX documents no presence field on users; shown when the data has one. */
  presence: z.optional(z.string()),
});
export type User = z.infer<typeof UserSchema>;

/** A disposition (`GET /data/api/types/disposition`): `_id`, `dispositionId` (`disp_resolved`), `name`. */
export const DispositionSchema = z.looseObject({
  _id: z.string(),
  dispositionId: z.optional(z.string()),
  name: z.string(),
});
export type Disposition = z.infer<typeof DispositionSchema>;

/** A campaign (`GET /data/api/types/campaign`): `_id`, `campaignId` (`cmp_123`), `name`. */
export const CampaignSchema = z.looseObject({
  _id: z.string(),
  campaignId: z.optional(z.string()),
  name: z.string(),
});
export type Campaign = z.infer<typeof CampaignSchema>;

/**
 * The search envelope. `objects` is validated item by item by the client (one bad workitem must
 * not lose the page), so here it is only required to be an array.
 */
export const SearchEnvelopeSchema = z.looseObject({
  count: z.number().check(z.int(), z.nonnegative()),
  total: z.number().check(z.int(), z.nonnegative()),
  objects: z.array(z.unknown()),
});
export type SearchEnvelope = z.infer<typeof SearchEnvelopeSchema>;

export const ErrorBodySchema = z.looseObject({
  code: z.union([z.string(), z.number()]),
  message: z.string(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const TokenResponseSchema = z.looseObject({
  location: z.string().check(z.url()),
  token: z.string().check(z.minLength(1)),
  clientLocation: z.optional(z.nullable(z.string())),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;
