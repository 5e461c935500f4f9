// Turns a DoraReport into what the sidebar shows: formatted values, plain-language
// explanations, trends and the deployments behind each number. Pure, so it is tested
// without a webview, and the webview stays a dumb renderer.
import type { DeploymentRowView, MetricCardView, MetricsSource, MetricsView } from '../../protocol/sidebar';
import { parseTime } from './time';
import type { Deployment, DoraReport, MetricResult, WindowDays } from './types';
import { plural } from '../common/plural';

export function formatMinutes(min: number): string {
  if (min < 1) return '< 1 min';
  if (min < 90) return `${Math.round(min)} min`;
  if (min < 48 * 60) return `${(min / 60).toFixed(1)} h`;
  return `${(min / 1440).toFixed(1)} days`;
}

function formatRate(r: number): string {
  return `${Math.round(r * 100)} %`;
}

function formatFrequency(perDay: number): { value: string; label: string } {
  if (perDay >= 1) return { value: `${perDay.toFixed(1)} / day`, label: `${perDay.toFixed(1)} deployments per day` };
  const perWeek = perDay * 7;
  if (perWeek >= 1) return { value: `${perWeek.toFixed(1)} / week`, label: `${perWeek.toFixed(1)} deployments per week` };
  return { value: `${(perDay * 30).toFixed(1)} / month`, label: `${(perDay * 30).toFixed(1)} deployments per month` };
}

function trend(m: MetricResult, fmt: (v: number) => string): MetricCardView['trend'] {
  const { direction, delta, previous } = m.trend;
  if (direction === 'none' || delta === null || previous === null) return { direction: 'none', arrow: 'flat', text: '' };
  if (direction === 'same') return { direction, arrow: 'flat', text: 'same as the previous window' };
  // The arrow says which way the value moved; the colour (direction) whether that is good.
  const sign = delta > 0 ? '+' : '−';
  return { direction, arrow: delta > 0 ? 'up' : 'down', text: `${sign}${fmt(Math.abs(delta))} vs previous` };
}

const NONE = '—';
const PACE = { daily: 'about daily', weekly: 'about weekly', monthly: 'about monthly', yearly: 'a few times a year or less' } as const;

export function metricCards(r: DoraReport): MetricCardView[] {
  const f = r.deploymentFrequency;
  const freq = formatFrequency(f.perDay);
  const lt = r.leadTime;
  const cfr = r.changeFailRate;
  const rec = r.recoveryTime;
  const rw = r.reworkRate;
  const days = r.window.days;
  return [
    {
      key: 'deploymentFrequency',
      title: 'Deployment frequency',
      summary: 'How often changes reach production.',
      value: f.deployments === 0 ? NONE : freq.value,
      valueLabel: f.deployments === 0 ? 'no deployments in this window' : freq.label,
      band: f.band,
      trend: trend(f, (v) => `${(v * 7).toFixed(1)}/wk`),
      series: f.series.map((p) => p.value),
      explanation: `${plural(f.deployments, 'successful deployment')} to ${r.environment} in the last ${days} days.${f.bucket ? ` Typical pace: ${PACE[f.bucket]} (the median week over the window).` : ''}`,
      deploymentIds: f.deploymentIds,
      notes: [],
    },
    {
      key: 'leadTime',
      title: 'Change lead time',
      summary: 'How long a commit waits to run in production.',
      value: lt.medianMinutes === null ? NONE : formatMinutes(lt.medianMinutes),
      valueLabel: lt.medianMinutes === null ? 'no commits shipped in this window' : `median ${formatMinutes(lt.medianMinutes)} from commit to production`,
      band: lt.band,
      trend: trend(lt, formatMinutes),
      series: lt.series.map((p) => p.value),
      explanation: `Median time from commit to running in ${r.environment}, over ${plural(lt.commits, 'commit')} first deployed in the window (a commit shipped again later counts once).${lt.p90Minutes !== null ? ` 90th percentile: ${formatMinutes(lt.p90Minutes)}.` : ''}`,
      deploymentIds: lt.deploymentIds,
      notes: [],
    },
    {
      key: 'changeFailRate',
      title: 'Change fail rate',
      summary: 'How many deployments needed fixing.',
      value: cfr.value === null ? NONE : formatRate(cfr.value),
      valueLabel: cfr.value === null ? 'no deployments in this window' : `${formatRate(cfr.value)} of deployments failed`,
      band: cfr.band,
      trend: trend(cfr, (v) => `${Math.round(v * 100)} pts`),
      series: cfr.series.map((p) => p.value),
      explanation: `${cfr.failed} of ${plural(cfr.deployments, 'deployment')} needed a rollback, revert or hotfix. A deploy behind several incidents counts once.`,
      deploymentIds: cfr.deploymentIds,
      notes: [],
    },
    {
      key: 'recoveryTime',
      title: 'Failed deployment recovery',
      summary: 'How long a failed deployment stays broken.',
      value: rec.medianMinutes === null ? NONE : formatMinutes(rec.medianMinutes),
      valueLabel: rec.medianMinutes === null ? 'no recovered failures in this window' : `median ${formatMinutes(rec.medianMinutes)} to restore service`,
      band: rec.band,
      trend: trend(rec, formatMinutes),
      series: rec.series.map((p) => p.value),
      explanation: `Median time from a failed deployment to service restored, over ${plural(rec.recovered, 'recovered failure')}.`,
      deploymentIds: rec.deploymentIds,
      notes: rec.open.map((o) => `Still open: deployment ${o.deploymentId}, failing for ${formatMinutes(o.openMinutes)} (not part of the median).`),
    },
    {
      key: 'reworkRate',
      title: 'Deployment rework rate',
      summary: 'How many deployments were unplanned fixes.',
      value: rw.value === null ? NONE : formatRate(rw.value),
      valueLabel: rw.value === null ? 'no deployments in this window' : `${formatRate(rw.value)} of deployments were unplanned`,
      band: rw.band,
      trend: trend(rw, (v) => `${Math.round(v * 100)} pts`),
      series: rw.series.map((p) => p.value),
      explanation: `${rw.unplanned} of ${plural(rw.deployments, 'deployment')} were unplanned, made because of a production incident (hotfixes, reverts). DORA publishes no bands for it yet.`,
      deploymentIds: rw.deploymentIds,
      notes: [],
    },
  ];
}

