// What a person recognises a workitem by, decided without `vscode` so it can be tested in Node;
// the view turns these parts into localised text.
import type { Workitem } from '../api/schemas';
import { revealBidiControls } from './format/text';

export type WorkitemLabel =
  | { readonly kind: 'contact'; readonly name: string }
  | { readonly kind: 'route'; readonly from?: string; readonly to?: string }
  | { readonly kind: 'id'; readonly id: string };

/** The contact's name, else the addresses (`from → to`), else the workitem id; bidi controls spelled out. */
export function workitemLabel(workitem: Workitem): WorkitemLabel {
  const contact = workitem.contact;
  const name = [contact?.firstName, contact?.lastName]
    .map((part) => part?.trim())
    .filter((part): part is string => Boolean(part))
    .join(' ');
  if (name) {
    return { kind: 'contact', name: revealBidiControls(name) };
  }
  const company = contact?.company?.trim();
  if (company) {
    return { kind: 'contact', name: revealBidiControls(company) };
  }
  const from = workitem.from?.trim() || undefined;
  const to = workitem.to?.trim() || undefined;
  if (from !== undefined || to !== undefined) {
    return {
      kind: 'route',
      ...(from === undefined ? {} : { from: revealBidiControls(from) }),
      ...(to === undefined ? {} : { to: revealBidiControls(to) }),
    };
  }
  return { kind: 'id', id: revealBidiControls(workitem.workitemId) };
}

export type AgeUnit = 'seconds' | 'minutes' | 'hours' | 'days';

export interface Age {
  readonly value: number;
  readonly unit: AgeUnit;
}

/** How long ago `sinceMs` was, in the largest whole unit (a clock skewed into the future reads 0 s). */
export function ageOf(sinceMs: number, nowMs: number): Age {
  const seconds = Math.max(0, Math.floor((nowMs - sinceMs) / 1000));
  if (seconds < 60) {
    return { value: seconds, unit: 'seconds' };
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return { value: minutes, unit: 'minutes' };
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return { value: hours, unit: 'hours' };
  }
  return { value: Math.floor(hours / 24), unit: 'days' };
}

/** The actions of a workitem the inspector can run, in the server's order, without repeats. */
export function knownActionsOf(workitem: Workitem, known: readonly string[]): string[] {
  return [...new Set((workitem.actions ?? []).filter((action) => known.includes(action)))];
}
