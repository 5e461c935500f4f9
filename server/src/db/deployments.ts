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

/** What serviceDora reads: twice the window (the report compares with the window before, and failures can be restored later). */
export function doraRange(now: number, windowDays: WindowDays): { since: string; until: string } {
  return { since: new Date(now - 2 * windowDays * 86_400_000).toISOString(), until: new Date(now).toISOString() };
}

/** The DORA report of deployments read over doraRange, by the extension's own engine. */
export function doraOf(resp: DeploymentsResponse, now: number, windowDays: WindowDays, environment: string | undefined): DoraReport {
  // The same deployments the extension reads (unplanned included), through the same mapping.
  return computeDora(deploymentsFromPlatform(resp), { now, windowDays, service: resp.service, ...(environment ? { environment } : {}) });
}

/** The DORA report for a service, computed by the extension's own engine. */
export async function serviceDora(db: Queryable, service: string, now: number, windowDays: WindowDays, environment?: string): Promise<DoraReport | undefined> {
  const { since, until } = doraRange(now, windowDays);
  const resp = await serviceDeployments(db, service, since, until);
  if (!resp) return undefined;
  const env = environment ?? (await db.query<{ environment: string }>('SELECT environment FROM services WHERE name = $1', [service])).rows[0]?.environment;
  return doraOf(resp, now, windowDays, env);
}

/** GET /admin/v1/insights/delivery: the five DORA keys per service, by the extension's engine. */
export async function deliveryInsight(db: Queryable, s: { team?: string; now: number; windowDays: WindowDays }) {
  const svcs = await db.query<{ name: string; team: string | null; environment: string | null }>(
    `SELECT name, team, environment FROM services WHERE ($1::text IS NULL OR team = $1)
     UNION SELECT DISTINCT d.service, NULL, NULL FROM deployments d WHERE $1::text IS NULL AND NOT EXISTS (SELECT 1 FROM services x WHERE x.name = d.service)
     ORDER BY 1`,
    [s.team ?? null],
  );
  // Each service's deployments read once, for its report and its team's.
  const { since, until } = doraRange(s.now, s.windowDays);
  const services = [];
  const read = new Map<string, DeploymentsResponse>();
  for (const svc of svcs.rows) {
    const resp = await serviceDeployments(db, svc.name, since, until);
    if (!resp) continue;
    read.set(svc.name, resp);
    services.push({ service: svc.name, team: svc.team, report: doraOf(resp, s.now, s.windowDays, svc.environment ?? undefined) });
  }
  // Per team: the engine over all the team's services' deployments together, each
  // service's own environment (as its report counts it) and unplanned flags included.
  const teams = new Map<string, string[]>();
  for (const x of services) if (x.team) teams.set(x.team, [...(teams.get(x.team) ?? []), x.service]);
  const perTeam = [];
  for (const [team, names] of [...teams].sort(([a], [b]) => a.localeCompare(b))) {
    const deployments = [];
    for (const n of names) {
      const env = services.find((x) => x.service === n)!.report.environment.toLowerCase();
      for (const d of deploymentsFromPlatform(read.get(n)!)) {
        if (d.environment.toLowerCase() === env) deployments.push({ ...d, environment: 'production' });
      }
    }
    perTeam.push({ team, services: names, report: computeDora(deployments, { now: s.now, windowDays: s.windowDays }) });
  }
  return { windowDays: s.windowDays, now: until, team: s.team ?? null, services, teams: perTeam };
}
