// Turns a DoraReport into what the sidebar shows: formatted values, plain-language
// explanations, trends and the deployments behind each number. Pure, so it is tested
// without a webview, and the webview stays a dumb renderer.
import type { DeploymentRowView, MetricCardView, MetricsSource, MetricsView } from '../../protocol/sidebar';
import { parseTime } from './time';
import type { Deployment, DoraReport, MetricResult, WindowDays } from './types';
import * as l10n from '@vscode/l10n';

const deploymentCount = (n: number): string => (n === 1 ? l10n.t('1 deployment') : l10n.t('{0} deployments', n));
const commitCount = (n: number): string => (n === 1 ? l10n.t('1 commit') : l10n.t('{0} commits', n));

export function formatMinutes(min: number): string {
  if (min < 1) return l10n.t('< 1 min');
  if (min < 90) return l10n.t('{0} min', Math.round(min));
  if (min < 48 * 60) return l10n.t('{0} h', (min / 60).toFixed(1));
  return l10n.t('{0} days', (min / 1440).toFixed(1));
}

function formatRate(r: number): string {
  return l10n.t('{0} %', Math.round(r * 100));
}

function formatFrequency(perDay: number): { value: string; label: string } {
  if (perDay >= 1) return { value: l10n.t('{0} / day', perDay.toFixed(1)), label: l10n.t('{0} deployments per day', perDay.toFixed(1)) };
  const perWeek = perDay * 7;
  if (perWeek >= 1) return { value: l10n.t('{0} / week', perWeek.toFixed(1)), label: l10n.t('{0} deployments per week', perWeek.toFixed(1)) };
  return { value: l10n.t('{0} / month', (perDay * 30).toFixed(1)), label: l10n.t('{0} deployments per month', (perDay * 30).toFixed(1)) };
}

function trend(m: MetricResult, fmt: (v: number) => string): MetricCardView['trend'] {
  const { direction, delta, previous } = m.trend;
  if (direction === 'none' || delta === null || previous === null) return { direction: 'none', arrow: 'flat', text: '' };
  if (direction === 'same') return { direction, arrow: 'flat', text: l10n.t('same as the previous window') };
  // The arrow says which way the value moved; the colour (direction) whether that is good.
  const sign = delta > 0 ? '+' : '−';
  return { direction, arrow: delta > 0 ? 'up' : 'down', text: l10n.t('{0}{1} vs previous', sign, fmt(Math.abs(delta))) };
}

