// The DORA engine: five metrics over a window ending at an injected `now`, the same numbers
// for the window before it, a band for each, and a small series for a sparkline.
// Definitions and sources: docs/metrics.md.
import { failRateBand, frequencyBand, leadTimeBand, recoveryBand, reworkBand } from './bands';
import { buildDeploymentIndex, type DeploymentIndex, type IndexOptions } from './deploymentIndex';
import { medianAndP90, percentileInPlace } from './stats';
import { DAY_MS, MINUTE_MS, WEEK_MS } from './time';
import {
  DEFAULT_WINDOW_DAYS,
  type Deployment,
  type DoraReport,
  type EpochMs,
  type FrequencyBucket,
  type MetricTrend,
  type OpenFailure,
  type SeriesPoint,
  type WindowDays,
} from './types';

export interface DoraOptions extends IndexOptions {
  /** The window ends here (inclusive); injected so results are reproducible. */
  readonly now: EpochMs;
  readonly windowDays?: WindowDays;
}

/** One-shot: index the deployments and compute the report. */
export function computeDora(deployments: readonly Deployment[], options: DoraOptions): DoraReport {
  return computeDoraFromIndex(buildDeploymentIndex(deployments, options), options);
}

interface WindowStats {
  readonly deployments: number;
  readonly failed: number;
  readonly unplanned: number;
  readonly leadCommits: number;
  readonly leadMedian: number | null;
  readonly leadP90: number | null;
  readonly recoveryMedian: number | null;
  readonly recovered: number;
}

