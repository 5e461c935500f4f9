import { computeDora } from '../../../src/core/metrics/engine';
import { deploymentsFromPlatform } from '../../../src/core/metrics/platformSource';
import type { DoraReport, WindowDays } from '../../../src/core/metrics/types';
import type { DeploymentsResponse } from '../../../src/core/platform/contract';
import { deploymentsResponse, type DeploymentInput, type DeploymentRow, type IncidentInput } from '../core/deployments';
import type { Queryable } from './db';

export async function putDeployment(db: Queryable, d: DeploymentInput): Promise<{ id: string }> {
  await db.query(
    `INSERT INTO deployments (id, service, environment, time, status, commits, failed, restored_at, unplanned)
     VALUES ($1, $2, $3, $4::timestamptz, $5, $6::jsonb, $7, $8::timestamptz, $9)
     ON CONFLICT (id) DO UPDATE SET service = excluded.service, environment = excluded.environment, time = excluded.time,
       status = excluded.status, commits = excluded.commits, failed = excluded.failed, restored_at = excluded.restored_at,
       unplanned = excluded.unplanned, updated_at = now()`,
    [d.id, d.service, d.environment ?? 'production', d.time, d.status, JSON.stringify(d.commits ?? []), d.failed ?? false, d.restoredAt ?? null, d.unplanned ?? false],
  );
  return { id: d.id };
}

/** Upserts by incident id (updates never count twice); false when the deployment is unknown. */
export async function putIncident(db: Queryable, i: IncidentInput): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO incidents (id, deployment_id, created_at, resolved_at)
     SELECT $1, d.id, $3::timestamptz, $4::timestamptz FROM deployments d WHERE d.id = $2
     ON CONFLICT (id) DO UPDATE SET deployment_id = excluded.deployment_id, created_at = excluded.created_at, resolved_at = excluded.resolved_at, updated_at = now()
     RETURNING id`,
    [i.id, i.deploymentId, i.createdAt, i.resolvedAt ?? null],
  );
  return r.rows.length > 0;
}

/** GET /v1/services/{service}/deployments, or undefined for a service with no record at all. */
export async function serviceDeployments(db: Queryable, service: string, since: string, until: string): Promise<DeploymentsResponse | undefined> {
  const svc = (await db.query<{ team: string | null }>('SELECT team FROM services WHERE name = $1', [service])).rows[0];
  const r = await db.query<DeploymentRow>(
    `SELECT d.id, d.service, d.environment, d.time, d.status, d.commits, d.failed, d.restored_at, d.unplanned,
       coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object('id', i.id, 'createdAt', i.created_at, 'resolvedAt', i.resolved_at)))
                 FROM incidents i WHERE i.deployment_id = d.id), '[]'::jsonb) AS incidents
     FROM deployments d WHERE d.service = $1 AND d.time >= $2::timestamptz AND d.time < $3::timestamptz
     ORDER BY d.time, d.id`,
    [service, since, until],
  );
  if (!svc && r.rows.length === 0) {
    const any = await db.query('SELECT 1 FROM deployments WHERE service = $1 LIMIT 1', [service]);
    if (any.rows.length === 0) return undefined;
  }
  return deploymentsResponse(service, svc?.team ?? null, since, until, r.rows);
}

/** The DORA report for a service, computed by the extension's own engine. */
export async function serviceDora(db: Queryable, service: string, now: number, windowDays: WindowDays, environment?: string): Promise<DoraReport | undefined> {
  const until = new Date(now).toISOString();
  // The report compares with the window before, and failures can be restored later: read twice the window.
  const since = new Date(now - 2 * windowDays * 86_400_000).toISOString();
  const resp = await serviceDeployments(db, service, since, until);
  if (!resp) return undefined;
  const env = environment ?? (await db.query<{ environment: string }>('SELECT environment FROM services WHERE name = $1', [service])).rows[0]?.environment;
  // The same deployments the extension reads (unplanned included), through the same mapping.
  return computeDora(deploymentsFromPlatform(resp), { now, windowDays, service, ...(env ? { environment: env } : {}) });
}
