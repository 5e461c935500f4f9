import * as Plot from '@observablehq/plot';
import { Card, Chart, DataTable, HiddenNote, Loading, Meta, fmtDate, fmtMinutes, fmtPeriod, useApi } from '../components';
import type { PageProps } from '../main';
import type { Overview } from '../types';
import { TopFriction } from './friction';

export function OverviewPage({ q }: PageProps) {
  const s = useApi<Overview>(`/admin/v1/insights/overview${q}`);
  return (
    <Loading state={s}>
      {(d) => (
        <>
          <p class="lede">The seed's four success metrics for {d.team ?? 'all teams'}, over {fmtPeriod(d.period)}.</p>
          <div class="cards">
            <Card title="Time from commit to production" href="#/delivery" testid="card-leadtime">
              {d.leadTime.length === 0 ? <p>No deployments recorded yet.</p> : null}
              <ul class="plain">
                {d.leadTime.map((x) => (
                  <li>
                    <span class="big" data-testid={`leadtime-${x.service}`} data-value={x.medianMinutes}>{fmtMinutes(x.medianMinutes)}</span> median lead time of <strong>{x.service}</strong>
                    {x.band ? <span class={`band band-${x.band}`}>{x.band}</span> : null}
                    {x.trend.direction !== 'none' ? <span class="small"> {({ better: '↑ better', worse: '↓ worse', same: '→ same' } as Record<string, string>)[x.trend.direction]} than the 30 days before</span> : null}
                    <Meta n={x.commits} what="commits" extra={`last ${x.windowDays} days`} />
                  </li>
                ))}
              </ul>
            </Card>
            <Card title="Time to onboard" href="#/onboarding" testid="card-onboarding">
              {'suppressed' in d.onboarding ? (
                <HiddenNote minGroup={d.minGroup} what="new hires" />
              ) : (
                <>
                  <p>
                    <span class="big" data-testid="onboarding-p50" data-value={d.onboarding.p50Minutes}>{fmtMinutes(d.onboarding.p50Minutes)}</span> median time to a new hire's first commit
                  </p>
                  <Meta period={d.period} n={d.onboarding.n} what="new hires" />
                </>
              )}
              {d.worstOnboardingStep ? <p>Most people stall at the step <strong>{d.worstOnboardingStep}</strong>.</p> : null}
              {d.stallOnboardingStep ? <p>The step that takes longest: <strong data-testid="overview-stall-step">{d.stallOnboardingStep}</strong>.</p> : null}
            </Card>
            <Card title="Developer satisfaction (NPS)" href="#/surveys" testid="card-nps">
              {!d.nps ? (
                <p>No NPS survey is published.</p>
              ) : 'suppressed' in d.nps ? (
                <HiddenNote minGroup={d.minGroup} what="respondents" />
              ) : (
                <>
                  <p>
                    <span class="big" data-testid="nps-value" data-value={d.nps.nps}>{d.nps.nps}</span> NPS <span class={`band band-${d.nps.band}`}>{bandLabel(d.nps.band)}</span>
                  </p>
                  <p class="small">
                    {d.nps.promoters} promoters, {d.nps.passives} passives, {d.nps.detractors} detractors (survey {d.nps.surveyId})
                  </p>
                  <Meta period={d.nps.period} n={d.nps.n} what="respondents" />
                </>
              )}
            </Card>
            <Card title="Adoption" href="#/friction" testid="card-adoption">
              <ul class="plain">
                {d.adoption.map((a) => (
                  <li>
                    <span class="big" data-testid={`adoption-${a.days}`}>{a.developers}</span> developers and <span data-testid={`repos-${a.days}`}>{a.repos}</span> repos active in the last {a.days} days
                    <Meta extra={`${fmtDate(a.from)} – ${fmtDate(a.to)}`} />
                  </li>
                ))}
              </ul>
              <p class="small">Active: the editor was used in the repository (activity.day) or it sent any other event.</p>
            </Card>
          </div>
          <TopFriction q={q} />
          <h2>Active developers per week</h2>
          <Chart
            label="Active developers per week"
            make={(width) =>
              Plot.plot({
                width,
                height: 220,
                style: { background: 'transparent' },
                x: { type: 'band', label: 'Week starting' },
                y: { label: 'Developers', grid: true },
                marks: [Plot.barY(d.activeByWeek, { x: 'week', y: 'developers', fill: 'var(--accent)' }), Plot.ruleY([0])],
              })
            }
          >
            <DataTable
              caption={`Active developers per week, ${fmtPeriod(d.period)}`}
              csv="active-developers"
              rows={d.activeByWeek}
              columns={[
                { key: 'week', label: 'Week starting', value: (r) => r.week },
                { key: 'developers', label: 'Developers', value: (r) => r.developers, numeric: true },
              ]}
            />
          </Chart>
        </>
      )}
    </Loading>
  );
}

export const bandLabel = (b: string) => ({ great: 'great (> 50)', good: 'good (> 30)', needsWork: 'needs work (≤ 30)' })[b] ?? b;
