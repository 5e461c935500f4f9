// Golden-path adoption: the share of repositories and teams whose every check passes, per
// check and week by week, and the failing check that holds back the most active developers.
// Renders GET /admin/v1/insights/golden-path and nothing else.
import * as Plot from '@observablehq/plot';
import { Card, Chart, DataTable, Loading, Meta, fmtDate, fmtPeriod, pct, useApi } from '../components';
import type { PageProps } from '../main';
import type { GoldenPath } from '../types';

export function GoldenPathPage({ q }: PageProps) {
  const s = useApi<GoldenPath>(`/admin/v1/insights/golden-path${q}`);
  return (
    <Loading state={s}>
      {(d) => {
        const period = { from: d.from, to: d.to };
        if (d.repos.evaluated === 0)
          return (
            <p class="empty" data-testid="golden-empty">
              No repository has reported golden-path results up to {fmtDate(d.to)}. Define checks under goldenPath.checks in the platform configuration (docs/golden-path.md); each developer's DX Pulse evaluates them and reports pass or fail per check.
            </p>
          );
        const series = d.weeks.flatMap((w) => [
          { week: new Date(`${w.week}T00:00:00Z`), what: 'Repositories', share: w.repos.share },
          { week: new Date(`${w.week}T00:00:00Z`), what: 'Teams', share: w.teams.share },
        ]).filter((x) => x.share !== null);
        return (
          <>
            <div class="cards">
              <Card title="Repositories on the golden path" testid="card-golden-repos">
                <p>
                  <span class="big" data-testid="golden-repos-share" data-value={d.repos.share ?? ''}>{pct(d.repos.share)}</span> ({d.repos.onPath} of {d.repos.evaluated}) pass every check
                </p>
                <Meta n={d.repos.evaluated} what="repositories" extra={`latest results up to ${fmtDate(d.to)}`} />
              </Card>
              <Card title="Teams on the golden path" testid="card-golden-teams">
                <p>
                  <span class="big" data-testid="golden-teams-share" data-value={d.teams.share ?? ''}>{pct(d.teams.share)}</span> ({d.teams.onPath} of {d.teams.evaluated}) have every repository on it
                </p>
                <Meta n={d.teams.evaluated} what="teams" />
              </Card>
              <Card title="Failing check affecting the most developers" testid="card-golden-worst">
                {d.mostAffecting ? (
                  <p>
                    <span class="big" data-testid="golden-worst-check">{d.mostAffecting.id}</span> fails in repositories where <span data-testid="golden-worst-developers" data-value={d.mostAffecting.developers}>{d.mostAffecting.developers}</span> developers were active
                  </p>
                ) : (
                  <p data-testid="golden-worst-check">No failing check with enough active developers to show.</p>
                )}
                <Meta period={period} extra="active: any event from the repository in the period" />
              </Card>
            </div>

            <h2>Adoption over time</h2>
            <Chart
              label="Share of repositories and teams on the golden path, week by week"
              make={(width) =>
                Plot.plot({
                  width,
                  height: 240,
                  style: { background: 'transparent' },
                  x: { label: 'Week', type: 'utc' },
                  y: { label: 'On the golden path', domain: [0, 1], tickFormat: (x: number) => `${Math.round(x * 100)}%`, grid: true },
                  marginRight: 100,
                  // Lines are labelled at their end: Plot's swatch legend needs a <style> the CSP drops.
                  color: { domain: ['Repositories', 'Teams'], range: ['var(--accent)', '#bf8700'] },
                  marks: [
                    Plot.line(series, { x: 'week', y: 'share', stroke: 'what', marker: 'circle' }),
                    Plot.text(series, Plot.selectLast({ x: 'week', y: 'share', z: 'what', text: 'what', fill: 'what', dx: 8, textAnchor: 'start' })),
                  ],
                })
              }
            >
              <DataTable
                caption={`Golden-path adoption by week (each week as of its end), ${fmtPeriod(period)}`}
                csv="golden-path-by-week"
                testid="golden-weeks-table"
                rows={[...d.weeks]}
                columns={[
                  { key: 'week', label: 'Week of', value: (w) => w.week },
                  { key: 'repos', label: 'Repositories on it', value: (w) => `${pct(w.repos.share)} (${w.repos.onPath} of ${w.repos.evaluated})`, numeric: true },
                  { key: 'teams', label: 'Teams on it', value: (w) => `${pct(w.teams.share)} (${w.teams.onPath} of ${w.teams.evaluated})`, numeric: true },
                ]}
              />
            </Chart>

            <h2>Checks</h2>
            {d.suppressed ? <p class="hidden-note" role="note">Some developer counts are hidden: fewer than {d.suppressed.minGroup} developers.</p> : null}
            <DataTable
              caption={`Each golden-path check across repositories, active developers ${fmtPeriod(period)}`}
              csv="golden-path-checks"
              testid="golden-checks-table"
              rows={[...d.checks]}
              columns={[
                { key: 'id', label: 'Check', value: (c) => c.id },
                { key: 'share', label: 'Passing', value: (c) => `${pct(c.share)} (${c.passing} of ${c.repos})`, numeric: true },
                { key: 'failing', label: 'Failing repositories', value: (c) => c.failingRepos, numeric: true },
                { key: 'devs', label: 'Active developers affected', value: (c) => (c.developersAffected === null ? 'hidden' : c.developersAffected), numeric: true },
              ]}
            />

            <h2>Each check, week by week</h2>
            <DataTable
              caption={`Share of repositories passing each check, each week as of its end, ${fmtPeriod(period)}`}
              csv="golden-path-checks-by-week"
              testid="golden-check-weeks-table"
              rows={[...d.weeks]}
              columns={[
                { key: 'week', label: 'Week of', value: (w) => w.week },
                ...d.checks.map((c) => ({
                  key: `check-${c.id}`,
                  label: c.id,
                  numeric: true,
                  value: (w: (typeof d.weeks)[number]) => {
                    const x = w.checks.find((y) => y.id === c.id);
                    return x ? `${pct(x.share)} (${x.passing} of ${x.repos})` : '–';
                  },
                })),
              ]}
            />

            <h2>Repositories</h2>
            <DataTable
              caption="Each repository's latest golden-path results"
              csv="golden-path-repos"
              testid="golden-repos-table"
              rows={[...d.repoList]}
              columns={[
                { key: 'repo', label: 'Repository', value: (r) => r.repo },
                { key: 'team', label: 'Team', value: (r) => r.team ?? '–' },
                { key: 'passed', label: 'Checks passing', value: (r) => `${r.passed} of ${r.total}`, numeric: true },
                { key: 'failing', label: 'Failing', value: (r) => r.failing.join(', ') || '–' },
                { key: 'at', label: 'Reported', value: (r) => fmtDate(r.evaluatedAt) },
              ]}
            />
          </>
        );
      }}
    </Loading>
  );
}
