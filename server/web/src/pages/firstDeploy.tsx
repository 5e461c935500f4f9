// The Onboarding page's time from the first day to the first production deploy (#13), per
// start-week cohort against the one-day target, from GET /admin/v1/insights/onboarding/first-deploy.
import { DataTable, HiddenNote, Loading, Meta, fmtMinutes, fmtPeriod, useApi } from '../components';
import type { FirstDeploy } from '../types';

export function FirstDeploySection({ q }: { q: string }) {
  const s = useApi<FirstDeploy>(`/admin/v1/insights/onboarding/first-deploy${q}`);
  return (
    <Loading state={s}>
      {(d) => (
        <>
          <h2>First day to first production deploy</h2>
          <p class="small">
            From the day a new hire starts (“I'm New Here”, or their first activity in a repository) to the first successful production deployment that shipped their first commit. Target: under one day ({fmtMinutes(d.targetMinutes)}).
            {d.waiting ? ` ${d.waiting} first commits are not in a production deploy yet.` : ''}
          </p>
          {'suppressed' in d.overall ? (
            <HiddenNote minGroup={d.minGroup} what="new hires" />
          ) : (
            <p data-testid="first-deploy-overall">
              <span class="big" data-testid="first-deploy-p50" data-value={d.overall.p50Minutes}>{fmtMinutes(d.overall.p50Minutes)}</span> median,{' '}
              <span data-testid="first-deploy-p90" data-value={d.overall.p90Minutes}>{fmtMinutes(d.overall.p90Minutes)}</span> p90; {d.overall.withinTarget} of {d.overall.n} within a day
            </p>
          )}
          <Meta period={d.period} />
          <DataTable
            caption={`Time to first production deploy by the week the new hire started, ${fmtPeriod(d.period)}`}
            csv="first-deploy-by-week"
            testid="first-deploy-table"
            rows={d.cohorts}
            columns={[
              { key: 'week', label: 'Start week', value: (r) => r.week },
              { key: 'n', label: 'Deployed', value: (r) => ('suppressed' in r ? `fewer than ${d.minGroup}` : r.n), numeric: true },
              { key: 'p50', label: 'p50', value: (r) => ('suppressed' in r ? 'hidden' : fmtMinutes(r.p50Minutes)), numeric: true },
              { key: 'p90', label: 'p90', value: (r) => ('suppressed' in r ? 'hidden' : fmtMinutes(r.p90Minutes)), numeric: true },
              { key: 'target', label: 'Within a day', value: (r) => ('suppressed' in r ? 'hidden' : `${r.withinTarget} of ${r.n}`), numeric: true },
              { key: 'waiting', label: 'Not deployed yet', value: (r) => ('suppressed' in r ? 'hidden' : r.waiting), numeric: true },
            ]}
          />
        </>
      )}
    </Loading>
  );
}
