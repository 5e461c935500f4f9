import type { DeploymentsResponse } from '../platform/contract';
import type { Deployment } from './types';

/**
 * The platform's deployments as the engine reads them. Deploys still in progress or
 * cancelled never happened as far as the metrics go; incidents mark a deploy failed.
 */
export function deploymentsFromPlatform(resp: DeploymentsResponse): Deployment[] {
  const out: Deployment[] = [];
  for (const d of resp.deployments) {
    if (d.status !== 'success' && d.status !== 'failure') continue;
    const incidentIds = d.incidents?.map((i) => i.id);
    out.push({
      id: d.id,
      service: d.service,
      environment: d.environment,
      time: d.time,
      status: d.status,
      commits: d.commits,
      failed: d.failed || (incidentIds?.length ?? 0) > 0,
      ...(d.restoredAt !== undefined ? { restoredAt: d.restoredAt } : {}),
      ...(incidentIds?.length ? { incidentIds } : {}),
    });
  }
  return out;
}
