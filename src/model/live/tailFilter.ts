// The Events view's `q` filter: space-separated terms, all of which must match. `field:value`
// compares one field (`*` is a wildcard; `state` matches the old or the new state); a bare word is
// looked for in every field. Case does not matter. Fields: id, state, from, to, agent, queue,
// channel, connection.
import type { TailEntry } from './eventTail';

export const TAIL_FILTER_FIELDS = ['id', 'state', 'from', 'to', 'agent', 'queue', 'channel', 'connection'] as const;
type TailField = (typeof TAIL_FILTER_FIELDS)[number];

interface Term {
  field: TailField | undefined;
  pattern: RegExp;
}

export type TailFilter = (entry: TailEntry) => boolean;

export interface ParsedFilter {
  ok: boolean;
  /** Why the filter cannot be used (an unknown field), for the input box. */
  error?: string;
  match: TailFilter;
}

function patternOf(value: string, whole: boolean): RegExp {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, (char) => (char === '*' ? '.*' : `\\${char}`));
  return new RegExp(whole ? `^${escaped}$` : escaped, 'i');
}

export function parseTailFilter(text: string | undefined): ParsedFilter {
  const terms: Term[] = [];
  for (const word of (text ?? '').trim().split(/\s+/).filter(Boolean)) {
    const colon = word.indexOf(':');
    if (colon > 0) {
      const field = word.slice(0, colon).toLowerCase();
      if (!(TAIL_FILTER_FIELDS as readonly string[]).includes(field)) {
        return { ok: false, error: field, match: () => true };
      }
      terms.push({ field: field as TailField, pattern: patternOf(word.slice(colon + 1), true) });
    } else {
      terms.push({ field: undefined, pattern: patternOf(word, false) });
    }
  }
  if (terms.length === 0) {
    return { ok: true, match: () => true };
  }
  return { ok: true, match: (entry) => terms.every((term) => matches(entry, term)) };
}

function valuesOf(entry: TailEntry, field: TailField): (string | undefined)[] {
  const { change } = entry;
  switch (field) {
    case 'id':
      return [change.workitemId];
    case 'state':
      return [change.oldState, change.newState];
    case 'from':
      return [change.oldState];
    case 'to':
      return [change.newState];
    case 'agent':
      return [change.workitem.agentUsername];
    case 'queue':
      return [change.workitem.selectedQueue, entry.queueName];
    case 'channel':
      return [change.workitem.channelType];
    case 'connection':
      return [entry.connection];
  }
}

function matches(entry: TailEntry, term: Term): boolean {
  const fields = term.field ? [term.field] : TAIL_FILTER_FIELDS;
  return fields.some((field) => valuesOf(entry, field).some((value) => value !== undefined && term.pattern.test(value)));
}
