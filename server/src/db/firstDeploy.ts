// The join behind time to first production deploy (#13): each new hire's first commit (the
// optional sha newHire.firstCommit carries) with the first successful
// deployment to its service's production environment whose commits hold that sha.
import { firstDeployCohorts } from '../core/insights/firstDeploy';
import type { Queryable } from './db';
import { EV, params } from './insights';
import { TEAM, type Scope } from './sqlScope';

export async function firstDeployInsight(db: Queryable, s: Scope) {
  const r = await db.query<{ time: Date; duration_ms: number; deployed_at: Date | null }>(
    `WITH ${EV}, nh AS (
       SELECT time, (data->>'durationMs')::float8 AS duration_ms, lower(data->>'sha') AS sha FROM ev WHERE ${TEAM} AND data->>'sha' IS NOT NULL
     )
     SELECT nh.time, nh.duration_ms,
       (SELECT min(d.time) FROM deployments d LEFT JOIN services sv ON sv.name = d.service
        WHERE d.status = 'success' AND d.environment = coalesce(sv.environment, 'production')
          AND d.commits @> jsonb_build_array(jsonb_build_object('sha', nh.sha))) AS deployed_at
     FROM nh ORDER BY nh.time`,
    params(s, ['newHire.firstCommit']),
  );
  const hires = r.rows.map((x) => ({ startedAt: new Date(x.time).getTime() - Number(x.duration_ms), deployedAt: x.deployed_at ? new Date(x.deployed_at).getTime() : null }));
  return { period: { from: s.from, to: s.to }, team: s.team ?? null, minGroup: s.minGroup, ...firstDeployCohorts(hires, s.minGroup) };
}
