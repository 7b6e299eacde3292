// Privacy mode's masking, in one place and without `vscode`: what a person sharing their screen may
// show of a workitem. Names keep their initials, phone numbers their country code and last three
// digits, emails the first letter and the domain, free text its initials; everything else (ids,
// states, times, queues, agents) stays as it is, so the workitem can still be found and acted on.
// The masked workitem has the same shape (and passes the same schema), so every surface renders it
// exactly as it renders the real one.
import type { Contact, TimeEvent, Workitem } from '../../api/schemas';

/** The character that stands for a hidden one. */
export const MASK = '•';

/** Keys (of unknown fields) whose values are personal whatever they look like. */
const PERSONAL_KEY = /(name|phone|mobile|email|e-mail|address|birth|ssn|passport|caller|customer)/i;
const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:]+/g;
/** `+` and 7–15 digits, separators allowed (E.164 and the way people write it). */
const PLUS_PHONE = /\+\d(?:[\s().-]{0,2}\d){6,14}/g;
/** North-American numbers written with separators: `(800) 555-1000`, `800-555-1000`, `800.555.1000`. */
const NANP_PHONE = /\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/g;
const ONLY_PHONE = /^\+?[\d\s().-]{7,24}$/;
const DIGIT = /\d/;

function hide(text: string): string {
  return MASK.repeat([...text].length);
}

/** `Ada Lovelace` → `A•• L•••••••`: the first character of each word, the rest hidden. */
export function maskName(name: string): string {
  return name.replace(/\S+/gu, (word) => {
    const [first = '', ...rest] = [...word];
    return first + MASK.repeat(rest.length);
  });
}

/** `+18005551000` → `+1•••••••000`: the leading `+` and digit and the last three digits kept. */
export function maskPhone(phone: string): string {
  const chars = [...phone];
  const digitPositions = chars.flatMap((char, index) => (DIGIT.test(char) ? [index] : []));
  if (digitPositions.length < 5) {
    return hide(phone);
  }
  const keep = new Set([...digitPositions.slice(0, 1), ...digitPositions.slice(-3)]);
  return chars.map((char, index) => (DIGIT.test(char) && !keep.has(index) ? MASK : char)).join('');
}

/** `ada@example.com` → `a•••@example.com`: the first letter and the domain kept, not the length. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) {
    return maskName(email);
  }
  const [first = ''] = [...email.slice(0, at)];
  return `${first}${MASK.repeat(3)}${email.slice(at)}`;
}

function looksLikePhone(value: string): boolean {
  const digits = value.replace(/\D/g, '').length;
  return ONLY_PHONE.test(value.trim()) && digits >= 7 && digits <= 15;
}

function looksLikeEmail(value: string): boolean {
  const trimmed = value.trim();
  EMAIL.lastIndex = 0;
  const match = EMAIL.exec(trimmed);
  return match !== null && match[0] === trimmed;
}

/** An address (`from`, `to`, a contact's channel): an email, a phone number or a handle. */
export function maskAddress(address: string): string {
  if (looksLikeEmail(address)) {
    return maskEmail(address.trim());
  }
  if (looksLikePhone(address)) {
    return maskPhone(address);
  }
  return maskName(address);
}

/**
 * Free text (a log line, a server's message, an unknown field): the emails and phone numbers in
 * it masked, the rest kept. Plain runs of digits are left alone: they are ids and timestamps far
 * more often than phone numbers.
 */
export function maskText(text: string): string {
  return text.replace(EMAIL, maskEmail).replace(PLUS_PHONE, maskPhone).replace(NANP_PHONE, maskPhone);
}

/** A value of a field nobody described: personal by its key, or by what its strings look like. */
function maskUnknown(value: unknown, key: string, depth = 0): unknown {
  if (typeof value === 'string') {
    return PERSONAL_KEY.test(key) ? maskAddress(value) : maskText(value);
  }
  if (depth > 20 || value === null || typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => maskUnknown(item, key, depth + 1));
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([name, item]) => [name, maskUnknown(item, name, depth + 1)]),
  );
}

function maskExtras<T extends object>(source: T, masked: T, known: ReadonlySet<string>): T {
  const result = masked as Record<string, unknown>;
  for (const [key, value] of Object.entries(source)) {
    if (!known.has(key)) {
      result[key] = maskUnknown(value, key);
    }
  }
  return masked;
}

const CONTACT_FIELDS: ReadonlySet<string> = new Set(['_id', 'firstName', 'lastName', 'company', 'phone', 'email']);
const EVENT_FIELDS: ReadonlySet<string> = new Set(['type', 'timestamp', 'userId', 'state', 'queueId', 'note']);
/** Fields of a workitem that hold no personal data (ids, states, times, queue and agent names). */
const PLAIN_WORKITEM_FIELDS: ReadonlySet<string> = new Set([
  '_id', 'workitemId', 'tenantId', 'channelType', 'type', 'state', 'currentStateName', 'priority', 'contactId',
  'agentUsername', 'selectedQueue', 'createdAt', 'modifiedAt', 'assignedAt', 'terminatedAt', 'campaignId',
  'dispositionId', 'actions', 'conversationId', 'parentWorkitemId',
]);

export function maskContact(contact: Contact): Contact {
  const masked: Contact = { ...contact };
  if (contact.firstName !== undefined) masked.firstName = maskName(contact.firstName);
  if (contact.lastName !== undefined) masked.lastName = maskName(contact.lastName);
  if (contact.company !== undefined) masked.company = maskName(contact.company);
  if (contact.phone !== undefined) masked.phone = maskAddress(contact.phone);
  if (contact.email !== undefined) masked.email = maskAddress(contact.email);
  return maskExtras(contact, masked, CONTACT_FIELDS);
}

function maskTimeEvent(event: TimeEvent): TimeEvent {
  const masked: TimeEvent = { ...event };
  if (event.note !== undefined) masked.note = maskName(event.note);
  return maskExtras(event, masked, EVENT_FIELDS);
}

/**
 * The workitem as privacy mode shows it: a new object of the same shape; the input is not changed.
 * Contact names, phones and emails, `from`/`to`, time-event notes, the summary and every string of
 * an unknown field that looks personal are masked.
 */
export function maskWorkitem(workitem: Workitem): Workitem {
  const masked: Workitem = { ...workitem };
  if (workitem.contact !== undefined) masked.contact = maskContact(workitem.contact);
  if (workitem.from !== undefined) masked.from = maskAddress(workitem.from);
  if (workitem.to !== undefined) masked.to = maskAddress(workitem.to);
  if (workitem.summary !== undefined) masked.summary = maskText(workitem.summary);
  if (workitem.timeEvents !== undefined) masked.timeEvents = workitem.timeEvents.map(maskTimeEvent);
  if (workitem.data !== undefined) masked.data = maskUnknown(workitem.data, 'data') as Record<string, unknown>;
  const known = new Set([...PLAIN_WORKITEM_FIELDS, 'contact', 'from', 'to', 'summary', 'timeEvents', 'data']);
  return maskExtras(workitem, masked, known);
}
