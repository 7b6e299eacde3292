// A hand-written yes/no check of WorkitemSchema for the hot path (every workitem of every page).
// It checks the same rules as schemas.ts without building a copy of the item, which makes page
// validation cost a fraction of JSON.parse. schemas.ts stays the definition: an item this check
// refuses is handed to zod, whose answer wins, and the unit tests hold the two in agreement
// (including a test that every field of the schemas is listed here).
import { MAX_JSON_DEPTH, nestsDeeperThan } from './boundedJson';
import { PRIORITY_MAX, PRIORITY_MIN } from './domain';
import type { Workitem } from './schemas';

type Fields = Readonly<Record<string, unknown>>;

const OPTIONAL_WORKITEM_STRINGS = [
  '_id',
  'tenantId',
  'currentStateName',
  'contactId',
  'conversationId',
  'parentWorkitemId',
  'agentUsername',
  'selectedQueue',
  'from',
  'to',
  'campaignId',
  'dispositionId',
  'summary',
] as const;
const REQUIRED_WORKITEM_STRINGS = ['channelType', 'type', 'state'] as const;
const OPTIONAL_WORKITEM_EPOCHS = ['modifiedAt', 'assignedAt', 'terminatedAt'] as const;
const OPTIONAL_TIME_EVENT_STRINGS = ['userId', 'state', 'queueId', 'note'] as const;
const OPTIONAL_CONTACT_STRINGS = ['firstName', 'lastName', 'company', 'phone', 'email'] as const;

/** Every field each check knows, so a test can catch a schema field added without updating this file. */
export const FAST_CHECKED_FIELDS = {
  workitem: [
    ...OPTIONAL_WORKITEM_STRINGS,
    ...REQUIRED_WORKITEM_STRINGS,
    ...OPTIONAL_WORKITEM_EPOCHS,
    'workitemId',
    'priority',
    'muted',
    'contact',
    'createdAt',
    'actions',
    'timeEvents',
    'data',
  ],
  timeEvent: ['type', 'timestamp', ...OPTIONAL_TIME_EVENT_STRINGS],
  contact: ['_id', ...OPTIONAL_CONTACT_STRINGS],
} as const;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** zod's notion of a plain object (what `z.record` accepts); every object JSON.parse makes is one. */
function isPlainObject(value: unknown): boolean {
  if (!isObject(value)) {
    return false;
  }
  const constructor: unknown = value.constructor;
  if (constructor === undefined || typeof constructor !== 'function') {
    return true;
  }
  const prototype: unknown = (constructor as { prototype?: unknown }).prototype;
  return isObject(prototype) && Object.prototype.hasOwnProperty.call(prototype, 'isPrototypeOf');
}

function isEpochMs(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function optionalStrings(object: Fields, keys: readonly string[]): boolean {
  for (const key of keys) {
    const value = object[key];
    if (value !== undefined && typeof value !== 'string') {
      return false;
    }
  }
  return true;
}

function isTimeEvent(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value['type'] === 'string' &&
    isEpochMs(value['timestamp']) &&
    optionalStrings(value, OPTIONAL_TIME_EVENT_STRINGS)
  );
}

function isContact(value: unknown): boolean {
  return isObject(value) && typeof value['_id'] === 'string' && optionalStrings(value, OPTIONAL_CONTACT_STRINGS);
}

function isOptionalArrayOf(value: unknown, check: (element: unknown) => boolean): boolean {
  if (value === undefined) {
    return true;
  }
  if (!Array.isArray(value)) {
    return false;
  }
  // A plain loop also visits holes, which zod refuses as undefined elements.
  for (let index = 0; index < value.length; index += 1) {
    if (!check(value[index])) {
      return false;
    }
  }
  return true;
}

const isString = (value: unknown): boolean => typeof value === 'string';

/** True exactly when `WorkitemSchema` accepts `value`. */
export function isWellFormedWorkitem(value: unknown): value is Workitem {
  if (!isObject(value)) {
    return false;
  }
  const workitemId = value['workitemId'];
  if (typeof workitemId !== 'string' || workitemId.length < 1) {
    return false;
  }
  for (const key of REQUIRED_WORKITEM_STRINGS) {
    if (typeof value[key] !== 'string') {
      return false;
    }
  }
  if (!isEpochMs(value['createdAt']) || !optionalStrings(value, OPTIONAL_WORKITEM_STRINGS)) {
    return false;
  }
  for (const key of OPTIONAL_WORKITEM_EPOCHS) {
    if (value[key] !== undefined && !isEpochMs(value[key])) {
      return false;
    }
  }
  const priority = value['priority'];
  if (
    priority !== undefined &&
    !(typeof priority === 'number' && Number.isSafeInteger(priority) && priority >= PRIORITY_MIN && priority <= PRIORITY_MAX)
  ) {
    return false;
  }
  const muted = value['muted'];
  if (muted !== undefined && typeof muted !== 'boolean') {
    return false;
  }
  const contact = value['contact'];
  if (contact !== undefined && !isContact(contact)) {
    return false;
  }
  const data = value['data'];
  if (data !== undefined && !isPlainObject(data)) {
    return false;
  }
  return (
    isOptionalArrayOf(value['actions'], isString) &&
    isOptionalArrayOf(value['timeEvents'], isTimeEvent) &&
    // The same rule as the schema's: nothing nested deeper than MAX_JSON_DEPTH (boundedJson.ts).
    !nestsDeeperThan(value, MAX_JSON_DEPTH)
  );
}
