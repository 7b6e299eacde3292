// The events socket: NCX publishes one (`WorkitemStateChangeNotification` among others) but neither
// its URL nor its payload is public, so both are ours, here and only here, for the sandbox that
// serves it and the client that reads it. Listed in the README's assumptions.
import type { Workitem } from '../schemas';
import { checkWorkitem } from '../validation';
import * as z from '../zodMini';

/** Where the socket is served, next to the REST API on the same origin. */
export const EVENTS_SOCKET_PATH = '/events/api/socket';

/**
 * The token travels as it does over HTTP, in the upgrade's `Authorization` header (`Bearer <token>`
 * or the bare token). Browsers cannot set that header on a WebSocket, so `?token=` is accepted too;
 * the extension always uses the header, which keeps the token out of URLs and logs.
 */
export const EVENTS_TOKEN_QUERY_PARAMETER = 'token';

export const WORKITEM_STATE_CHANGE = 'WorkitemStateChangeNotification';

/** Close code the sandbox sends when the token expires while the socket is open. */
export const CLOSE_TOKEN_EXPIRED = 4401;

const epochMs = z.number().check(z.int(), z.nonnegative());

/**
 * One change of one workitem. `oldState` is absent for a workitem that just arrived; `createdAt`
 * is the change's time, equal to the workitem's `modifiedAt` (its `createdAt` for an arrival).
 */
const WorkitemStateChangeEnvelopeSchema = z.looseObject({
  name: z.literal(WORKITEM_STATE_CHANGE),
  createdAt: epochMs,
  workitemId: z.string().check(z.minLength(1)),
  oldState: z.optional(z.string()),
  newState: z.string(),
  /** The action that caused the change (`hold`, `transfer`…), or `arrive` for a new workitem. */
  action: z.optional(z.string()),
  workitem: z.unknown(),
});
export interface WorkitemStateChange {
  name: typeof WORKITEM_STATE_CHANGE;
  createdAt: number;
  workitemId: string;
  oldState?: string;
  newState: string;
  action?: string;
  workitem: Workitem;
}

/**
 * One socket message read: the envelope through its schema, the workitem through the same fast
 * check the REST client uses (the full schema only when that check fails), since a busy tenant
 * sends hundreds a second. Undefined for another event name or a malformed message.
 */
export function parseWorkitemStateChange(json: unknown): WorkitemStateChange | undefined {
  const envelope = WorkitemStateChangeEnvelopeSchema.safeParse(json);
  if (!envelope.success) return undefined;
  const checked = checkWorkitem(envelope.data.workitem, 0);
  if (!checked.ok) return undefined;
  const { name, createdAt, workitemId, oldState, newState, action } = envelope.data;
  return { name, createdAt, workitemId, ...(oldState === undefined ? {} : { oldState }), newState, ...(action === undefined ? {} : { action }), workitem: checked.workitem };
}

/** The identity of a change, the same whether it came over the socket or was read from a feed page. */
export function changeKey(change: { workitemId: string; createdAt: number; newState: string }): string {
  return `${change.workitemId}@${change.createdAt}>${change.newState}`;
}
