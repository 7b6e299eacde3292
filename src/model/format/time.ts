// Locale-aware time formatting. Every function takes the locale and time zone (and `now` where it
// matters) so output is deterministic in tests and matches the user's VS Code display language.

export interface TimeFormat {
  /** BCP 47 tag, e.g. `en-US` (VS Code's `env.language`). */
  locale: string;
  /** IANA zone, e.g. `Europe/Paris`; the host's zone when absent. */
  timeZone?: string;
}

// Building an Intl formatter costs far more than using one; a panel formats hundreds of values.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const unitFormats = new Map<string, Intl.NumberFormat>();

function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

function dateTimeFormat(format: TimeFormat, withDate: boolean): Intl.DateTimeFormat {
  const key = `${format.locale}|${format.timeZone ?? ''}|${withDate}`;
  let formatter = dateTimeFormats.get(key);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions = withDate
      ? { dateStyle: 'medium', timeStyle: 'medium' }
      : { timeStyle: 'medium' };
    try {
      formatter = new Intl.DateTimeFormat(safeLocale(format.locale), { ...options, timeZone: format.timeZone });
    } catch {
      // An unknown time zone must not break the panel: fall back to the host's zone.
      formatter = new Intl.DateTimeFormat(safeLocale(format.locale), options);
    }
    dateTimeFormats.set(key, formatter);
  }
  return formatter;
}

/** `Mar 16, 2023, 4:00:00 PM` in the given locale and zone. */
export function formatTimestamp(epochMs: number, format: TimeFormat): string {
  return dateTimeFormat(format, true).format(epochMs);
}

/** `4:00:00 PM`: for "checked at" notes, where the date is today. */
export function formatTimeOfDay(epochMs: number, format: TimeFormat): string {
  return dateTimeFormat(format, false).format(epochMs);
}

/** ISO 8601 in UTC, for tooltips that must be unambiguous. */
export function formatIso(epochMs: number): string {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? String(epochMs) : date.toISOString();
}

const RELATIVE_STEPS: ReadonlyArray<{ unit: Intl.RelativeTimeFormatUnit; ms: number; upTo: number }> = [
  { unit: 'second', ms: 1000, upTo: 45 },
  { unit: 'minute', ms: 60_000, upTo: 45 },
  { unit: 'hour', ms: 3_600_000, upTo: 22 },
  { unit: 'day', ms: 86_400_000, upTo: 26 },
  { unit: 'month', ms: 2_629_800_000, upTo: 11 },
  { unit: 'year', ms: 31_557_600_000, upTo: Infinity },
];

/** `3 min. ago` / `in 2 hr.` relative to `now`. */
export function formatRelative(epochMs: number, now: number, locale: string): string {
  let formatter = relativeFormats.get(locale);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(safeLocale(locale), { numeric: 'auto', style: 'short' });
    relativeFormats.set(locale, formatter);
  }
  const delta = epochMs - now;
  for (const step of RELATIVE_STEPS) {
    const amount = Math.round(delta / step.ms);
    if (Math.abs(amount) < step.upTo) {
      return formatter.format(amount, step.unit);
    }
  }
  return formatter.format(Math.round(delta / 31_557_600_000), 'year');
}

function unitFormat(locale: string, unit: string): Intl.NumberFormat {
  const key = `${locale}|${unit}`;
  let formatter = unitFormats.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(safeLocale(locale), { style: 'unit', unit, unitDisplay: 'narrow' });
    unitFormats.set(key, formatter);
  }
  return formatter;
}

const DURATION_UNITS: ReadonlyArray<{ unit: string; ms: number }> = [
  { unit: 'day', ms: 86_400_000 },
  { unit: 'hour', ms: 3_600_000 },
  { unit: 'minute', ms: 60_000 },
  { unit: 'second', ms: 1000 },
];

/**
 * A duration as its two largest units, `1h 5m`, `4m 3s`, `12s`; below a second in ms.
 * Two units are enough to compare states at a glance; the tooltip carries the exact ms.
 */
export function formatDuration(ms: number, locale: string): string {
  const sign = ms < 0 ? '-' : '';
  const rest = Math.abs(Math.round(ms));
  if (rest === 0) {
    return unitFormat(locale, 'second').format(0);
  }
  if (rest < 1000) {
    return sign + unitFormat(locale, 'millisecond').format(rest);
  }
  const majorIndex = DURATION_UNITS.findIndex((unit) => rest >= unit.ms);
  const major = DURATION_UNITS[majorIndex];
  const majorAmount = Math.floor(rest / major.ms);
  const parts = [unitFormat(locale, major.unit).format(majorAmount)];
  const minor = DURATION_UNITS[majorIndex + 1];
  if (minor) {
    const minorAmount = Math.floor((rest - majorAmount * major.ms) / minor.ms);
    if (minorAmount > 0) {
      parts.push(unitFormat(locale, minor.unit).format(minorAmount));
    }
  }
  return sign + parts.join(' ');
}
