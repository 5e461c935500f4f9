import * as Plot from '@observablehq/plot';
import { Card, Chart, DataTable, HiddenNote, Loading, Meta, fmtMinutes, fmtPeriod, pct, useApi } from '../components';
import type { PageProps } from '../main';
import type { Onboarding } from '../types';
import { FirstDeploySection } from './firstDeploy';

/** Extensions that predate sinceChecklistMs send no such time: then fewer than the minimum group may have one. */
const timeOrHidden = (m: number | null, minGroup: number) => (m === null ? `fewer than ${minGroup} timed` : fmtMinutes(m));

export function OnboardingPage({ q }: PageProps) {
  const s = useApi<Onboarding>(`/admin/v1/insights/onboarding${q}`);
  return (
    <Loading state={s}>
      {(d) => {
        const funnel = 'suppressed' in d.funnel ? null : d.funnel;
        return (
        <>
          <div class="cards">
            <Card title="Time to first commit" testid="card-first-commit">
              {'suppressed' in d.firstCommit ? (
                <HiddenNote minGroup={d.minGroup} what="new hires" />
              ) : (
                <>
                  <p>
                    <span class="big" data-testid="first-commit-p50" data-value={d.firstCommit.p50Minutes}>{fmtMinutes(d.firstCommit.p50Minutes)}</span> median,{' '}
                    <span data-testid="first-commit-p90" data-value={d.firstCommit.p90Minutes}>{fmtMinutes(d.firstCommit.p90Minutes)}</span> for the slowest tenth (p90)
                  </p>
                  <Meta period={d.period} n={d.firstCommit.n} what="new hires" />
                </>
              )}
            </Card>
            <Card title="Where people stall" testid="card-stall">
              {funnel === null ? (
                <HiddenNote minGroup={d.minGroup} what="developers" />
              ) : (
                <>
                  <p>
                    <span class="big" data-testid="stall-step">{funnel.stallStep ?? 'not known yet'}</span> takes longest (median time after the step before)
                  </p>
                  <p>
                    <span data-testid="worst-step">{funnel.worstStep ?? 'nowhere'}</span> is the step most people stop before
                  </p>
                  <Meta period={d.period} n={funnel.started} what="developers who started" extra={`${funnel.finished} finished every step`} />
                </>
              )}
            </Card>
          </div>

          <h2>New hires by start week</h2>
          <DataTable
            caption={`Time to first commit by the week the new hire started, ${fmtPeriod(d.period)}`}
            csv="first-commit-by-week"
            rows={d.cohorts}
            columns={[
              { key: 'week', label: 'Start week', value: (r) => r.week },
              { key: 'n', label: 'New hires', value: (r) => ('suppressed' in r ? `fewer than ${d.minGroup}` : r.n), numeric: true },
              { key: 'p50', label: 'p50', value: (r) => ('suppressed' in r ? 'hidden' : fmtMinutes(r.p50Minutes)), numeric: true },
              { key: 'p90', label: 'p90', value: (r) => ('suppressed' in r ? 'hidden' : fmtMinutes(r.p90Minutes)), numeric: true },
            ]}
          />

          <FirstDeploySection q={q} />

          <h2>The onboarding checklist as a funnel</h2>
          {funnel === null ? (
            <HiddenNote minGroup={d.minGroup} what="developers" />
          ) : (
            <Chart
              label="Share of developers who completed each onboarding step"
              make={(width) =>
                Plot.plot({
                  width,
                  height: 60 + funnel.steps.length * 36,
                  marginLeft: 120,
                  style: { background: 'transparent' },
                  x: { label: 'Completed, share of those who started', domain: [0, 1], tickFormat: (x: number) => `${Math.round(x * 100)}%`, grid: true },
                  y: { label: null, domain: funnel.steps.map((x) => x.stepId) },
                  marks: [
                    Plot.barX(funnel.steps, { y: 'stepId', x: 'completion', fill: (x) => (x.stepId === funnel.worstStep ? '#cf222e' : 'var(--accent)') }),
                    Plot.text(funnel.steps, { y: 'stepId', x: 'completion', text: (x) => pct(x.completion), dx: 18, fill: 'currentColor' }),
                  ],
                })
              }
            >
              <DataTable
                caption={`Onboarding steps, ${fmtPeriod(d.period)}, of ${funnel.started} developers who started`}
                csv="onboarding-funnel"
                testid="funnel-table"
                rows={funnel.steps}
                columns={[
                  { key: 'step', label: 'Step', value: (r) => r.stepId },
                  { key: 'completed', label: 'Completed', value: (r) => r.completed, numeric: true },
                  { key: 'completion', label: 'Completion', value: (r) => pct(r.completion, 1), numeric: true },
                  { key: 'median', label: 'Median time', value: (r) => (r.medianMinutes === null ? `hidden (fewer than ${d.minGroup})` : fmtMinutes(r.medianMinutes)), numeric: true },
                  { key: 'onStep', label: 'Median after the step before', value: (r) => timeOrHidden(r.medianMinutesOnStep, d.minGroup), numeric: true },
                  { key: 'fromStart', label: 'Median since the checklist appeared', value: (r) => timeOrHidden(r.medianMinutesFromStart, d.minGroup), numeric: true },
                  { key: 'skipped', label: 'Skipped', value: (r) => r.skipped, numeric: true },
                  { key: 'stalled', label: 'Stalled here', value: (r) => r.stalled, numeric: true },
                ]}
              />
            </Chart>
          )}

          <h2>Setup time per repository, worst first</h2>
          <DataTable
            caption={`From first open to the first green build or test, ${fmtPeriod(d.period)}`}
            csv="setup-by-repo"
            testid="setup-table"
            rows={d.setupByRepo}
            columns={[
              { key: 'repo', label: 'Repository', value: (r) => r.repo },
              { key: 'n', label: 'Developers', value: (r) => r.n, numeric: true },
              { key: 'p50', label: 'p50', value: (r) => fmtMinutes(r.p50Minutes), numeric: true },
              { key: 'p90', label: 'p90', value: (r) => fmtMinutes(r.p90Minutes), numeric: true },
              { key: 'failed', label: 'Failed attempts (median)', value: (r) => r.medianFailedAttempts, numeric: true },
              { key: 'installs', label: 'Installs (median)', value: (r) => r.medianInstallRuns, numeric: true },
            ]}
          />
          {d.hiddenRepos ? (
            <p class="hidden-note" role="note">
              {d.hiddenRepos} repositories hidden because fewer than {d.minGroup} developers set them up.
            </p>
          ) : null}
        </>
        );
      }}
    </Loading>
  );
}
