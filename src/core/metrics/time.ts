import type { EpochMs, TimeInput } from './types';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

// Date.parse reads "2024-05-01T10:00:00" (no offset) as LOCAL time, so the same data would
// give different numbers on machines in different time zones. We read it as UTC instead.
const HAS_OFFSET = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/** Epoch ms for a number or an ISO 8601 string; NaN when it cannot be read. */
export function parseTime(t: TimeInput | undefined): EpochMs {
  if (typeof t === 'number') return Number.isFinite(t) ? t : NaN;
  if (typeof t !== 'string' || t.length === 0) return NaN;
  const s = t.trim();
  if (DATE_TIME.test(s) && !HAS_OFFSET.test(s)) return Date.parse(`${s.replace(' ', 'T')}Z`);
  return Date.parse(s);
}
