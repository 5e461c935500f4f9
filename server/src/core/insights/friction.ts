// The seed's prioritization: every friction item placed by frequency (developers affected
// in a week, out of that week's active developers, averaged over the period's weeks) and
// impact (minutes lost per affected developer per week). Pure.
import { hidden, type Hidden } from './suppression';

export type Quadrant = 'doFirst' | 'automateOrDocument' | 'schedule' | 'ignore';

export const QUADRANT_ADVICE: Record<Quadrant, string> = {
  doFirst: 'High frequency, high impact: do this first',
  automateOrDocument: 'High frequency, low impact: automate or document',
  schedule: 'Low frequency, high impact: schedule it',
  ignore: 'Low frequency, low impact: ignore it',
};

export interface Thresholds {
  /** Share of active developers affected in a typical week (0..1). */
  readonly highFrequency: number;
  /** Minutes lost per affected developer per week. */
  readonly highImpactMinutes: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { highFrequency: 0.25, highImpactMinutes: 30 };

export function quadrant(frequency: number, impactMinutes: number, t: Thresholds = DEFAULT_THRESHOLDS): Quadrant {
  const hf = frequency >= t.highFrequency;
  const hi = impactMinutes >= t.highImpactMinutes;
  return hf ? (hi ? 'doFirst' : 'automateOrDocument') : hi ? 'schedule' : 'ignore';
}

export type FrictionSource = 'failingCommand' | 'failingTask' | 'slowSetup' | 'stuckStreak';

export interface FrictionWeek {
  readonly week: string;
  /** Distinct developers this item touched that week. */
  readonly developers: number;
  readonly occurrences: number;
  readonly minutesLost: number;
}

export interface FrictionInput {
  readonly key: string;
  readonly label: string;
  readonly source: FrictionSource;
  /** Distinct developers over the whole period. */
  readonly developers: number;
  readonly weeks: readonly FrictionWeek[];
}

export interface PlacedItem {
  readonly key: string;
  readonly label: string;
  readonly source: FrictionSource;
  readonly developers: number;
  readonly occurrences: number;
  readonly minutesLost: number;
  /** 0..1 */
  readonly frequency: number;
  readonly impactMinutes: number;
  readonly quadrant: Quadrant;
  /** Weekly developers affected; null where fewer than the minimum group. */
  readonly trend: { week: string; developers: number | null }[];
}

export interface Placement {
  readonly items: PlacedItem[];
  /** Items touching fewer developers than the minimum group: counted, never shown. */
  readonly hiddenItems: number;
  readonly hidden?: Hidden;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * weeks: every week of the period with its active developers (weeks nobody was active are
 * left out of the mean). Sorted: do-first items first, then by developers-minutes lost.
 */
export function placeFriction(items: readonly FrictionInput[], active: readonly { week: string; developers: number }[], minGroup: number, t: Thresholds = DEFAULT_THRESHOLDS): Placement {
  const weeks = active.filter((w) => w.developers > 0);
  const order: Quadrant[] = ['doFirst', 'schedule', 'automateOrDocument', 'ignore'];
  let hiddenItems = 0;
  const placed: PlacedItem[] = [];
  for (const it of items) {
    if (it.developers < minGroup) {
      hiddenItems++;
      continue;
    }
    const byWeek = new Map(it.weeks.map((w) => [w.week, w]));
    const frequency = weeks.length ? weeks.reduce((s, w) => s + Math.min(1, (byWeek.get(w.week)?.developers ?? 0) / w.developers), 0) / weeks.length : 0;
    const minutesLost = it.weeks.reduce((s, w) => s + w.minutesLost, 0);
    const impactMinutes = weeks.length ? minutesLost / it.developers / weeks.length : 0;
    placed.push({
      key: it.key,
      label: it.label,
      source: it.source,
      developers: it.developers,
      occurrences: it.weeks.reduce((s, w) => s + w.occurrences, 0),
      minutesLost: round(minutesLost, 1),
      frequency: round(frequency, 4),
      impactMinutes: round(impactMinutes, 1),
      quadrant: quadrant(frequency, impactMinutes, t),
      trend: weeks.map((w) => {
        const d = byWeek.get(w.week)?.developers ?? 0;
        return { week: w.week, developers: d > 0 && d < minGroup ? null : d };
      }),
    });
  }
  placed.sort((a, b) => order.indexOf(a.quadrant) - order.indexOf(b.quadrant) || b.developers * b.impactMinutes - a.developers * a.impactMinutes || a.key.localeCompare(b.key));
  return { items: placed, hiddenItems, ...(hiddenItems ? { hidden: hidden(minGroup, 'developers') } : {}) };
}
