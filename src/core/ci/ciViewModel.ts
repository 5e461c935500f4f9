// Turns a CiReport into what the sidebar's CI section shows: formatted p50/p90 against the
// target, the trend, failure share, flakiness and the slowest job and step, one line each.
// Pure, so every line is checked in test/unit/ci/ciViewModel.unit.test.ts.
import * as l10n from '@vscode/l10n';
import type { CiBranchView, CiLocalView, CiView } from '../../protocol/sidebar';
import { formatMinutes } from '../metrics/viewModel';
import type { CiBranchReport, CiReport } from './ciEngine';
import type { CiSource } from './ciFetch';
import type { LocalLoopStats } from './localLoop';

const NONE = '—';
const pct = (r: number): string => l10n.t('{0} %', Math.round(r * 100));
const runCount = (n: number): string => (n === 1 ? l10n.t('1 run') : l10n.t('{0} runs', n));

export function ciSourceLabel(s: CiSource): string {
  return s === 'platform' ? l10n.t('from your platform') : s === 'github' ? l10n.t('from GitHub Actions') : l10n.t('from GitLab pipelines');
}

function branchView(b: CiBranchReport, isDefault: boolean, target: number): CiBranchView {
  const label = isDefault ? l10n.t('{0} (default branch)', b.branch) : l10n.t('{0} (your branch)', b.branch);
  const lines: string[] = [];
  if (b.runs === 0) lines.push(l10n.t('No finished runs in this window.'));
  else {
    lines.push(b.overTarget === 0 ? l10n.t('Every run finished within {0} min.', target) : l10n.t('{0} of {1} over {2} min: {3} lost past the target.', b.overTarget, runCount(b.runs), target, formatMinutes(b.minutesOverTarget)));
    lines.push(l10n.t('{0} failed ({1}).', b.failed === 1 ? l10n.t('1 run') : l10n.t('{0} runs', b.failed), pct(b.failureShare ?? 0)));
    if (b.failedCommits > 0) lines.push(l10n.t('Flaky: {0} of {1} failing commits passed on a rerun ({2}).', b.flaky, b.failedCommits, pct(b.flakyShare ?? 0)));
    if (b.slowestJob) lines.push(l10n.t('Slowest job: {0} ({1} p50).', b.slowestJob.name, formatMinutes(b.slowestJob.p50Minutes)));
    if (b.slowestStep) lines.push(l10n.t('Slowest step: {0} in {1} ({2} p50).', b.slowestStep.name, b.slowestStep.job ?? '', formatMinutes(b.slowestStep.p50Minutes)));
  }
  let trend: CiBranchView['trend'] = { direction: 'none', text: '' };
  if (b.trend !== 'none' && b.previousP50Minutes !== null) {
    trend = { direction: b.trend, text: b.trend === 'same' ? l10n.t('same as the previous window') : l10n.t('p50 was {0} in the previous window', formatMinutes(b.previousP50Minutes)) };
  }
  return {
    branch: b.branch,
    label,
    runs: b.runs,
    p50: b.p50Minutes === null ? NONE : formatMinutes(b.p50Minutes),
    p90: b.p90Minutes === null ? NONE : formatMinutes(b.p90Minutes),
    overTarget: b.p50Minutes !== null && b.p50Minutes > target,
    trend,
    lines,
  };
}

/** The local build-and-test loop, or undefined when no build or test task ran here. */
export function localView(s: LocalLoopStats): CiLocalView | undefined {
  if (!s.build && !s.test) return undefined;
  const loop = (s.build?.p50Minutes ?? 0) + (s.test?.p50Minutes ?? 0);
  const lines: string[] = [];
  if (s.build) lines.push(l10n.t('Build: {0} p50, {1} p90, {2}, {3} failed.', formatMinutes(s.build.p50Minutes), formatMinutes(s.build.p90Minutes), runCount(s.build.runs), s.build.failed));
  if (s.test) lines.push(l10n.t('Test: {0} p50, {1} p90, {2}, {3} failed.', formatMinutes(s.test.p50Minutes), formatMinutes(s.test.p90Minutes), runCount(s.test.runs), s.test.failed));
  return { summary: l10n.t('Local build and test on this machine: {0} (p50 of each, added).', formatMinutes(loop)), lines };
}

export interface CiReadyInput {
  readonly source: CiSource;
  readonly fetchedAt: number;
  readonly stale?: string;
  readonly refreshing: boolean;
  readonly windowDays: 7 | 30 | 90;
  readonly quota?: string;
  readonly warnings: readonly string[];
  readonly local?: CiLocalView;
}

export function ciReadyView(r: CiReport, o: CiReadyInput): CiView {
  const branches = [branchView(r.defaultBranch, true, r.targetMinutes), ...(r.currentBranch ? [branchView(r.currentBranch, false, r.targetMinutes)] : [])];
  const d = r.defaultBranch;
  const summary =
    d.p50Minutes === null
      ? l10n.t('No CI runs on {0} in the last {1} days', d.branch, r.windowDays)
      : l10n.t('CI p50 {0} · p90 {1} on {2} (target {3} min)', formatMinutes(d.p50Minutes), formatMinutes(d.p90Minutes!), d.branch, r.targetMinutes);
  return {
    status: 'ready',
    source: o.source,
    sourceLabel: ciSourceLabel(o.source),
    fetchedAt: o.fetchedAt,
    ...(o.stale ? { stale: o.stale } : {}),
    refreshing: o.refreshing,
    windowDays: o.windowDays,
    summary,
    target: l10n.t('Target: under {0} minutes; every minute over is lost productivity.', r.targetMinutes),
    branches,
    ...(o.quota ? { quota: o.quota } : {}),
    warnings: [...o.warnings, ...(r.invalid > 0 ? [l10n.t('{0} runs had unreadable times and were left out.', r.invalid)] : [])],
    ...(o.local ? { local: o.local } : {}),
  };
}
