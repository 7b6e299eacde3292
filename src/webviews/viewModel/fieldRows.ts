// Every field of a workitem as table rows: the fields the product knows first, in reading order
// and with labels, then whatever else the server sent (flattened, or as compact JSON), so that a
// developer inspecting a payload sees all of it. Values are display text, never HTML.
import {
  CHANNEL_OF_TYPE,
  isKnownChannel,
  isKnownState,
  isKnownType,
  PRIORITY_MAX,
  PRIORITY_MIN,
  WORKITEM_ACTIONS,
} from '../../api/domain';
import type { Contact, Workitem } from '../../api/schemas';
import { untranslated, type L10n } from '../../model/format/l10n';
import { compactJson } from '../../model/format/text';
import { formatIso, formatRelative, formatTimestamp, type TimeFormat } from '../../model/format/time';

export type FieldKind = 'text' | 'number' | 'boolean' | 'null' | 'timestamp' | 'enum' | 'list' | 'json' | 'summary';

export interface FieldRow {
  /** Dotted path in the workitem, e.g. `data.queueId`; stable across refreshes. */
  key: string;
  label: string;
  /** A field the product knows (and orders); false for extras the server added. */
  known: boolean;
  kind: FieldKind;
  text: string;
  /** Secondary text shown next to the value, e.g. `3 min. ago`. */
  detail?: string;
  /** Hover text, e.g. the ISO time of a timestamp. */
  title?: string;
  /** Set when the value (or an item of a list) is outside the set the product knows. */
  warning?: string;
}

export interface FieldRowsOptions {
  now: number;
  time: TimeFormat;
  l10n?: L10n;
}

/** Objects with more keys than this are shown as JSON: a row per key would drown the table. */
const MAX_FLATTENED_KEYS = 50;
const MAX_FLATTEN_DEPTH = 3;
/** 2001-09-09 to 2286-11-20 in ms: numbers in this range under a time-like key are timestamps. */
const PLAUSIBLE_EPOCH_MS = { min: 1e12, max: 1e13 };
const TIME_LIKE_KEY = /(At|Time|Timestamp|Date)$/;

type KnownField =
  | 'workitemId' | '_id' | 'tenantId' | 'state' | 'currentStateName' | 'channelType' | 'type' | 'priority'
  | 'agentUsername' | 'selectedQueue' | 'contactId' | 'contact' | 'from' | 'to' | 'campaignId'
  | 'dispositionId' | 'summary' | 'createdAt' | 'assignedAt' | 'modifiedAt' | 'terminatedAt' | 'actions'
  | 'timeEvents' | 'data';

/** Reading order: identity, where it stands, who has it, who it is with, when, what can be done. */
const KNOWN_ORDER: readonly KnownField[] = [
  'workitemId', '_id', 'tenantId', 'state', 'currentStateName', 'channelType', 'type', 'priority',
  'agentUsername', 'selectedQueue', 'contactId', 'contact', 'from', 'to', 'campaignId', 'dispositionId',
  'summary', 'createdAt', 'assignedAt', 'modifiedAt', 'terminatedAt', 'actions', 'timeEvents', 'data',
];
const KNOWN_FIELDS: ReadonlySet<string> = new Set(KNOWN_ORDER);
const TIMESTAMP_FIELDS: ReadonlySet<string> = new Set(['createdAt', 'assignedAt', 'modifiedAt', 'terminatedAt']);

export function knownFieldLabel(field: string, l10n: L10n): string {
  switch (field as KnownField) {
    case 'workitemId': return l10n.t('Workitem ID');
    case '_id': return l10n.t('Internal ID');
    case 'tenantId': return l10n.t('Tenant');
    case 'state': return l10n.t('State');
    case 'currentStateName': return l10n.t('State name');
    case 'channelType': return l10n.t('Channel');
    case 'type': return l10n.t('Type');
    case 'priority': return l10n.t('Priority');
    case 'agentUsername': return l10n.t('Agent');
    case 'selectedQueue': return l10n.t('Queue');
    case 'contactId': return l10n.t('Contact ID');
    case 'contact': return l10n.t('Contact');
    case 'from': return l10n.t('From');
    case 'to': return l10n.t('To');
    case 'campaignId': return l10n.t('Campaign');
    case 'dispositionId': return l10n.t('Disposition');
    case 'summary': return l10n.t('Summary');
    case 'createdAt': return l10n.t('Created');
    case 'assignedAt': return l10n.t('Assigned');
    case 'modifiedAt': return l10n.t('Modified');
    case 'terminatedAt': return l10n.t('Terminated');
    case 'actions': return l10n.t('Actions');
    case 'timeEvents': return l10n.t('Time events');
    case 'data': return l10n.t('Data');
    default: return field;
  }
}

