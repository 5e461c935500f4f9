// CI pipeline duration per branch: p50 and p90 of finished runs in a window, the trend
// against the window before, the runs over the 10-minute target and the minutes lost to it,
// the share of runs that failed, flakiness (a failed run of a commit that a rerun of the
// same workflow made pass), and the slowest job and step. Pure; hand-checked in
// test/unit/ci/ciEngine.unit.test.ts.
import { medianAndP90 } from '../metrics/stats';
import { DAY_MS, MINUTE_MS, parseTime } from '../metrics/time';
import { CI_TARGET_MINUTES, type CiRun } from './types';

export interface CiSlowest {
  readonly name: string;
  /** Median duration of this job (or step) over the runs that had it, in minutes. */
  readonly p50Minutes: number;
  /** For a step: the job it belongs to. */
  readonly job?: string;
}

export interface CiBranchReport {
  readonly branch: string;
  /** Finished runs (success or failure) in the window; every attempt counts. */
  readonly runs: number;
  readonly p50Minutes: number | null;
  readonly p90Minutes: number | null;
  /** p50 of the window before; the trend compares it with this window's. */
  readonly previousP50Minutes: number | null;
  /** 'better' when runs got faster. */
  readonly trend: 'better' | 'worse' | 'same' | 'none';
  readonly overTarget: number;
  /** Sum over runs of the minutes past the target. */
  readonly minutesOverTarget: number;
  readonly failed: number;
  /** failed / runs; null without runs. */
  readonly failureShare: number | null;
  /** Commits (per workflow) whose first failing attempt was followed by a passing rerun. */
  readonly flaky: number;
  /** Commits (per workflow) with at least one failed attempt. */
  readonly failedCommits: number;
  /** flaky / failedCommits; null when nothing failed. */
  readonly flakyShare: number | null;
  readonly slowestJob: CiSlowest | null;
  readonly slowestStep: CiSlowest | null;
  /** The latest finished run (epoch ms). */
  readonly lastRunAt: number | null;
}

export interface CiReport {
  readonly windowDays: number;
  readonly targetMinutes: number;
  readonly defaultBranch: CiBranchReport;
  /** The developer's branch, when it is not the default branch. */
  readonly currentBranch?: CiBranchReport;
  /** Runs whose times could not be read, or that ended before they started. */
  readonly invalid: number;
}

export interface CiReportOptions {
  readonly now: number;
  readonly windowDays: number;
  readonly defaultBranch: string;
  readonly currentBranch?: string;
  readonly targetMinutes?: number;
}

interface Timed {
  readonly run: CiRun;
  readonly end: number;
  readonly minutes: number;
}

/** The relative change in p50 under which the trend is 'same' (5 %). */
const SAME_WITHIN = 0.05;

export function computeCiReport(runs: readonly CiRun[], o: CiReportOptions): CiReport {
  const target = o.targetMinutes ?? CI_TARGET_MINUTES;
  const end = o.now;
  const start = end - o.windowDays * DAY_MS;
  const prevStart = start - o.windowDays * DAY_MS;
  let invalid = 0;
  const byId = new Map<string, Timed>();
  for (const run of runs) {
    if (run.conclusion === 'cancelled') continue;
    const s = parseTime(run.startedAt);
    const e = parseTime(run.finishedAt);
    if (Number.isNaN(s) || Number.isNaN(e) || e < s) {
      invalid++;
      continue;
    }
    byId.set(run.id, { run, end: e, minutes: (e - s) / MINUTE_MS }); // the last record of an id wins
  }
  const timed = [...byId.values()];
  const report = (branch: string): CiBranchReport => {
    const mine = timed.filter((t) => t.run.branch === branch && t.end <= end);
    return branchReport(
      branch,
      mine.filter((t) => t.end > start),
      mine.filter((t) => t.end > prevStart && t.end <= start),
      target,
    );
  };
  const cur = o.currentBranch && o.currentBranch !== o.defaultBranch ? report(o.currentBranch) : undefined;
  return { windowDays: o.windowDays, targetMinutes: target, defaultBranch: report(o.defaultBranch), ...(cur ? { currentBranch: cur } : {}), invalid };
}

