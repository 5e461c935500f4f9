import * as z from 'zod/mini';

// Dates as platform teams write them: `2026-10-01`, `2026-10-01T09:00:00Z`,
// `2026-10-01T09:00:00+02:00`, or `2026-10-01T09:00` with no zone, which DX Pulse reads
// as UTC like a date-only value (never as the developer's local time, which would make
// one survey open at different moments on different laptops).

/** A date or a date-time with or without a zone (`Z`, `+02:00`, or none: UTC). */
export const isoDateOrDateTime = (error: string | (() => string)) => z.union([z.iso.date(), z.iso.datetime({ offset: true, local: true })], { error: typeof error === 'string' ? error : () => error() });

const HAS_ZONE = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;

/** Milliseconds since the epoch; a value without a zone is UTC. NaN when unparsable. */
export function isoUtcMs(value: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`);
  return Date.parse(HAS_ZONE.test(value) ? value : `${value}Z`);
}
