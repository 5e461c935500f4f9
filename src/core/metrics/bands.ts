// DORA performance bands. The numbers and where they come from are in docs/metrics.md;
// keep the two in step.
import type { Band } from './types';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time';

const DAY_MIN = DAY_MS / MINUTE_MS;
const HOUR_MIN = HOUR_MS / MINUTE_MS;

/** Elite: on demand (>= 1 a day); high: >= 1 a week; medium: >= 1 a month; low: less. */
export function frequencyBand(perDay: number, deployments: number): Band | null {
  if (deployments === 0) return null;
  if (perDay >= 1) return 'elite';
  if (perDay * 7 >= 1) return 'high';
  if (perDay * 30 >= 1) return 'medium';
  return 'low';
}

/** Elite: < 1 day; high: < 1 week; medium: < 1 month; low: longer. */
export function leadTimeBand(minutes: number | null): Band | null {
  if (minutes === null) return null;
  if (minutes < DAY_MIN) return 'elite';
  if (minutes < 7 * DAY_MIN) return 'high';
  if (minutes < 30 * DAY_MIN) return 'medium';
  return 'low';
}

/** Elite: <= 5 %; high: <= 15 %; medium: < 46 %; low: 46 % and up. */
export function failRateBand(rate: number | null): Band | null {
  if (rate === null) return null;
  if (rate <= 0.05) return 'elite';
  if (rate <= 0.15) return 'high';
  if (rate < 0.46) return 'medium';
  return 'low';
}

/** Elite: < 1 hour; high: < 1 day; medium: < 1 week; low: longer. */
export function recoveryBand(minutes: number | null): Band | null {
  if (minutes === null) return null;
  if (minutes < HOUR_MIN) return 'elite';
  if (minutes < DAY_MIN) return 'high';
  if (minutes < 7 * DAY_MIN) return 'medium';
  return 'low';
}

/** DORA has published no clusters for rework rate yet, so it gets no band. */
export function reworkBand(_rate: number | null): Band | null {
  return null;
}
