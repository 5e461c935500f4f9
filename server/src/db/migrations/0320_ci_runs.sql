-- CI pipeline runs (#13), as a CI step posts them (POST /admin/v1/ci-runs): one row per
-- attempt, keyed by the repository (its platform id, the SHA-256 the extension sends) and
-- the run's own id, so posting a run again updates it. Served back per repository
-- (GET /v1/repos/{repoId}/ci-runs) and summarised on the dashboard's Delivery page.
CREATE TABLE ci_runs (
  repo_id text NOT NULL,
  id text NOT NULL,
  workflow text NOT NULL,
  branch text NOT NULL,
  sha text NOT NULL,
  attempt integer NOT NULL,
  conclusion text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  jobs jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (repo_id, id)
);
CREATE INDEX ci_runs_repo_finished ON ci_runs (repo_id, finished_at);

-- The default branch a CI step names with its runs (the latest post wins).
CREATE TABLE ci_repos (
  repo_id text PRIMARY KEY,
  url text,
  default_branch text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