function p50p90(values: readonly number[]): { p50: number | null; p90: number | null } {
  if (values.length === 0) return { p50: null, p90: null };
  const r = medianAndP90(Float64Array.from(values), 0, values.length);
  return { p50: r.median, p90: r.p90 };
}

function branchReport(branch: string, cur: readonly Timed[], prev: readonly Timed[], target: number): CiBranchReport {
  const { p50, p90 } = p50p90(cur.map((t) => t.minutes));
  const previous = p50p90(prev.map((t) => t.minutes)).p50;
  let trend: CiBranchReport['trend'] = 'none';
  if (p50 !== null && previous !== null) trend = Math.abs(p50 - previous) <= SAME_WITHIN * previous ? 'same' : p50 < previous ? 'better' : 'worse';
  const failed = cur.filter((t) => t.run.conclusion === 'failure').length;
  const { flaky, failedCommits } = flakiness(cur);
  return {
    branch,
    runs: cur.length,
    p50Minutes: p50,
    p90Minutes: p90,
    previousP50Minutes: previous,
    trend,
    overTarget: cur.filter((t) => t.minutes > target).length,
    minutesOverTarget: cur.reduce((sum, t) => sum + Math.max(0, t.minutes - target), 0),
    failed,
    failureShare: cur.length ? failed / cur.length : null,
    flaky,
    failedCommits,
    flakyShare: failedCommits ? flaky / failedCommits : null,
    ...slowest(cur),
    lastRunAt: cur.length ? Math.max(...cur.map((t) => t.end)) : null,
  };
}

/** Per workflow and commit: a failed attempt, then a passing later attempt, is one flaky commit. */
function flakiness(cur: readonly Timed[]): { flaky: number; failedCommits: number } {
  const groups = new Map<string, Timed[]>();
  for (const t of cur) {
    const key = `${t.run.workflow}\u0000${t.run.sha}`;
    const g = groups.get(key);
    if (g) g.push(t);
    else groups.set(key, [t]);
  }
  let flaky = 0;
  let failedCommits = 0;
  for (const g of groups.values()) {
    const failures = g.filter((t) => t.run.conclusion === 'failure');
    if (failures.length === 0) continue;
    failedCommits++;
    // A rerun is a later attempt of the same run, or a new run of the same commit after it.
    const first = failures.reduce((a, b) => (b.run.attempt < a.run.attempt || (b.run.attempt === a.run.attempt && b.end < a.end) ? b : a));
    if (g.some((t) => t.run.conclusion === 'success' && (t.run.attempt > first.run.attempt || t.end > first.end))) flaky++;
  }
  return { flaky, failedCommits };
}

function slowest(cur: readonly Timed[]): { slowestJob: CiSlowest | null; slowestStep: CiSlowest | null } {
  const jobs = new Map<string, number[]>();
  const steps = new Map<string, { job: string; step: string; values: number[] }>();
  for (const t of cur) {
    for (const j of t.run.jobs ?? []) {
      push(jobs, j.name, j.durationMs);
      for (const s of j.steps ?? []) {
        if (!Number.isFinite(s.durationMs) || s.durationMs < 0) continue;
        const key = `${j.name}\u0000${s.name}`;
        const e = steps.get(key) ?? { job: j.name, step: s.name, values: [] };
        e.values.push(s.durationMs);
        steps.set(key, e);
      }
    }
  }
  let slowestJob: CiSlowest | null = null;
  for (const [name, values] of jobs) {
    const m = p50p90(values).p50! / MINUTE_MS;
    if (!slowestJob || m > slowestJob.p50Minutes) slowestJob = { name, p50Minutes: m };
  }
  let slowestStep: CiSlowest | null = null;
  for (const e of steps.values()) {
    const m = p50p90(e.values).p50! / MINUTE_MS;
    if (!slowestStep || m > slowestStep.p50Minutes) slowestStep = { name: e.step, job: e.job, p50Minutes: m };
  }
  return { slowestJob, slowestStep };
}

function push(m: Map<string, number[]>, k: string, v: number): void {
  if (!Number.isFinite(v) || v < 0) return;
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}
