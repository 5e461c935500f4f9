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
      ...(d.unplanned ? { unplanned: true } : {}),
    });
  }
  return out;
}

const DAY_MS = 86_400_000;
/** The longest sidebar window (90 days) and the one before it, for the trend. */
const DEPLOYMENTS_LOOKBACK_DAYS = 180;

/**
 * The range the extension asks the platform for: 180 days up to the end of today (UTC),
 * on day boundaries, so every request of one day is the same URL and its ETag can match.
 */
export function deploymentsRequestRange(now: number): { since: number; until: number } {
  const until = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
  return { since: until - (DEPLOYMENTS_LOOKBACK_DAYS + 1) * DAY_MS, until };
}

