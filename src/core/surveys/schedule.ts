import * as l10n from '@vscode/l10n';
import type { Schedule } from './definitions';

// Schedule periods. Calendar periods use UTC so that every window and every teammate
// agrees on when "this quarter" starts, whatever their time zone.

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Start (inclusive, ms) of the period that contains `now`. */
export function periodStart(schedule: Schedule, now: number): number {
  if (schedule.kind === 'rolling') return now - schedule.days * DAY_MS;
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (schedule.period) {
    case 'weekly': {
      // ISO weeks start on Monday.
      const dayStart = Date.UTC(y, m, d.getUTCDate());
      const sinceMonday = (d.getUTCDay() + 6) % 7;
      return dayStart - sinceMonday * DAY_MS;
    }
    case 'monthly':
      return Date.UTC(y, m, 1);
    case 'quarterly':
      return Date.UTC(y, m - (m % 3), 1);
    case 'yearly':
      return Date.UTC(y, 0, 1);
  }
}

/**
 * Whether `at` falls in the same period as `now`. For rolling schedules, whether less
 * than the period's length has passed since `at`. A time after `now` (a clock that went
 * backwards) counts as this period: when unsure, ask less.
 */
export function inCurrentPeriod(schedule: Schedule, now: number, at: number): boolean {
  return at >= periodStart(schedule, now);
}

/** A short human label, e.g. "quarter" or "90 days", for messages. */
export function periodLabel(schedule: Schedule): string {
  if (schedule.kind === 'rolling') return l10n.t('{0} days', schedule.days);
  return { weekly: l10n.t('week'), monthly: l10n.t('month'), quarterly: l10n.t('quarter'), yearly: l10n.t('year') }[schedule.period];
}
