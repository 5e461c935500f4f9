import type { CiRun, CiRunsResponse } from '../../../src/core/platform/contract';
import { ciRepoSummary, type CiRepoSummary, type CiRunsInput } from '../core/ciRuns';
import type { Db, Queryable } from './db';

interface CiRunRow {
  repo_id: string;
  id: string;
  workflow: string;
  branch: string;
  sha: string;
  attempt: number;
  conclusion: CiRun['conclusion'];
  started_at: Date;
  finished_at: Date;
  jobs: CiRun['jobs'] | null;
}

const DEFAULT_BRANCH = 'main';

/** Upserts every run of the post by (repository, run id); returns how many were stored. */
export async function putCiRuns(db: Db, repoId: string, input: CiRunsInput): Promise<number> {
  await db.transaction(async (q) => {
    if (input.defaultBranch) {
      await q.query(
        `INSERT INTO ci_repos (repo_id, url, default_branch) VALUES ($1, $2, $3)
         ON CONFLICT (repo_id) DO UPDATE SET url = excluded.url, default_branch = excluded.default_branch, updated_at = now()`,
        [repoId, input.repo, input.defaultBranch],
      );
    }
    for (const r of input.runs) {
      await q.query(
        `INSERT INTO ci_runs (repo_id, id, workflow, branch, sha, attempt, conclusion, started_at, finished_at, jobs)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9::timestamptz, $10::jsonb)
         ON CONFLICT (repo_id, id) DO UPDATE SET workflow = excluded.workflow, branch = excluded.branch, sha = excluded.sha, attempt = excluded.attempt,
           conclusion = excluded.conclusion, started_at = excluded.started_at, finished_at = excluded.finished_at, jobs = excluded.jobs, updated_at = now()`,
        [repoId, r.id, r.workflow, r.branch, r.sha.toLowerCase(), r.attempt, r.conclusion, r.startedAt, r.finishedAt, r.jobs ? JSON.stringify(r.jobs) : null],
      );
    }
  });
  return input.runs.length;
}

function toRun(r: CiRunRow): CiRun {
  return {
    id: r.id,
    workflow: r.workflow,
    branch: r.branch,
    sha: r.sha,
    attempt: r.attempt,
    conclusion: r.conclusion,
    startedAt: new Date(r.started_at).toISOString(),
    finishedAt: new Date(r.finished_at).toISOString(),
    ...(r.jobs ? { jobs: r.jobs } : {}),
  };
}

/** GET /v1/repos/{repoId}/ci-runs: the runs that finished since `since`, oldest first. */
export async function repoCiRuns(db: Queryable, repoId: string, since: string): Promise<CiRunsResponse> {
  const rows = await db.query<CiRunRow>('SELECT * FROM ci_runs WHERE repo_id = $1 AND finished_at >= $2::timestamptz ORDER BY finished_at, id', [repoId, since]);
  const repo = (await db.query<{ default_branch: string }>('SELECT default_branch FROM ci_repos WHERE repo_id = $1', [repoId])).rows[0];
  return { repoId, ...(repo ? { defaultBranch: repo.default_branch } : {}), since, runs: rows.rows.map(toRun) };
}

/** The Delivery page's CI table: every repository with runs in the window or the one before. */
export async function ciSummaries(db: Queryable, now: number, windowDays: number): Promise<CiRepoSummary[]> {
  const since = new Date(now - 2 * windowDays * 86_400_000).toISOString();
  const rows = await db.query<CiRunRow>('SELECT * FROM ci_runs WHERE finished_at >= $1::timestamptz AND finished_at <= $2::timestamptz ORDER BY repo_id, finished_at, id', [since, new Date(now).toISOString()]);
  const repos = await db.query<{ repo_id: string; default_branch: string | null; name: string | null; service: string | null; team: string | null }>(
    // A repository's team is its own, else its service's (as every insight reads it).
    `WITH rt AS (SELECT r.id, r.name, r.service, coalesce(r.team, s.team) AS team FROM repos r LEFT JOIN services s ON s.name = r.service)
     SELECT c.repo_id, c.default_branch, rt.name, rt.service, rt.team FROM ci_repos c LEFT JOIN rt ON rt.id = c.repo_id
     UNION SELECT rt.id, NULL, rt.name, rt.service, rt.team FROM rt WHERE rt.id NOT IN (SELECT repo_id FROM ci_repos)`,
  );
  const info = new Map(repos.rows.map((r) => [r.repo_id, r]));
  const byRepo = new Map<string, CiRun[]>();
  for (const r of rows.rows) {
    const list = byRepo.get(r.repo_id) ?? [];
    list.push(toRun(r));
    byRepo.set(r.repo_id, list);
  }
  return [...byRepo].map(([repoId, runs]) => {
    const i = info.get(repoId);
    const names = { ...(i?.name ? { repo: i.name } : {}), ...(i?.service ? { service: i.service } : {}), ...(i?.team ? { team: i.team } : {}) };
    return ciRepoSummary(repoId, i?.default_branch ?? DEFAULT_BRANCH, runs, now, windowDays, names);
  });
}
