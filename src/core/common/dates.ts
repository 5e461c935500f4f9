/**
 * One date format everywhere a person reads a date (sidebar, notifications): the editor's
 * display language, medium length ("Mar 4, 2026"). A day-precision date (a removal date,
 * a publication day) passes `timeZone: 'UTC'` so it never shows as the day before.
 */
export function formatDate(ms: number, locale: string | undefined, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) };
  try {
    return new Intl.DateTimeFormat(locale, options).format(ms);
  } catch {
    // An unknown or malformed locale tag (RangeError): the runtime's own.
    return new Intl.DateTimeFormat(undefined, options).format(ms);
  }
}

/** A feed's ISO date or date-time as a day in the editor's locale; text that is not a date stays as it is. */
export function formatDay(iso: string, locale: string | undefined): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0];
  const t = day ? Date.parse(`${day}T00:00:00Z`) : NaN;
  return Number.isFinite(t) ? formatDate(t, locale, 'UTC') : iso;
}