/** Rows for the "how it was computed" table: newest first, with per-deploy lead time. */
export function deploymentRows(deployments: readonly Deployment[], r: DoraReport, limit = 300): DeploymentRowView[] {
  const inWindow = deployments
    .map((d) => ({ d, t: parseTime(d.time) }))
    .filter(({ t }) => Number.isFinite(t) && t > r.previousWindow.start && t <= r.window.end)
    .sort((a, b) => b.t - a.t)
    .slice(0, limit);
  return inWindow.map(({ d, t }) => {
    const commitTimes = d.commits.map((c) => parseTime(c.time)).filter((x) => Number.isFinite(x) && x <= t);
    const lead = commitTimes.length ? (t - Math.min(...commitTimes)) / 60_000 : undefined;
    const restored = d.restoredAt !== undefined ? (parseTime(d.restoredAt) - t) / 60_000 : undefined;
    return {
      id: d.id,
      name: d.id.length > 40 ? `${d.id.slice(0, 37)}…` : d.id,
      time: t,
      failed: d.failed || (d.incidentIds?.length ?? 0) > 0,
      unplanned: !!d.unplanned,
      commits: d.commits.length,
      leadTime: lead !== undefined ? formatMinutes(lead) : undefined,
      restored: restored !== undefined && restored >= 0 ? formatMinutes(restored) : undefined,
    };
  });
}

export const SOURCE_LABEL: Record<MetricsSource, string> = { platform: 'from your platform', github: 'from GitHub deployments', git: 'from git tags' };

export interface ReadyInput {
  readonly source: MetricsSource;
  readonly sourceLabel?: string;
  readonly service: string;
  readonly team?: string;
  readonly fetchedAt: number;
  readonly stale?: string;
  readonly refreshing: boolean;
  readonly windowDays: WindowDays;
  readonly warnings?: readonly string[];
}

export function readyView(report: DoraReport, deployments: readonly Deployment[], input: ReadyInput): MetricsView {
  const issues = report.dataIssues;
  const warnings = [...(input.warnings ?? [])];
  if (issues.invalidTimes) warnings.push(`${issues.invalidTimes} deployment or commit time(s) could not be read and were left out.`);
  if (issues.commitsAfterDeploy) warnings.push(`${plural(issues.commitsAfterDeploy, 'commit')} dated after their deploy (clock skew) were left out of lead time.`);
  if (issues.duplicateIds) warnings.push(`${issues.duplicateIds} duplicate deployment id(s): the last record was used.`);
  return {
    status: 'ready',
    source: input.source,
    sourceLabel: input.sourceLabel ?? SOURCE_LABEL[input.source],
    service: input.service,
    team: input.team,
    fetchedAt: input.fetchedAt,
    stale: input.stale,
    refreshing: input.refreshing,
    windowDays: input.windowDays,
    cards: metricCards(report),
    deployments: deploymentRows(deployments, report),
    warnings,
  };
}
