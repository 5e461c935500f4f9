import * as Plot from '@observablehq/plot';
import { useState } from 'preact/hooks';
import { query } from '../api';
import { Chart, DataTable, Loading, Meta, fmtDate, fmtMinutes, pct, useApi, type Column } from '../components';
import type { DoraReport } from '../../../../src/core/metrics/types';
import type { PageProps } from '../main';
import type { Delivery } from '../types';
import { CiDuration } from './ciDuration';

const arrow = (t: { direction: string } | undefined) => ({ better: '↑ better', worse: '↓ worse', same: '→ same', none: '' })[t?.direction as string] ?? '';
const band = (b: string | null) => (b ? <span class={`band band-${b}`}>{b}</span> : null);

interface Row {
  report: DoraReport;
}

function columns<R extends Row>(first: Column<R>): Column<R>[] {
  return [
    first,
    { key: 'df', label: 'Deploys / week', value: (r: R) => r.report.deploymentFrequency.perWeek.toFixed(2), render: (r: R) => <>{r.report.deploymentFrequency.perWeek.toFixed(2)} {band(r.report.deploymentFrequency.band)} <small>{arrow(r.report.deploymentFrequency.trend)}</small></>, numeric: true },
    { key: 'lt', label: 'Lead time (median)', value: (r: R) => r.report.leadTime.medianMinutes, render: (r: R) => <>{fmtMinutes(r.report.leadTime.medianMinutes)} {band(r.report.leadTime.band)} <small>{arrow(r.report.leadTime.trend)}</small></>, numeric: true },
    { key: 'cfr', label: 'Change fail rate', value: (r: R) => r.report.changeFailRate.value, render: (r: R) => <>{pct(r.report.changeFailRate.value)} {band(r.report.changeFailRate.band)} <small>({r.report.changeFailRate.failed} of {r.report.changeFailRate.deployments})</small></>, numeric: true },
    { key: 'rec', label: 'Recovery (median)', value: (r: R) => r.report.recoveryTime.medianMinutes, render: (r: R) => <>{fmtMinutes(r.report.recoveryTime.medianMinutes)} {band(r.report.recoveryTime.band)}</>, numeric: true },
    { key: 'rw', label: 'Rework rate', value: (r: R) => r.report.reworkRate.value, render: (r: R) => <>{pct(r.report.reworkRate.value)}</>, numeric: true },
    { key: 'n', label: 'Deploys', value: (r: R) => r.report.deploymentFrequency.deployments, numeric: true },
  ];
}

export function DeliveryPage({ team }: PageProps) {
  const [window, setWindow] = useState('30');
  const s = useApi<Delivery>(`/admin/v1/insights/delivery${query({ window, team })}`);
  return (
    <>
      <p class="lede">The five DORA keys, computed by the extension's own engine from the deployments and incidents the server holds.</p>
      <label>
        Window{' '}
        <select value={window} onChange={(e) => setWindow((e.target as HTMLSelectElement).value)}>
          <option value="7">7 days</option>
          <option value="30">30 days</option>
          <option value="90">90 days</option>
        </select>
      </label>
      <Loading state={s}>
        {(d) => {
          const start = d.services[0]?.report.window.start;
          const period = start ? { from: new Date(start).toISOString(), to: d.now } : undefined;
          return (
            <>
              <Meta period={period} extra={`${d.windowDays}-day window, compared with the ${d.windowDays} days before; up to ${fmtDate(d.now)}`} />
              <h2>Per service</h2>
              <DataTable caption={`DORA keys per service, last ${d.windowDays} days`} csv="delivery-services" testid="delivery-table" rows={d.services} columns={columns<Delivery['services'][number]>({ key: 'service', label: 'Service', value: (r) => r.service })} />
              <Chart
                label="Median lead time per service"
                make={(width) =>
                  Plot.plot({
                    width,
                    height: 60 + d.services.length * 32,
                    marginLeft: 120,
                    style: { background: 'transparent' },
                    x: { label: 'Median lead time (minutes)', grid: true },
                    y: { label: null },
                    marks: [Plot.barX(d.services.filter((x) => x.report.leadTime.medianMinutes !== null), { y: 'service', x: (x) => x.report.leadTime.medianMinutes, fill: 'var(--accent)' }), Plot.ruleX([0])],
                  })
                }
              >
                <p>The numbers are in the table above (Lead time column).</p>
              </Chart>
              <h2>Per team</h2>
              <DataTable caption={`DORA keys per team (its services together), last ${d.windowDays} days`} csv="delivery-teams" rows={d.teams} columns={columns<Delivery['teams'][number]>({ key: 'team', label: 'Team', value: (r) => r.team })} />
              <CiDuration window={window} team={team} />
            </>
          );
        }}
      </Loading>
    </>
  );
}
