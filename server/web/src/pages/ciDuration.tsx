// The Delivery page's CI pipeline duration (#13): per repository, the default branch's
// runs posted to POST /admin/v1/ci-runs, as GET /admin/v1/insights/ci computes them with
// the extension's CI engine, against the 10-minute target.
import { query } from '../api';
import { DataTable, Loading, fmtMinutes, pct, useApi } from '../components';
import type { CiInsight } from '../types';

type Repo = CiInsight['repos'][number];
const trend = (t: string) => ({ better: '↑ faster', worse: '↓ slower', same: '→ same', none: '' })[t] ?? '';

export function CiDuration({ window, team }: { window: string; team?: string }) {
  const s = useApi<CiInsight>(`/admin/v1/insights/ci${query({ window, team })}`);
  return (
    <Loading state={s}>
      {(d) => (
        <>
          <h2>CI pipeline duration</h2>
          <p class="small">
            Default branch of each repository, last {d.windowDays} days, from the runs your CI posts (POST /admin/v1/ci-runs). Target: under {d.targetMinutes} minutes; every minute over is lost productivity.
          </p>
          {d.repos.length === 0 ? (
            <p data-testid="ci-empty">No CI runs yet: have your CI post its workflow runs to POST /admin/v1/ci-runs (docs/platform-admin-api.md).</p>
          ) : (
            <DataTable
              caption={`CI duration per repository, last ${d.windowDays} days`}
              csv="delivery-ci"
              testid="ci-table"
              rows={d.repos}
              columns={[
                { key: 'repo', label: 'Repository', value: (r: Repo) => r.repo ?? r.repoId.slice(0, 12), render: (r: Repo) => <>{r.repo ?? <code>{r.repoId.slice(0, 12)}</code>} <small>({r.defaultBranch})</small></> },
                { key: 'team', label: 'Team', value: (r: Repo) => r.team ?? '' },
                { key: 'p50', label: 'p50', value: (r: Repo) => r.report.p50Minutes, render: (r: Repo) => <span class={r.report.p50Minutes !== null && r.report.p50Minutes > d.targetMinutes ? 'over-target' : ''}>{fmtMinutes(r.report.p50Minutes)} <small>{trend(r.report.trend)}</small></span>, numeric: true },
                { key: 'p90', label: 'p90', value: (r: Repo) => r.report.p90Minutes, render: (r: Repo) => <>{fmtMinutes(r.report.p90Minutes)}</>, numeric: true },
                { key: 'over', label: 'Over target', value: (r: Repo) => r.report.overTarget, render: (r: Repo) => <>{r.report.overTarget} <small>({fmtMinutes(r.report.minutesOverTarget)} lost)</small></>, numeric: true },
                { key: 'failed', label: 'Failed', value: (r: Repo) => r.report.failureShare, render: (r: Repo) => <>{pct(r.report.failureShare)} <small>({r.report.failed} of {r.report.runs})</small></>, numeric: true },
                { key: 'flaky', label: 'Flaky', value: (r: Repo) => r.report.flakyShare, render: (r: Repo) => <>{pct(r.report.flakyShare)} <small>({r.report.flaky} of {r.report.failedCommits})</small></>, numeric: true },
                { key: 'slowest', label: 'Slowest job', value: (r: Repo) => r.report.slowestJob?.name ?? '', render: (r: Repo) => (r.report.slowestJob ? <>{r.report.slowestJob.name} <small>({fmtMinutes(r.report.slowestJob.p50Minutes)})</small></> : '–') },
                { key: 'runs', label: 'Runs', value: (r: Repo) => r.report.runs, numeric: true },
              ]}
            />
          )}
        </>
      )}
    </Loading>
  );
}