class RowBuilder {
  readonly rows: FieldRow[] = [];
  private readonly l10n: L10n;

  constructor(private readonly options: FieldRowsOptions) {
    this.l10n = options.l10n ?? untranslated;
  }

  timestamp(key: string, label: string, known: boolean, value: number): void {
    const { l10n } = this;
    // NCX writes 0 for "not yet" (the documented example has `terminatedAt: 0`).
    if (value === 0) {
      this.rows.push({ key, label, known, kind: 'timestamp', text: l10n.t('not set'), title: '0' });
      return;
    }
    this.rows.push({
      key,
      label,
      known,
      kind: 'timestamp',
      text: formatTimestamp(value, this.options.time),
      detail: formatRelative(value, this.options.now, this.options.time.locale),
      title: `${formatIso(value)} (${value})`,
    });
  }

  enumValue(key: string, label: string, value: unknown, isKnown: (value: string) => boolean, warning?: string): void {
    const { l10n } = this;
    if (typeof value !== 'string') {
      this.generic(key, label, true, value, 0);
      return;
    }
    const row: FieldRow = { key, label, known: true, kind: 'enum', text: value };
    if (!isKnown(value)) {
      row.warning = l10n.t('Unknown value: not one of the values this version knows');
    } else if (warning !== undefined) {
      row.warning = warning;
    }
    this.rows.push(row);
  }

