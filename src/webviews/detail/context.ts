// What every section of the detail page needs to turn data into text.
import type { L10n } from '../../model/format/l10n';
import type { TimeFormat } from '../../model/format/time';
import type { NameLookup } from '../../model/names/nameDirectory';

export interface SectionContext {
  l10n: L10n;
  now: number;
  time: TimeFormat;
  /** Queue, agent, disposition and campaign names (`Retention (q_retention)`). */
  names: NameLookup;
}
