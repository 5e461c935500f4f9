// GET /admin/v1/insights/golden-path: every goldenPath.evaluated event up to the end of the
// period (a repository's state is its latest one, however old) and who was active where in
// the period, shaped by core/insights/goldenPath.ts.
import { goldenPathAdoption, type Evaluation } from '../core/insights/goldenPath';
import type { Queryable } from './db';
import { ACT } from './insights';
import { activityParams, RK, TEAM, type ReadOptions, type Scope } from './sqlScope';

export async function goldenPathInsight(db: Queryable, s: Scope & ReadOptions) {
  const ev = await db.query<{ repo: string; team: string | null; time: string | Date; checks: unknown }>(
    `WITH ${RK}
     SELECT coalesce(rk.name, e.repo_id) AS repo, rk.team, e.time, e.data->'checks' AS checks
     FROM event_facts e LEFT JOIN rk ON rk.key = e.repo_id
     WHERE e.kind = 'goldenPath.evaluated' AND e.repo_id IS NOT NULL AND e.time < $1::timestamptz AND ($2::text IS NULL OR rk.team = $2)`,
    [s.to, s.team ?? null],
  );
  const evaluations: Evaluation[] = ev.rows.map((r) => ({
    repo: r.repo,
    team: r.team,
    time: new Date(r.time).toISOString(),
    // Validated at ingest against the kind's schema; anything else reads as no checks.
    checks: Array.isArray(r.checks) ? (r.checks as { id: string; passed: boolean }[]).filter((c) => typeof c?.id === 'string' && typeof c.passed === 'boolean') : [],
  }));
  // Each developer active in a repository, as their number (rollups.ts: bit i of chunk c is developer c * 1024 + i).
  const act = await db.query<{ repo: string; install_id: string }>(
    `WITH ${ACT} SELECT DISTINCT repo, (chunk * 1024 + i)::text AS install_id FROM act, generate_series(0, 1023) i WHERE repo IS NOT NULL AND ${TEAM} AND get_bit(devs, i) = 1`,
    activityParams(s),
  );
  return {
    from: s.from,
    to: s.to,
    ...goldenPathAdoption({ evaluations, activity: act.rows.map((r) => ({ repo: r.repo, developer: r.install_id })), from: s.from, to: s.to, minGroup: s.minGroup }),
  };
}