const NONE = '—';
function pace(bucket: 'daily' | 'weekly' | 'monthly' | 'yearly'): string {
  switch (bucket) {
    case 'daily':
      return l10n.t('about daily');
    case 'weekly':
      return l10n.t('about weekly');
    case 'monthly':
      return l10n.t('about monthly');
    default:
      return l10n.t('a few times a year or less');
  }
}

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
      title: l10n.t('Deployment frequency'),
      summary: l10n.t('How often changes reach production.'),
      value: f.deployments === 0 ? NONE : freq.value,
      valueLabel: f.deployments === 0 ? l10n.t('no deployments in this window') : freq.label,
      band: f.band,
      trend: trend(f, (v) => l10n.t('{0}/wk', (v * 7).toFixed(1))),
      series: f.series.map((p) => p.value),
      explanation:
        (f.deployments === 1 ? l10n.t('1 successful deployment to {0} in the last {1} days.', r.environment, days) : l10n.t('{0} successful deployments to {1} in the last {2} days.', f.deployments, r.environment, days)) +
        (f.bucket ? l10n.t(' Typical pace: {0} (the median week over the window).', pace(f.bucket)) : ''),
      deploymentIds: f.deploymentIds,
      notes: [],
    },
    {
      key: 'leadTime',
      title: l10n.t('Change lead time'),
      summary: l10n.t('How long a commit waits to run in production.'),
      value: lt.medianMinutes === null ? NONE : formatMinutes(lt.medianMinutes),
      valueLabel: lt.medianMinutes === null ? l10n.t('no commits shipped in this window') : l10n.t('median {0} from commit to production', formatMinutes(lt.medianMinutes)),
      band: lt.band,
      trend: trend(lt, formatMinutes),
      series: lt.series.map((p) => p.value),
      explanation:
        l10n.t('Median time from commit to running in {0}, over {1} first deployed in the window (a commit shipped again later counts once).', r.environment, commitCount(lt.commits)) +
        (lt.p90Minutes !== null ? l10n.t(' 90th percentile: {0}.', formatMinutes(lt.p90Minutes)) : ''),
      deploymentIds: lt.deploymentIds,
      notes: [],
    },
    {
      key: 'changeFailRate',
      title: l10n.t('Change fail rate'),
      summary: l10n.t('How many deployments needed fixing.'),
      value: cfr.value === null ? NONE : formatRate(cfr.value),
      valueLabel: cfr.value === null ? l10n.t('no deployments in this window') : l10n.t('{0} of deployments failed', formatRate(cfr.value)),
      band: cfr.band,
      trend: trend(cfr, (v) => l10n.t('{0} pts', Math.round(v * 100))),
      series: cfr.series.map((p) => p.value),
      explanation: l10n.t('{0} of {1} needed a rollback, revert or hotfix. A deploy behind several incidents counts once.', cfr.failed, deploymentCount(cfr.deployments)),
      deploymentIds: cfr.deploymentIds,
      notes: [],
    },
    {
      key: 'recoveryTime',
      title: l10n.t('Failed deployment recovery'),
      summary: l10n.t('How long a failed deployment stays broken.'),
      value: rec.medianMinutes === null ? NONE : formatMinutes(rec.medianMinutes),
      valueLabel: rec.medianMinutes === null ? l10n.t('no recovered failures in this window') : l10n.t('median {0} to restore service', formatMinutes(rec.medianMinutes)),
      band: rec.band,
      trend: trend(rec, formatMinutes),
      series: rec.series.map((p) => p.value),
      explanation: rec.recovered === 1 ? l10n.t('Median time from a failed deployment to service restored, over 1 recovered failure.') : l10n.t('Median time from a failed deployment to service restored, over {0} recovered failures.', rec.recovered),
      deploymentIds: rec.deploymentIds,
      notes: rec.open.map((o) => l10n.t('Still open: deployment {0}, failing for {1} (not part of the median).', o.deploymentId, formatMinutes(o.openMinutes))),
    },
    {
      key: 'reworkRate',
      title: l10n.t('Deployment rework rate'),
      summary: l10n.t('How many deployments were unplanned fixes.'),
      value: rw.value === null ? NONE : formatRate(rw.value),
      valueLabel: rw.value === null ? l10n.t('no deployments in this window') : l10n.t('{0} of deployments were unplanned', formatRate(rw.value)),
      band: rw.band,
      trend: trend(rw, (v) => l10n.t('{0} pts', Math.round(v * 100))),
      series: rw.series.map((p) => p.value),
      explanation: l10n.t('{0} of {1} were unplanned, made because of a production incident (hotfixes, reverts). DORA publishes no bands for it yet.', rw.unplanned, deploymentCount(rw.deployments)),
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

/** "from your platform": where the numbers come from, for the sidebar. */
export function sourceLabel(source: MetricsSource): string {
  return { platform: l10n.t('from your platform'), github: l10n.t('from GitHub deployments'), git: l10n.t('from git tags') }[source];
}

/** "No deployments found in your platform." */
export function noDeploymentsText(source: MetricsSource): string {
  return { platform: l10n.t('No deployments found in your platform.'), github: l10n.t('No deployments found in GitHub deployments.'), git: l10n.t('No deployments found in git tags.') }[source];
}

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
  if (issues.invalidTimes) warnings.push(l10n.t('{0} deployment or commit time(s) could not be read and were left out.', issues.invalidTimes));
  if (issues.commitsAfterDeploy) warnings.push(l10n.t('{0} dated after their deploy (clock skew) were left out of lead time.', commitCount(issues.commitsAfterDeploy)));
  if (issues.duplicateIds) warnings.push(l10n.t('{0} duplicate deployment id(s): the last record was used.', issues.duplicateIds));
  return {
    status: 'ready',
    source: input.source,
    sourceLabel: input.sourceLabel ?? sourceLabel(input.source),
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