/** First position whose time is > t (windows are (start, end]). */
function after(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function orNull(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

class WindowCalculator {
  // Reused for every window and bucket so percentiles allocate nothing.
  private readonly _scratch: Float64Array;

  constructor(
    private readonly _ix: DeploymentIndex,
    private readonly _now: number,
  ) {
    this._scratch = new Float64Array(Math.max(_ix.leadMinutes.length, _ix.size));
  }

  /** p90 costs another selection; only the window's headline shows it. */
  stats(lo: number, hi: number, withP90 = false): WindowStats {
    const ix = this._ix;
    let failed = 0;
    let unplanned = 0;
    let recovered = 0;
    const s = this._scratch;
    for (let i = lo; i < hi; i++) {
      unplanned += ix.unplanned[i]!;
      if (ix.failed[i] === 0) continue;
      failed++;
      const r = ix.restoredAt[i]!;
      if (r <= this._now) s[recovered++] = (r - ix.times[i]!) / MINUTE_MS; // NaN <= x is false: open
    }
    const recoveryMedian = orNull(percentileInPlace(s, 0, recovered, 0.5));
    const from = ix.leadStart[lo]!;
    const to = ix.leadStart[hi]!;
    s.set(ix.leadMinutes.subarray(from, to));
    const lead = withP90 ? medianAndP90(s, 0, to - from) : { median: percentileInPlace(s, 0, to - from, 0.5), p90: NaN };
    return {
      deployments: hi - lo,
      failed,
      unplanned,
      leadCommits: to - from,
      leadMedian: orNull(lead.median),
      leadP90: orNull(lead.p90),
      recoveryMedian,
      recovered,
    };
  }
}

/** Four Keys' bucket, over the window instead of a fixed 3 months, empty days counted. */
function frequencyBucket(times: Float64Array, lo: number, hi: number, end: number, days: number): FrequencyBucket | null {
  if (hi === lo) return null;
  const perDay = new Int32Array(days);
  for (let i = lo; i < hi; i++) {
    const d = Math.floor((end - times[i]!) / DAY_MS);
    if (d >= 0 && d < days) perDay[d]!++;
  }
  const weeks = Math.max(1, Math.floor(days / 7));
  const deployDays: number[] = [];
  for (let w = 0; w < weeks; w++) {
    let c = 0;
    for (let d = w * 7; d < w * 7 + 7 && d < days; d++) if (perDay[d]! > 0) c++;
    deployDays.push(c);
  }
  const medianWeek = medianOf(deployDays);
  if (medianWeek >= 3) return 'daily';
  if (medianWeek >= 1) return 'weekly';
  const months = Math.max(1, Math.floor(days / 30));
  const perMonth: number[] = [];
  for (let mo = 0; mo < months; mo++) {
    let c = 0;
    const last = months === 1 ? days : mo * 30 + 30;
    for (let d = mo * 30; d < last; d++) c += perDay[d]!;
    perMonth.push(c);
  }
  return medianOf(perMonth) >= 1 ? 'monthly' : 'yearly';
}

function medianOf(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function trend(current: number | null, previous: number | null, higherIsBetter: boolean): MetricTrend {
  if (current === null || previous === null) return { previous, delta: null, direction: 'none' };
  const delta = current - previous;
  if (delta === 0) return { previous, delta, direction: 'same' };
  return { previous, delta, direction: delta > 0 === higherIsBetter ? 'better' : 'worse' };
}

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export function computeDoraFromIndex(ix: DeploymentIndex, options: DoraOptions): DoraReport {
  const days = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  const end = options.now;
  const span = days * DAY_MS;
  const start = end - span;
  const prevStart = start - span;
  const lo = after(ix.times, start);
  const hi = after(ix.times, end);
  const prevLo = after(ix.times, prevStart);
  const calc = new WindowCalculator(ix, end);
  const cur = calc.stats(lo, hi, true);
  const prev = calc.stats(prevLo, lo);

  // Sparkline buckets, newest last: one per day for a week, one per week otherwise.
  const step = days === 7 ? DAY_MS : WEEK_MS;
  const buckets: { start: number; end: number; stats: WindowStats }[] = [];
  for (let bEnd = end; bEnd > start; bEnd -= step) {
    const bStart = Math.max(start, bEnd - step);
    buckets.push({ start: bStart, end: bEnd, stats: calc.stats(after(ix.times, bStart), after(ix.times, bEnd)) });
  }
  buckets.reverse();
  const series = (f: (s: WindowStats, lengthDays: number) => number | null): SeriesPoint[] =>
    buckets.map((b) => ({ start: b.start, end: b.end, value: f(b.stats, (b.end - b.start) / DAY_MS) }));

  const all: string[] = [];
  const withLead: string[] = [];
  const failedIds: string[] = [];
  const unplannedIds: string[] = [];
  const open: OpenFailure[] = [];
  for (let i = lo; i < hi; i++) {
    const id = ix.ids[i]!;
    all.push(id);
    if (ix.leadStart[i + 1]! > ix.leadStart[i]!) withLead.push(id);
    if (ix.unplanned[i]) unplannedIds.push(id);
    if (ix.failed[i]) {
      failedIds.push(id);
      const r = ix.restoredAt[i]!;
      if (!(r <= end)) open.push({ deploymentId: id, failedAt: ix.times[i]!, openMinutes: (end - ix.times[i]!) / MINUTE_MS });
    }
  }

  const perDay = cur.deployments / days;
  // An empty previous window before the first deployment on record has nothing to compare
  // with: no trend, rather than "+4 / week" against a history that did not exist yet.
  const historyCoversPrevious = prev.deployments > 0 || (ix.times.length > 0 && ix.times[0]! <= prevStart);
  const prevPerDay = historyCoversPrevious ? prev.deployments / days : null;
  const cfr = rate(cur.failed, cur.deployments);
  const rework = rate(cur.unplanned, cur.deployments);
  return {
    window: { days, start, end },
    previousWindow: { start: prevStart, end: start },
    environment: ix.environment,
    service: ix.service,
    deploymentFrequency: {
      key: 'deploymentFrequency',
      value: perDay,
      unit: 'deploys/day',
      perDay,
      perWeek: perDay * 7,
      deployments: cur.deployments,
      bucket: frequencyBucket(ix.times, lo, hi, end, days),
      band: frequencyBand(perDay, cur.deployments),
      trend: trend(perDay, prevPerDay, true),
      series: series((s, len) => s.deployments / len),
      deploymentIds: all,
    },
    leadTime: {
      key: 'leadTime',
      value: cur.leadMedian,
      unit: 'minutes',
      medianMinutes: cur.leadMedian,
      p90Minutes: cur.leadP90,
      commits: cur.leadCommits,
      band: leadTimeBand(cur.leadMedian),
      trend: trend(cur.leadMedian, prev.leadMedian, false),
      series: series((s) => s.leadMedian),
      deploymentIds: withLead,
    },
    changeFailRate: {
      key: 'changeFailRate',
      value: cfr,
      unit: 'ratio',
      failed: cur.failed,
      deployments: cur.deployments,
      band: failRateBand(cfr),
      trend: trend(cfr, rate(prev.failed, prev.deployments), false),
      series: series((s) => rate(s.failed, s.deployments)),
      deploymentIds: failedIds,
    },
    recoveryTime: {
      key: 'recoveryTime',
      value: cur.recoveryMedian,
      unit: 'minutes',
      medianMinutes: cur.recoveryMedian,
      recovered: cur.recovered,
      open,
      band: recoveryBand(cur.recoveryMedian),
      trend: trend(cur.recoveryMedian, prev.recoveryMedian, false),
      series: series((s) => s.recoveryMedian),
      deploymentIds: failedIds,
    },
    reworkRate: {
      key: 'reworkRate',
      value: rework,
      unit: 'ratio',
      unplanned: cur.unplanned,
      deployments: cur.deployments,
      band: reworkBand(rework),
      trend: trend(rework, rate(prev.unplanned, prev.deployments), false),
      series: series((s) => rate(s.unplanned, s.deployments)),
      deploymentIds: unplannedIds,
    },
    dataIssues: ix.issues,
  };
}