  /** Any value by its runtime type; plain objects become one row per key, down to a limit. */
  generic(key: string, label: string, known: boolean, value: unknown, depth: number): void {
    const { l10n } = this;
    if (value === null) {
      this.rows.push({ key, label, known, kind: 'null', text: 'null' });
    } else if (typeof value === 'string') {
      const row: FieldRow = { key, label, known, kind: 'text', text: value };
      if (value === '') row.detail = l10n.t('(empty)');
      this.rows.push(row);
    } else if (typeof value === 'number') {
      const lastSegment = key.slice(key.lastIndexOf('.') + 1);
      if (TIME_LIKE_KEY.test(lastSegment) && value >= PLAUSIBLE_EPOCH_MS.min && value < PLAUSIBLE_EPOCH_MS.max) {
        this.timestamp(key, label, known, value);
      } else {
        this.rows.push({ key, label, known, kind: 'number', text: String(value) });
      }
    } else if (typeof value === 'boolean') {
      this.rows.push({ key, label, known, kind: 'boolean', text: String(value) });
    } else if (isPlainObject(value) && depth < MAX_FLATTEN_DEPTH && flattenable(value)) {
      for (const [childKey, child] of Object.entries(value)) {
        const path = `${key}.${childKey}`;
        this.generic(path, path, known, child, depth + 1);
      }
    } else {
      this.rows.push({ key, label, known, kind: 'json', text: compactJson(value) });
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flattenable(value: Record<string, unknown>): boolean {
  const size = Object.keys(value).length;
  return size > 0 && size <= MAX_FLATTENED_KEYS;
}

const CONTACT_ORDER = ['_id', 'firstName', 'lastName', 'company', 'phone', 'email'] as const;

function contactFieldLabel(field: (typeof CONTACT_ORDER)[number], l10n: L10n): string {
  switch (field) {
    case '_id': return l10n.t('Contact ID');
    case 'firstName': return l10n.t('First name');
    case 'lastName': return l10n.t('Last name');
    case 'company': return l10n.t('Company');
    case 'phone': return l10n.t('Phone');
    case 'email': return l10n.t('Email');
  }
}

/** The expanded contact's fields, known ones first; keys are paths in the workitem (`contact.phone`). */
export function buildContactRows(contact: Contact, options: FieldRowsOptions): FieldRow[] {
  const l10n = options.l10n ?? untranslated;
  const builder = new RowBuilder(options);
  const known: ReadonlySet<string> = new Set(CONTACT_ORDER);
  for (const field of CONTACT_ORDER) {
    if (contact[field] !== undefined) {
      builder.generic(`contact.${field}`, contactFieldLabel(field, l10n), true, contact[field], 1);
    }
  }
  for (const [key, value] of Object.entries(contact)) {
    if (!known.has(key) && value !== undefined) {
      builder.generic(`contact.${key}`, key, false, value, 1);
    }
  }
  return builder.rows;
}

export function contactDisplayName(contact: Contact): string | undefined {
  const name = [contact.firstName, contact.lastName].filter((part) => part !== undefined && part !== '').join(' ');
  return name !== '' ? name : contact.company;
}

function addKnownField(builder: RowBuilder, workitem: Workitem, field: KnownField, l10n: L10n): void {
  const value: unknown = workitem[field];
  const label = knownFieldLabel(field, l10n);
  if (TIMESTAMP_FIELDS.has(field) && typeof value === 'number') {
    builder.timestamp(field, label, true, value);
    return;
  }
  switch (field) {
    case 'state':
      builder.enumValue(field, label, value, isKnownState);
      return;
    case 'channelType':
      builder.enumValue(field, label, value, isKnownChannel);
      return;
    case 'type': {
      const expected = isKnownType(workitem.type) ? CHANNEL_OF_TYPE[workitem.type] : undefined;
      const mismatch =
        expected !== undefined && isKnownChannel(workitem.channelType) && expected !== workitem.channelType
          ? l10n.t('{0} usually travels on the {1} channel, not {2}', workitem.type, expected, workitem.channelType)
          : undefined;
      builder.enumValue(field, label, value, isKnownType, mismatch);
      return;
    }
    case 'priority':
      builder.rows.push({
        key: field,
        label,
        known: true,
        kind: 'number',
        text: String(value),
        detail: l10n.t('{0} lowest, {1} highest', PRIORITY_MIN, PRIORITY_MAX),
      });
      return;
    case 'actions':
      if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) {
        const unknown = value.filter((item) => !(WORKITEM_ACTIONS as readonly string[]).includes(item));
        const row: FieldRow = { key: field, label, known: true, kind: 'list', text: value.join(', ') };
        if (value.length === 0) row.detail = l10n.t('none');
        if (unknown.length > 0) row.warning = l10n.t('Unknown actions: {0}', unknown.join(', '));
        builder.rows.push(row);
        return;
      }
      break;
    case 'timeEvents':
      if (Array.isArray(value)) {
        builder.rows.push({
          key: field,
          label,
          known: true,
          kind: 'summary',
          text: l10n.t('{0} events (see Timeline)', value.length),
        });
        return;
      }
      break;
    case 'contact':
      if (workitem.contact) {
        const name = contactDisplayName(workitem.contact);
        builder.rows.push({
          key: field,
          label,
          known: true,
          kind: 'summary',
          text:
            name !== undefined
              ? l10n.t('{0} (see Contact)', name)
              : l10n.t('{0} (see Contact)', workitem.contact._id),
        });
        return;
      }
      break;
  }
  builder.generic(field, label, true, value, 0);
}

export function buildFieldRows(workitem: Workitem, options: FieldRowsOptions): FieldRow[] {
  const l10n = options.l10n ?? untranslated;
  const builder = new RowBuilder(options);
  for (const field of KNOWN_ORDER) {
    if (workitem[field] !== undefined) {
      addKnownField(builder, workitem, field, l10n);
    }
  }
  for (const [key, value] of Object.entries(workitem)) {
    if (!KNOWN_FIELDS.has(key) && value !== undefined) {
      builder.generic(key, key, false, value, 0);
    }
  }
  return builder.rows;
}
