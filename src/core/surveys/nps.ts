// Survey result maths. Any group with fewer than MIN_GROUP_SIZE respondents gets no
// result at all (not even its exact size): with one or two people, a "team score" is a
// person's answer. DX's own results API draws the same line.

/** Smallest group that gets a result. Callers may raise it, never lower it. */
export const MIN_GROUP_SIZE = 3;

export interface Suppressed {
  suppressed: true;
  reason: string;
}

export type NpsCategory = 'promoter' | 'passive' | 'detractor';

export interface NpsResult {
  suppressed: false;
  respondents: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Whole percentages of respondents, each rounded on its own. */
  promoterPercent: number;
  passivePercent: number;
  detractorPercent: number;
  /**
   * % promoters - % detractors, from the exact counts, rounded half away from zero to a
   * whole number in -100..100. It can differ by 1 from promoterPercent - detractorPercent,
   * which round separately; the exact value is `npsExact`.
   */
  nps: number;
  npsExact: number;
  /** Values that were not whole scores 0..10 and were left out. */
  ignored: number;
}

export interface SummaryOptions {
  /** Raise the suppression threshold (e.g. to 5); values below 3 are ignored. */
  minGroupSize?: number;
}

/** Rounds half away from zero (Math.round rounds -2.5 to -2, which would bias negative NPS up). */
export function roundHalfAwayFromZero(x: number, decimals = 0): number {
  const f = 10 ** decimals;
  // The small nudge absorbs binary noise such as 1.005 * 100 = 100.49999999999999.
  // `+ 0` turns -0 into 0, so nobody reads "NPS -0".
  return (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f + 0;
}

export function classifyNps(score: number): NpsCategory {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

function threshold(options?: SummaryOptions): number {
  const n = options?.minGroupSize;
  return n !== undefined && Number.isFinite(n) ? Math.max(MIN_GROUP_SIZE, Math.ceil(n)) : MIN_GROUP_SIZE;
}

function suppressed(min: number): Suppressed {
  return { suppressed: true, reason: `fewer than ${min} respondents: results for such small groups are never shown` };
}

function isWhole(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

export function npsSummary(scores: readonly unknown[], options?: SummaryOptions): NpsResult | Suppressed {
  const valid = scores.filter((s): s is number => isWhole(s, 0, 10));
  const min = threshold(options);
  if (valid.length < min) return suppressed(min);
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const s of valid) {
    const c = classifyNps(s);
    if (c === 'promoter') promoters++;
    else if (c === 'passive') passives++;
    else detractors++;
  }
  const n = valid.length;
  const pct = (k: number) => roundHalfAwayFromZero((k / n) * 100);
  const npsExact = ((promoters - detractors) / n) * 100;
  return {
    suppressed: false,
    respondents: n,
    promoters,
    passives,
    detractors,
    promoterPercent: pct(promoters),
    passivePercent: pct(passives),
    detractorPercent: pct(detractors),
    nps: roundHalfAwayFromZero(npsExact),
    npsExact,
    ignored: scores.length - n,
  };
}

export interface ScaleResult {
  suppressed: false;
  respondents: number;
  /** How many chose 1, 2, 3, 4 and 5 (index 0 is 1). */
  distribution: [number, number, number, number, number];
  /** Mean to 2 decimals. */
  mean: number;
  median: number;
  /** Whole % who chose 4 or 5 ("top two box"), and 1 or 2. */
  topTwoPercent: number;
  bottomTwoPercent: number;
  ignored: number;
}

/** Summary of a 1-5 scale question. */
export function scaleSummary(values: readonly unknown[], options?: SummaryOptions): ScaleResult | Suppressed {
  const valid = values.filter((v): v is number => isWhole(v, 1, 5));
  const min = threshold(options);
  if (valid.length < min) return suppressed(min);
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const v of valid) distribution[v - 1]!++;
  const n = valid.length;
  const sorted = [...valid].sort((a, b) => a - b);
  const mid = Math.floor(n / 2);
  const median = n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    suppressed: false,
    respondents: n,
    distribution,
    mean: roundHalfAwayFromZero(valid.reduce((a, b) => a + b, 0) / n, 2),
    median,
    topTwoPercent: roundHalfAwayFromZero(((distribution[3] + distribution[4]) / n) * 100),
    bottomTwoPercent: roundHalfAwayFromZero(((distribution[0] + distribution[1]) / n) * 100),
    ignored: values.length - n,
  };
}
